from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "muhabir.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from muhabir.newsroom import signals  # noqa: F401 - connects the handlers
        from muhabir.newsroom.roles import administrator_permissions_sync

        post_migrate.connect(administrator_permissions_sync, sender=self)
