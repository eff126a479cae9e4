"""The directory's reader pages: one Wagtail page per language, the rest routed below it.

Entries are not pages (they are bilingual records, not one page per language), so the
directory page answers every address under it with Wagtail's routable-page routes:
``/tr/rehber/mekanlar/<slug>/``, ``/de/verzeichnis/orte/<slug>/``. Each kind of page has
its own path segment per language; a page answers only its own language's segments.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from muhabir.core.page_permissions import EditorialPermissionsMixin
from muhabir.directory.segments import kind_for_segment, segment_for_kind, segments_pattern
from muhabir.directory.views import associations, centres, event_feeds, events, offers, places
from muhabir.directory.views import map as map_views
from muhabir.directory.views import near as near_views
from muhabir.directory.views import propose as propose_views
from muhabir.directory.views import start as start_views
from muhabir.pagecache.restrictions import KnownRestrictionsMixin


def _below(kind: str, pattern: str = "") -> str:
    """A route below ``kind``'s segment: any language's, checked against the page's in the view.

    Wagtail hands ``feed.ics`` over as ``feed.ics/`` (it appends a slash to every path),
    so calendar files match with the slash too.
    """
    return rf"^{segments_pattern(kind)}/{pattern}$"


class DirectoryPage(KnownRestrictionsMixin, EditorialPermissionsMixin, RoutablePageMixin, Page):
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
    # The directory sits in the site's main navigation next to the sections.
    show_in_menus_default = True

    class Meta:
        verbose_name = _("directory")
        verbose_name_plural = _("directories")

    @property
    def language(self) -> str:
        return self.locale.language_code

    def segment(self, kind: str) -> str:
        return segment_for_kind(kind, self.language)

    @cached_property
    def base_url(self) -> str:
        """The directory page's own address. Kept on the instance: a list links every entry
        through it, and Wagtail works a page's address out anew each time it is asked."""
        return self.url or ""

    def url_for(self, kind: str, rest: str = "") -> str:
        """The address of a page of the directory, e.g. ``url_for("places", "cay-bahcesi/")``."""
        base = self.base_url
        if kind == "start":
            return base + rest
        return f"{base}{self.segment(kind)}/{rest}"

    def route_url(self, name: str, kwargs: dict) -> str:
        """The address of route ``name`` with ``kwargs`` on this page, in its own language."""
        kwargs = dict(kwargs)
        if "segment" in kwargs:
            kwargs["segment"] = self.segment(kind_for_segment(kwargs["segment"]))
        return self.base_url + self.reverse_subpage(name, kwargs=kwargs)

    def _own(self, kind: str, segment: str) -> None:
        # /tr/rehber/orte/ is not an address: each language has its own words.
        if segment != self.segment(kind):
            raise Http404

    # Routes ------------------------------------------------------------------------------

    @path("", name="start")
    def start(self, request):
        return start_views.start(request, self)

    @re_path(_below("places"), name="place_list")
    def place_list(self, request, segment):
        self._own("places", segment)
        return places.place_list(request, self)

    @re_path(_below("places", r"(?P<slug>[-a-zA-Z0-9_]+)/"), name="place_detail")
    def place_detail(self, request, segment, slug):
        self._own("places", segment)
        return places.place_detail(request, self, slug)

    @re_path(_below("associations"), name="association_list")
    def association_list(self, request, segment):
        self._own("associations", segment)
        return associations.association_list(request, self)

    @re_path(_below("associations", r"(?P<slug>[-a-zA-Z0-9_]+)/"), name="association_detail")
    def association_detail(self, request, segment, slug):
        self._own("associations", segment)
        return associations.association_detail(request, self, slug)

    @re_path(_below("centres"), name="centre_list")
    def centre_list(self, request, segment):
        self._own("centres", segment)
        return centres.centre_list(request, self)

    @re_path(_below("centres", r"(?P<slug>[-a-zA-Z0-9_]+)/"), name="centre_detail")
    def centre_detail(self, request, segment, slug):
        self._own("centres", segment)
        return centres.centre_detail(request, self, slug)

    @re_path(_below("offers"), name="offer_list")
    def offer_list(self, request, segment):
        self._own("offers", segment)
        return offers.offer_list(request, self)

    @re_path(_below("offers", r"(?P<slug>[-a-zA-Z0-9_]+)/"), name="offer_detail")
    def offer_detail(self, request, segment, slug):
        self._own("offers", segment)
        return offers.offer_detail(request, self, slug)

    @re_path(_below("events"), name="event_list")
    def event_list(self, request, segment):
        self._own("events", segment)
        return events.event_list(request, self)

    @re_path(_below("events", r"feed\.ics/"), name="event_feed")
    def event_feed(self, request, segment):
        self._own("events", segment)
        return event_feeds.feed_all(request, self)

    @re_path(_below("events", r"city/(?P<city>[-\w]+)\.ics/"), name="event_feed_city")
    def event_feed_city(self, request, segment, city):
        self._own("events", segment)
        return event_feeds.feed_city(request, self, city)

    @re_path(
        _below("events", r"organiser/(?P<kind>[-\w]+)/(?P<slug>[-\w]+)\.ics/"),
        name="event_feed_organiser",
    )
    def event_feed_organiser(self, request, segment, kind, slug):
        self._own("events", segment)
        return event_feeds.feed_organiser(request, self, kind, slug)

    @re_path(_below("events", r"(?P<year>\d{4})/(?P<month>\d{2})/"), name="event_month")
    def event_month(self, request, segment, year, month):
        self._own("events", segment)
        return events.event_month(request, self, year, month)

    @re_path(_below("events", r"(?P<slug>[-\w]+)\.ics/"), name="event_ics")
    def event_ics(self, request, segment, slug):
        self._own("events", segment)
        return event_feeds.event_ics(request, self, slug)

    @re_path(_below("events", r"(?P<slug>[-a-zA-Z0-9_]+)/"), name="event_detail")
    def event_detail(self, request, segment, slug):
        self._own("events", segment)
        return events.event_detail(request, self, slug)

    @re_path(_below("near"), name="near")
    def near(self, request, segment):
        self._own("near", segment)
        return near_views.near_view(request, self)

    @re_path(_below("map"), name="map")
    def map(self, request, segment):
        self._own("map", segment)
        return map_views.map_view(request, self)

    @re_path(_below("propose"), name="propose")
    def propose(self, request, segment):
        self._own("propose", segment)
        return propose_views.choose(request, self)

    @re_path(_below("propose", r"(?P<what>event|association)/"), name="propose_form")
    def propose_form(self, request, segment, what):
        self._own("propose", segment)
        return propose_views.propose(request, self, what)

    @re_path(_below("propose", "thanks/"), name="propose_thanks")
    def propose_thanks(self, request, segment):
        self._own("propose", segment)
        return propose_views.thanks(request, self)
