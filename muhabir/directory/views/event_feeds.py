"""iCalendar downloads and feeds of the event calendar.

Below the events segment, the same in both languages so subscriptions stay valid:
``<slug>.ics`` (one event), ``feed.ics`` (every event), ``city/<city-slug>.ics`` and
``organiser/association/<slug>.ics`` or ``organiser/centre/<slug>.ics``.
"""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from muhabir.core.sites import site_name
from muhabir.directory.calendar import ical
from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import Association, Event, IntegrationCentre
from muhabir.directory.views.event_filters import EventFeedFilterSet, organiser_value
from muhabir.directory.views.events import event_or_404, event_url, organiser_url

FEED_MAX_AGE = 300
ORGANISER_KINDS = {"association": Association, "centre": IntegrationCentre}


def _ical_components(request, page, events) -> list:
    components = []
    for event in events:
        organiser = event.organiser_shown
        components.append(
            ical.ical_event(
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
    # The stubs allow None; given a response, Django returns a 304, a 412 or that response.
    return get_conditional_response(request, etag=etag, response=response) or response


@require_safe
def event_ics(request, page, slug: str):
    event = event_or_404(slug)
    name = event.text("title", page.language)
    body = ical.ical_calendar(name, _ical_components(request, page, [event]))
    # The slug is ASCII letters, digits and hyphens: safe in a header as it is.
    return _ical_response(request, body, filename=f"{event.slug}.ics")


def _feed(request, page, name: str, **selected: str) -> HttpResponse:
    """A feed of the events the filter values ``selected`` (``city="Köln"``) keep; all without."""
    filterset = EventFeedFilterSet(selected, Event.objects.public(), page.language)
    events = calendar.feed_events(timezone.now(), filterset.qs)
    body = ical.ical_calendar(name, _ical_components(request, page, events))
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
    return _feed(request, page, title, city=name)


@require_safe
def feed_organiser(request, page, kind: str, slug: str):
    model = ORGANISER_KINDS.get(kind)
    if model is None:
        raise Http404
    organiser = get_object_or_404(model.objects.public(), slug=slug)
    title = gettext("%(site)s – events of %(organiser)s") % {
        "site": site_name(request),
        "organiser": organiser,
    }
    return _feed(request, page, title, organiser=organiser_value(organiser))
