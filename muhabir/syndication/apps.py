from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "muhabir.syndication"
    label = "syndication"
    verbose_name = _("Syndication")

    def ready(self) -> None:
        from muhabir.syndication import signals  # noqa: F401 - connects the handlers
