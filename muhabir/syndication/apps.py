from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "muhabir.syndication"
    label = "syndication"
    verbose_name = _("Syndication")

    def ready(self) -> None:
        # Importing connects the handlers; they name models, which need the app registry.
        from muhabir.syndication import signals  # noqa: F401
