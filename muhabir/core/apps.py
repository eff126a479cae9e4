from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "muhabir.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Django registers checks in ready(): the check functions read models and settings.
        from muhabir.core import checks  # noqa: F401 - registers the system checks
