from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "muhabir.home"
    label = "home"
    verbose_name = _("Home")

    def ready(self) -> None:
        # The handlers name models, which cannot be imported before the app registry is ready.
        from muhabir.home import signals

        signals.connect()
