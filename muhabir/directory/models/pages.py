"""The directory's reader pages: one Wagtail page per language, the rest routed below it.

Entries are not pages (they are bilingual records, not one page per language), so the
directory page answers every address under it: ``/tr/rehber/mekanlar/<slug>/``,
``/de/verzeichnis/orte/<slug>/``. Each kind of page has its own localised path segment
and its own URL patterns in ``muhabir.directory.views``.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import Resolver404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from muhabir.core.page_permissions import EditorialPermissionsMixin
from muhabir.directory import routes


class DirectoryPage(EditorialPermissionsMixin, RoutablePageMixin, Page):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown at the top of the directory's start page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory")
        verbose_name_plural = _("directories")

    @property
    def language(self) -> str:
        return self.locale.language_code

    @path("")
    def start(self, request):
        return routes.dispatch(request, self, "start", "")

    @re_path(r"^(?P<segment>[-\w]+)/(?P<rest>.*)$")
    def below(self, request, segment: str, rest: str):
        kind = routes.kind_for_segment(segment, self.language)
        if kind is None:
            raise Http404
        try:
            return routes.dispatch(request, self, kind, rest)
        except Resolver404 as error:
            raise Http404 from error

    def url_for(self, kind: str, rest: str = "") -> str:
        """The address of a page of the directory, e.g. ``url_for("places", "cay-bahcesi/")``."""
        return routes.url_for(self, kind, rest)
