from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "muhabir.pagecache"
    label = "pagecache"
    verbose_name = _("page cache")

    def ready(self) -> None:
        # Signal receivers connect once the models they listen to exist.
        from muhabir.pagecache import invalidation, recording

        recording.connect()
        invalidation.connect()
