from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "muhabir.directory"
    label = "directory"
    verbose_name = _("Community directory")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The roles name Group and Permission, models that cannot be imported before the app
        # registry is ready.
        from muhabir.directory.roles import directory_permissions_sync
        from muhabir.newsroom.roles import last_app_config

        post_migrate.connect(directory_permissions_sync, sender=last_app_config())
