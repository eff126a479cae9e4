"""The event calendar: upcoming events, a month, an event, and iCalendar downloads and feeds.

Addresses below the events segment (``/tr/rehber/etkinlikler/``, ``/de/verzeichnis/
veranstaltungen/``), the same in both languages so subscriptions stay valid:

- ``""``: upcoming events, filtered by ``city``, ``district``, ``organiser`` and ``q``
- ``<yyyy>/<mm>/``: one month, day by day
- ``<slug>/``: an event; ``<slug>.ics``: that event for a calendar program
- ``feed.ics``, ``city/<city-slug>.ics``, ``organiser/<kind>/<slug>.ics``: feeds, in
  ``muhabir.directory.views.event_feeds``
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from muhabir.core import text
from muhabir.core.metadata import FeedLink
from muhabir.core.sites import site_name
from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import Association, Event, IntegrationCentre
from muhabir.directory.recurrence import recurrence_text
from muhabir.directory.views.common import (
    PAGE_SIZE,
    DirectoryView,
    paginate,
    render,
)
from muhabir.directory.views.event_filters import EventFilterSet, organiser_kind
from muhabir.directory.views.structured import event_json_ld
from muhabir.newsroom.selectors import public_articles_for
from muhabir.pagecache.fragments import remembered
from muhabir.pagecache.recording import note_change_at

# The upcoming list pages through at most this many occurrences.
MAX_LISTED = 400
NEXT_DATES = 5
RELATED_ARTICLES = 5
YEARS = range(1900, 2101)


# Addresses -------------------------------------------------------------------------------


def event_url(page, event: Event) -> str:
    return page.url_for("events", f"{event.slug}/")


def event_ics_url(page, event: Event) -> str:
    return page.url_for("events", f"{event.slug}.ics")


def month_url(page, day: dt.date) -> str:
    return page.url_for("events", f"{day.year:04d}/{day.month:02d}/")


def organiser_url(page, organiser) -> str:
    kind = "associations" if isinstance(organiser, Association) else "centres"
    return page.url_for(kind, f"{organiser.slug}/")


def place_url(page, place) -> str:
    return page.url_for("places", f"{place.slug}/")


def feed_link_all(request, page) -> FeedLink:
    title = gettext("%(site)s – events") % {"site": site_name(request)}
    href = request.build_absolute_uri(page.url_for("events", "feed.ics"))
    return FeedLink("text/calendar", title, href)


def webcal(url: str) -> str:
    """The ``webcal://`` form of an http(s) feed address: calendar programs subscribe to it."""
    return "webcal://" + url.split("://", 1)[-1]


# Reader pages ----------------------------------------------------------------------------


def _describe(page, occurrence: calendar.Occurrence) -> dict:
    """What a listing shows of one occurrence."""
    event = occurrence.event
    place = event.place_shown
    organiser = event.organiser_shown
    title = event.text("title", page.language)
    return {
        "occurrence": occurrence,
        "event": event,
        "title": title,
        "title_language": title.language,
        "url": event_url(page, event),
        "venue": event.venue,
        "place_url": place_url(page, place) if place else "",
        "city": event.location_city,
        "organiser": event.organiser,
        "organiser_url": organiser_url(page, organiser) if organiser else "",
        "recurring": bool(event.rrule),
    }


def _with_calendar_feed(request, page, response):
    """Add the events feed to the page head, for calendar programs and browsers to find."""
    response.context_data["route_head"].feeds.append(feed_link_all(request, page))
    return response


@require_safe
def event_list(request, page):
    filterset = EventFilterSet(request.GET, Event.objects.public(), page.language)
    state = filterset.state()
    now = timezone.now()
    # Kept for every reader with the same filters until an event changes or the first
    # listed one is over (calendar.upcoming notes when).
    occurrences = remembered(
        request,
        "event-list",
        [state.querystring],
        lambda: calendar.upcoming(now, MAX_LISTED, filterset.qs),
    )
    page_obj = paginate(request, occurrences, PAGE_SIZE)
    items = [_describe(page, occurrence) for occurrence in page_obj.object_list]
    today = timezone.localdate(now, calendar.EVENT_TIME_ZONE)
    # The link to this month's calendar moves on at midnight.
    note_change_at(calendar.midnight(today + dt.timedelta(days=1)).timestamp())
    view = DirectoryView(page, title=gettext("Upcoming events"))
    response = render(
        request,
        view,
        "directory/event_list.html",
        {
            "items": items,
            "page_obj": page_obj,
            "querystring": state.querystring,
            "state": state,
            "list_url": page.url_for("events"),
            "month_url": month_url(page, today),
            "feeds": _feed_choices(
                request, page, filterset.city_selected(), filterset.organiser_selected()
            ),
        },
        page_number=page_obj.number,
    )
    return _with_calendar_feed(request, page, response)


def _feed_choices(
    request, page, city: str = "", organiser: Association | IntegrationCentre | None = None
) -> list[dict]:
    """The subscribe links: every event, and the city or organiser the reader chose."""
    feeds = [{"title": gettext("All events"), "url": page.url_for("events", "feed.ics")}]
    if city:
        city_slug = text.slug(city, page.language)
        feeds.append(
            {
                "title": gettext("Events in %(city)s") % {"city": city},
                "url": page.url_for("events", f"city/{city_slug}.ics"),
            }
        )
    if organiser is not None:
        feeds.append(
            {
                "title": gettext("Events of %(organiser)s") % {"organiser": organiser},
                "url": page.url_for(
                    "events", f"organiser/{organiser_kind(organiser)}/{organiser.slug}.ics"
                ),
            }
        )
    for feed in feeds:
        feed["webcal"] = webcal(request.build_absolute_uri(feed["url"]))
    return feeds


@require_safe
def event_month(request, page, year: str, month: str):
    year_number, month_number = int(year), int(month)
    if year_number not in YEARS or not 1 <= month_number <= 12:
        raise Http404
    first = dt.date(year_number, month_number, 1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    since, until = calendar.midnight(first), calendar.midnight(following)
    occurrences = calendar.in_window(since, until)
    days = []
    # An event that began last month is listed on the month's first day.
    for day, group in groupby(occurrences, key=lambda o: max(o.start.date(), first)):
        days.append({"day": day, "items": [_describe(page, o) for o in group]})
    month_name = date_format(first, "YEAR_MONTH_FORMAT")
    view = DirectoryView(
        page, title=gettext("Events in %(month)s") % {"month": month_name}, crumb=month_name
    )
    response = render(
        request,
        view,
        "directory/event_month.html",
        {
            "month": first,
            "days": days,
            "previous_url": month_url(page, previous) if previous.year in YEARS else "",
            "next_url": month_url(page, following) if following.year in YEARS else "",
            "previous_month": previous,
            "next_month": following,
            "list_url": page.url_for("events"),
            "feeds": _feed_choices(request, page),
        },
        keep_query=False,
    )
    return _with_calendar_feed(request, page, response)


def event_or_404(slug: str) -> Event:
    return get_object_or_404(Event.objects.public(), slug=slug)


@require_safe
def event_detail(request, page, slug: str):
    event = event_or_404(slug)
    now = timezone.now()
    language = page.language
    place = event.place_shown
    organiser = event.organiser_shown
    first = calendar.first_occurrence(event)
    upcoming = calendar.next_dates(event, NEXT_DATES, now) if event.rrule else []
    is_past = event.last_end is not None and event.last_end < now
    if event.last_end is not None and not is_past:
        # The page says "this event is over" from then on.
        note_change_at(event.last_end.timestamp())
    title = event.text("title", language)
    description = event.text("description", language)
    price = event.text("price", language)
    url = request.build_absolute_uri(event_url(page, event))
    organiser_address = (
        request.build_absolute_uri(organiser_url(page, organiser)) if organiser else ""
    )
    response = render(
        request,
        DirectoryView(page, title=title, crumb=title),
        "directory/event_detail.html",
        {
            "event": event,
            "title_language": title.language,
            "description": description,
            "description_language": description.language,
            "price": price,
            "price_language": price.language,
            "first": first,
            "is_past": is_past,
            "recurrence": recurrence_text(event.rrule, event.start),
            "next_dates": upcoming,
            "venue": event.venue,
            "address_lines": event.location_lines,
            "place": place,
            "place_url": place_url(page, place) if place else "",
            "organiser": event.organiser,
            "organiser_url": organiser_url(page, organiser) if organiser else "",
            "ics_url": event_ics_url(page, event),
            "list_url": page.url_for("events"),
            "month_url": month_url(page, first.start.date()),
            "articles": _articles(page, event),
        },
        description=text.teaser(description) if description else "",
        json_ld=[
            event_json_ld(
                event,
                upcoming[0] if upcoming else first,
                language=language,
                url=url,
                organiser_url=organiser_address,
            )
        ],
        keep_query=False,
    )
    return _with_calendar_feed(request, page, response)


def _articles(page, event: Event) -> list:
    """Live articles naming the event, in the reader's language or shown to all, newest first."""
    return list(public_articles_for(page.locale).filter(events=event)[:RELATED_ARTICLES])
