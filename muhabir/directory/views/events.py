"""The event calendar: upcoming events, a month, an event, and iCalendar downloads and feeds.

Addresses below the events segment (``/tr/rehber/etkinlikler/``, ``/de/verzeichnis/
veranstaltungen/``), the same in both languages so subscriptions stay valid:

- ``""``: upcoming events, filtered by ``city``, ``district``, ``organiser`` and ``q``
- ``<yyyy>/<mm>/``: one month, day by day
- ``<slug>/``: an event; ``<slug>.ics``: that event for a calendar program
- ``feed.ics``: every event; ``city/<city-slug>.ics``: events in one city;
  ``organiser/association/<slug>.ics`` and ``organiser/centre/<slug>.ics``: one organiser's.

muhabir/urls.py sends ``.ics`` paths to the page routing, which hands them over with a
slash appended: hence the ``/?`` in the patterns below.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from itertools import groupby

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.formats import date_format
from django.utils.http import quote_etag
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from wagtail.models import Site

from muhabir.core import text
from muhabir.directory import calendar
from muhabir.directory.calendar import EventFilters
from muhabir.directory.models import Association, District, Event, IntegrationCentre
from muhabir.directory.models.base import bilingual, bilingual_language
from muhabir.directory.recurrence import recurrence_text
from muhabir.directory.selectors import entries_public
from muhabir.directory.views.common import (
    PAGE_SIZE,
    DirectoryView,
    paginate,
    render,
    sort_key,
)
from muhabir.directory.views.filters import Choice, Filter, FilterState, filters_apply
from muhabir.home.navigation import site_navigation
from muhabir.newsroom.selectors import public_articles_for
from muhabir.syndication.links import local_iso
from muhabir.syndication.metadata import FeedLink

# The upcoming list pages through at most this many occurrences.
MAX_LISTED = 400
NEXT_DATES = 5
RELATED_ARTICLES = 5
FEED_MAX_AGE = 300
YEARS = range(1900, 2101)
ORGANISER_KINDS = {"association": Association, "centre": IntegrationCentre}


# Addresses -------------------------------------------------------------------------------


def event_url(page, event: Event) -> str:
    return page.url_for("events", f"{event.slug}/")


def event_ics_url(page, event: Event) -> str:
    return page.url_for("events", f"{event.slug}.ics")


def month_url(page, day: dt.date) -> str:
    return page.url_for("events", f"{day.year:04d}/{day.month:02d}/")


def organiser_kind(organiser) -> str:
    return "association" if isinstance(organiser, Association) else "centre"


def organiser_url(page, organiser) -> str:
    kind = "associations" if isinstance(organiser, Association) else "centres"
    return page.url_for(kind, f"{organiser.slug}/")


def place_url(page, place) -> str:
    return page.url_for("places", f"{place.slug}/")


def site_name(request) -> str:
    # The masthead reads the same cached navigation; share it.
    if not hasattr(request, "_muhabir_navigation"):
        request._muhabir_navigation = site_navigation(Site.find_for_request(request))
    return request._muhabir_navigation.site_name


def feed_link_all(request, page) -> FeedLink:
    title = gettext("%(site)s – events") % {"site": site_name(request)}
    href = request.build_absolute_uri(page.url_for("events", "feed.ics"))
    return FeedLink("text/calendar", title, href)


def webcal(url: str) -> str:
    """The ``webcal://`` form of an http(s) feed address: calendar programs subscribe to it."""
    return "webcal://" + url.split("://", 1)[-1]


# Filters ---------------------------------------------------------------------------------


def _keep(queryset, value):
    return queryset


def _filters_from(request, page) -> tuple[EventFilters, FilterState]:
    """Filters from the query string, as the calendar reads them and as the form shows them.

    The form is the directory's filter form; values that are not a choice are left out
    with a note, as in the other lists.
    """
    language = page.language
    cities = calendar.event_cities(language).values()
    districts = District.objects.filter(pk__in=_district_ids())
    organisers = _organisers(language)
    filters = [
        Filter(
            name="city",
            label=gettext("City"),
            all_label=gettext("All cities"),
            choices=[Choice(c, c) for c in sorted(cities, key=lambda c: sort_key(c, language))],
            apply=_keep,
        ),
        Filter(
            name="district",
            label=gettext("Kreis or city"),
            all_label=gettext("All districts"),
            choices=[
                Choice(d.slug, d.name)
                for d in sorted(districts, key=lambda d: sort_key(d.name, language))
            ],
            apply=_keep,
        ),
        Filter(
            name="organiser",
            label=gettext("Organiser"),
            all_label=gettext("All organisers"),
            choices=[Choice(value, str(organiser)) for value, organiser in organisers.items()],
            apply=_keep,
        ),
    ]
    _, state = filters_apply(request, Event.objects.none(), filters)
    selected = {item.name: item.selected for item in filters}
    organiser = organisers.get(selected["organiser"])
    event_filters = EventFilters(
        city=selected["city"],
        district=next((d for d in districts if d.slug == selected["district"]), None),
        association=organiser if isinstance(organiser, Association) else None,
        centre=organiser if isinstance(organiser, IntegrationCentre) else None,
        query=state.query,
    )
    return event_filters, state


def _district_ids() -> set[int]:
    ids: set[int] = set()
    for own, place_district, place_live in calendar.events_public().values_list(
        "district", "place__district", "place__live"
    ):
        if own:
            ids.add(own)
        elif place_district and place_live:
            ids.add(place_district)
    return ids


def _organisers(language: str) -> dict:
    """``association:<slug>`` / ``centre:<slug>`` → each live organiser of a live event."""
    events = calendar.events_public()
    associations = entries_public(Association).filter(events__in=events).distinct()
    centres = entries_public(IntegrationCentre).filter(events__in=events).distinct()
    ordered = sorted([*associations, *centres], key=lambda o: sort_key(str(o), language))
    return {f"{organiser_kind(o)}:{o.slug}": o for o in ordered}


# Reader pages ----------------------------------------------------------------------------


def _describe(page, occurrence: calendar.Occurrence) -> dict:
    """What a listing shows of one occurrence."""
    event = occurrence.event
    place = calendar.event_place(event)
    organiser = calendar.event_organiser(event)
    return {
        "occurrence": occurrence,
        "event": event,
        "title": bilingual(event, "title", page.language),
        "title_language": bilingual_language(event, "title", page.language),
        "url": event_url(page, event),
        "venue": calendar.venue_name(event),
        "place_url": place_url(page, place) if place else "",
        "city": calendar.event_city(event),
        "organiser": calendar.organiser_name(event),
        "organiser_url": organiser_url(page, organiser) if organiser else "",
        "recurring": bool(event.rrule),
    }


def _with_calendar_feed(request, page, response):
    """Add the events feed to the page head, for calendar programs and browsers to find."""
    metadata = response.context_data["head_metadata"]
    metadata.feeds.append(feed_link_all(request, page))
    return response


@require_safe
def event_list(request, page):
    filters, state = _filters_from(request, page)
    now = timezone.now()
    occurrences = calendar.upcoming(now, MAX_LISTED, filters)
    page_obj = paginate(request, occurrences, PAGE_SIZE)
    items = [_describe(page, occurrence) for occurrence in page_obj.object_list]
    today = timezone.localdate(now, calendar.EVENT_TIME_ZONE)
    view = DirectoryView(page, title=gettext("Upcoming events"))
    response = render(
        request,
        view,
        "directory/event_list.html",
        {
            "items": items,
            "page_obj": page_obj,
            "querystring": state.querystring,
            "filters": filters,
            "state": state,
            "list_url": page.url_for("events"),
            "month_url": month_url(page, today),
            "feeds": _feed_choices(request, page, filters),
        },
        page_number=page_obj.number,
    )
    return _with_calendar_feed(request, page, response)


def _feed_choices(request, page, filters: EventFilters) -> list[dict]:
    """The subscribe links: every event, and the city or organiser the reader chose."""
    feeds = [{"title": gettext("All events"), "url": page.url_for("events", "feed.ics")}]
    if filters.city:
        city_slug = text.slug(filters.city, page.language)
        feeds.append(
            {
                "title": gettext("Events in %(city)s") % {"city": filters.city},
                "url": page.url_for("events", f"city/{city_slug}.ics"),
            }
        )
    organiser = filters.association or filters.centre
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
            "feeds": _feed_choices(request, page, EventFilters()),
        },
        keep_query=False,
    )
    return _with_calendar_feed(request, page, response)


def _event_or_404(slug: str) -> Event:
    return get_object_or_404(calendar.events_public(), slug=slug)


@require_safe
def event_detail(request, page, slug: str):
    event = _event_or_404(slug)
    now = timezone.now()
    language = page.language
    place = calendar.event_place(event)
    organiser = calendar.event_organiser(event)
    first = calendar.first_occurrence(event)
    upcoming = calendar.next_dates(event, NEXT_DATES, now) if event.rrule else []
    title = bilingual(event, "title", language)
    description = bilingual(event, "description", language)
    view = DirectoryView(page, title=title, crumb=title)
    url = request.build_absolute_uri(event_url(page, event))
    response = render(
        request,
        view,
        "directory/event_detail.html",
        {
            "event": event,
            "title_language": bilingual_language(event, "title", language),
            "description": description,
            "description_language": bilingual_language(event, "description", language),
            "price": bilingual(event, "price", language),
            "price_language": bilingual_language(event, "price", language),
            "first": first,
            "is_past": event.last_end is not None and event.last_end < now,
            "recurrence": recurrence_text(event.rrule, event.start),
            "next_dates": upcoming,
            "venue": calendar.venue_name(event),
            "address_lines": calendar.address_lines(event),
            "place": place,
            "place_url": place_url(page, place) if place else "",
            "organiser": calendar.organiser_name(event),
            "organiser_url": organiser_url(page, organiser) if organiser else "",
            "ics_url": event_ics_url(page, event),
            "list_url": page.url_for("events"),
            "month_url": month_url(page, first.start.date()),
            "articles": _articles(page, event),
        },
        description=text.teaser(description) if description else "",
        json_ld=[_event_json_ld(request, page, event, first, upcoming, url, title, description)],
        keep_query=False,
    )
    return _with_calendar_feed(request, page, response)


def _articles(page, event: Event) -> list:
    """Live articles naming the event, in the reader's language or shown to all, newest first."""
    return list(public_articles_for(page.locale).filter(events=event)[:RELATED_ARTICLES])


def _event_json_ld(request, page, event, first, upcoming, url, title, description) -> dict:
    status = "EventCancelled" if event.cancelled else "EventScheduled"
    occurrence = upcoming[0] if upcoming else first
    data = {
        "@type": "Event",
        "name": title,
        "url": url,
        "inLanguage": page.language,
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if event.all_day:
        data["startDate"] = occurrence.first_day.isoformat()
        data["endDate"] = occurrence.last_day.isoformat()
    else:
        data["startDate"] = local_iso(occurrence.start, calendar.EVENT_TIME_ZONE)
        if occurrence.end > occurrence.start:
            data["endDate"] = local_iso(occurrence.end, calendar.EVENT_TIME_ZONE)
    if description:
        data["description"] = text.teaser(description)
    venue = calendar.venue_name(event)
    lines = calendar.address_lines(event)
    if venue or lines:
        location = {"@type": "Place", "name": venue or ", ".join(lines)}
        place = calendar.event_place(event)
        source = event if (event.street or event.city) or place is None else place
        address = {
            "@type": "PostalAddress",
            "streetAddress": source.street,
            "postalCode": source.postcode,
            "addressLocality": source.city,
            "addressCountry": "DE",
        }
        location["address"] = {key: value for key, value in address.items() if value}
        point = calendar.coordinates(event)
        if point is not None:
            location["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": point[0],
                "longitude": point[1],
            }
        data["location"] = location
    organiser = calendar.event_organiser(event)
    name = calendar.organiser_name(event)
    if name:
        data["organizer"] = {"@type": "Organization", "name": name}
        if organiser is not None:
            data["organizer"]["url"] = request.build_absolute_uri(organiser_url(page, organiser))
    return data


# iCalendar -------------------------------------------------------------------------------


def _ical_components(request, page, events) -> list:
    components = []
    for event in events:
        organiser = calendar.event_organiser(event)
        components.append(
            calendar.ical_event(
                event,
                language=page.language,
                url=request.build_absolute_uri(event_url(page, event)),
                organiser_url=(
                    request.build_absolute_uri(organiser_url(page, organiser)) if organiser else ""
                ),
            )
        )
    return components


def _ical_response(request, body: bytes, *, filename: str | None = None) -> HttpResponse:
    """The calendar with an ETag; 304 when the reader's copy is the same."""
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    if filename is not None:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    conditional = get_conditional_response(request, etag=etag, response=response)
    return conditional


@require_safe
def event_ics(request, page, slug: str):
    event = _event_or_404(slug)
    name = bilingual(event, "title", page.language)
    body = calendar.ical_calendar(name, _ical_components(request, page, [event]))
    # The slug is ASCII letters, digits and hyphens: safe in a header as it is.
    return _ical_response(request, body, filename=f"{event.slug}.ics")


def _feed(request, page, name: str, filters: EventFilters | None = None) -> HttpResponse:
    events = calendar.feed_events(timezone.now(), filters)
    body = calendar.ical_calendar(name, _ical_components(request, page, events))
    return _ical_response(request, body)


@require_safe
def feed_all(request, page):
    name = gettext("%(site)s – events") % {"site": site_name(request)}
    return _feed(request, page, name)


@require_safe
def feed_city(request, page, city: str):
    name = calendar.event_cities(page.language).get(city)
    if name is None:
        raise Http404
    title = gettext("%(site)s – events in %(city)s") % {"site": site_name(request), "city": name}
    return _feed(request, page, title, EventFilters(city=name))


@require_safe
def feed_organiser(request, page, kind: str, slug: str):
    model = ORGANISER_KINDS.get(kind)
    if model is None:
        raise Http404
    organiser = get_object_or_404(entries_public(model), slug=slug)
    title = gettext("%(site)s – events of %(organiser)s") % {
        "site": site_name(request),
        "organiser": organiser,
    }
    filters = (
        EventFilters(association=organiser)
        if model is Association
        else EventFilters(centre=organiser)
    )
    return _feed(request, page, title, filters)
