"""Feeds, under each language prefix: /tr/feed/, /de/feed/section/vereine/atom/, ..."""

from django.urls import path

from muhabir.syndication import feeds

app_name = "feeds"

_SUFFIX = {"rss": "", "atom": "atom/", "json": "json/"}

urlpatterns = []
for _kind, _suffix in _SUFFIX.items():
    urlpatterns += [
        path(f"feed/{_suffix}", feeds.language_feed, {"kind": _kind}, name=_kind),
        path(
            f"feed/section/<str:slug>/{_suffix}",
            feeds.section_feed,
            {"kind": _kind},
            name=f"section_{_kind}",
        ),
        path(
            f"feed/tag/<str:slug>/{_suffix}",
            feeds.tag_feed,
            {"kind": _kind},
            name=f"tag_{_kind}",
        ),
    ]
