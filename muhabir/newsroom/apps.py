from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "muhabir.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        # The handlers, roles and workflow names name models, which cannot be imported before
        # the app registry is ready.
        from muhabir.newsroom import signals  # noqa: F401 - connects the handlers
        from muhabir.newsroom.roles import administrator_permissions_sync, last_app_config
        from muhabir.newsroom.workflow_names import workflow_names_connect

        post_migrate.connect(administrator_permissions_sync, sender=last_app_config())
        workflow_names_connect()
