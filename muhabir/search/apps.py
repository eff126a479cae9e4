from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "muhabir.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # The handlers name models, which cannot be imported before the app registry is ready.
        from muhabir.search import signals  # noqa: F401 - connects the handlers
