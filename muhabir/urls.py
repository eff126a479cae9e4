from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

# The 500 page shows the request id, which a reader can quote to the newsroom.
handler500 = "muhabir.operations.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("muhabir.operations.urls")),
    path("a11y/", include("muhabir.accessibility.urls")),
    path("", include("muhabir.syndication.urls")),
]

if getattr(settings, "MUHABIR_SERVE_MEDIA", False):
    # Without a front proxy (make run, tests) the app serves uploads itself.
    from django.views.static import serve

    def media(request, path):
        # Documents only through Wagtail's view (/documents/<id>/<name>), which checks
        # their privacy; their files here would bypass it.
        if path.startswith("documents/"):
            raise Http404(path)
        # MEDIA_ROOT is read per request, not frozen when the URLconf is first imported.
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media)]

urlpatterns += i18n_patterns(
    # Before Wagtail's catch-all page route, which would take /tr/feed/ for a page path.
    path("", include("muhabir.syndication.feed_urls")),
    path("", include("muhabir.search.urls")),
    # Calendar files below a page (/tr/rehber/etkinlikler/feed.ics). Wagtail's serve pattern
    # (wagtail/urls.py) takes only word characters, hyphens and slashes, so a path with a
    # dot never reaches a page's routes; this hands it to the same view, and the
    # DirectoryPage's @re_path routes answer it.
    re_path(r"^((?:[\w\-]+/)+[\w\-]+\.ics)$", wagtail_views.serve, name="wagtail_serve_ics"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
