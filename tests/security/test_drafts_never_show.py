"""A draft saved on a live article or directory entry changes nothing readers see.

Editors press "Save draft" (not "Publish") in the admin; readers keep seeing the live
revision everywhere: the page itself, listings, feeds, the calendar and search. Only
publishing shows the draft, and unpublishing takes the entry away everywhere.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from muhabir.directory.models import EVENT_TIME_ZONE, Event, Place
from muhabir.newsroom.models import ArticlePage
from tests.directory.conftest import directory_pages  # noqa: F401
from tests.factories import ArticlePageFactory
from tests.helpers import listed_titles, soup
from tests.newsroom.admin_forms import article_form
from tests.syndication.conftest import feed_parse

pytestmark = pytest.mark.django_db

LIVE_DATE = dt.datetime(2019, 11, 19, 10, 30, tzinfo=EVENT_TIME_ZONE)
NEWER_DATE = dt.datetime(2020, 2, 4, 9, 0, tzinfo=EVENT_TIME_ZONE)
DRAFT_DATE = "2031-05-06 08:00"
PLACES = "/tr/rehber/mekanlar/"
EVENTS = "/tr/rehber/etkinlikler/"
# A word only the draft of the place's description has.
DRAFT_WORD = "nargile"


# -- Articles -------------------------------------------------------------------------------


@pytest.fixture
def two_articles(sections):
    """Two live articles of one section: the older one is the one editors will change."""
    section = sections["tr"][0]
    older = ArticlePageFactory(
        parent=section, title="Semaver çayı geri döndü", editorial_date=LIVE_DATE
    )
    newer = ArticlePageFactory(
        parent=section, title="Hamborn'da kış gecesi", editorial_date=NEWER_DATE
    )
    return section, older, newer


def _article_edit(client, article: ArticlePage, *, action: str, editorial_date: str, sections=()):
    data = article_form(
        title=article.title,
        slug=article.slug,
        action=action,
        sections=sections,
        body=("Yeni metin.",),
    )
    data["editorial_date"] = editorial_date
    data["show_in_other_languages"] = "on"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


def _feed_titles_and_dates(client) -> list[tuple[str, tuple]]:
    feed = feed_parse(client.get("/tr/feed/"))
    return [(entry.title, tuple(entry.published_parsed[:3])) for entry in feed.entries]


def test_a_draft_date_of_a_live_article_moves_it_nowhere(
    editor_client, client, sections, two_articles
):
    section, older, newer = two_articles
    further = sections["tr"][1]

    _article_edit(
        editor_client, older, action="draft", editorial_date=DRAFT_DATE, sections=[further.pk]
    )

    older.refresh_from_db()
    assert older.has_unpublished_changes
    page = client.get(older.url).content.decode()
    assert "19.11.2019" in page
    assert "2031" not in page
    assert "Yeni metin." not in page
    assert listed_titles(client.get(section.url)) == [newer.title, older.title]
    assert older.title not in listed_titles(client.get(further.url))
    assert _feed_titles_and_dates(client) == [
        (newer.title, (2020, 2, 4)),
        (older.title, (2019, 11, 19)),
    ]
    # The front page leads with the newest article.
    front = soup(client.get("/tr/")).find("main").get_text(" ", strip=True)
    assert front.index(newer.title) < front.index(older.title)


def test_publishing_the_article_shows_its_new_date(editor_client, client, two_articles):
    section, older, newer = two_articles
    _article_edit(editor_client, older, action="draft", editorial_date=DRAFT_DATE)

    _article_edit(editor_client, older, action="publish", editorial_date=DRAFT_DATE)

    assert "06.05.2031" in client.get(older.url).content.decode()
    assert listed_titles(client.get(section.url)) == [older.title, newer.title]
    assert _feed_titles_and_dates(client)[0] == (older.title, (2031, 5, 6))


def test_a_draft_title_of_a_live_section_reindexes_nothing(
    client, sections, monkeypatch, django_capture_on_commit_callbacks
):
    from muhabir.search import signals

    section = sections["tr"][0]
    article = ArticlePageFactory(parent=section, title="Semaver çayı geri döndü")
    reindexed = []
    update = signals.search_index_update_articles
    monkeypatch.setattr(
        signals,
        "search_index_update_articles",
        lambda **kwargs: reindexed.append(kwargs) or update(**kwargs),
    )
    section.title = "Gizli bölüm"

    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision()

    assert reindexed == []
    assert article.title in client.get("/tr/ara/?q=kultur").content.decode()
    assert article.title not in client.get("/tr/ara/?q=gizli").content.decode()


# -- Places ---------------------------------------------------------------------------------


def _published(entry):
    entry.save()
    entry.save_revision().publish()
    entry.refresh_from_db()
    return entry


@pytest.fixture
def tea_garden(directory_pages):  # noqa: F811 - the fixture imported above
    return _published(
        Place(
            name="Semaver Çay Bahçesi",
            category=Place.Category.TEA_GARDEN,
            description_tr="Duisburg'un en eski çay bahçesi.",
            city="Duisburg",
        )
    )


def _place_form(place: Place, *, description_tr: str, action: str = "draft") -> dict:
    data = {
        "name": place.name,
        "category": place.category,
        "slug": place.slug,
        "description_tr": description_tr,
        "description_de": place.description_de,
        "opening_hours_tr": "",
        "opening_hours_de": "",
        "street": place.street,
        "postcode": place.postcode,
        "city": place.city,
        "latitude": "",
        "longitude": "",
        "website": "",
        "phone": "",
        "submitter_name": "",
        "submitter_email": "",
    }
    if action == "publish":
        data["action-publish"] = "action-publish"
    return data


def _snippet_post(client, entry, data: dict) -> None:
    url = reverse(f"wagtailsnippets_directory_{entry._meta.model_name}:edit", args=[entry.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors


def _found_by(client, word: str) -> dict[str, str]:
    """What readers get for ``word`` from the directory's searches and the site search."""
    return {
        "directory": soup(client.get(f"/tr/rehber/?q={word}"))
        .select_one(".directory-hits")
        .get_text(" "),
        "places": soup(client.get(f"{PLACES}?q={word}")).find("main").get_text(" "),
        "site": soup(client.get(f"/tr/ara/?q={word}")).find("main").get_text(" "),
    }


def test_a_word_only_the_draft_has_finds_nothing(editor_client, client, tea_garden):
    draft_text = f"Duisburg'un en eski çay bahçesi. Akşamları {DRAFT_WORD} de var."

    _snippet_post(editor_client, tea_garden, _place_form(tea_garden, description_tr=draft_text))

    tea_garden.refresh_from_db()
    assert tea_garden.has_unpublished_changes
    assert tea_garden.latest_revision.as_object().description_tr == draft_text
    for where, text in _found_by(client, DRAFT_WORD).items():
        assert tea_garden.name not in text, where
    assert tea_garden.name in _found_by(client, "semaver")["places"]
    detail = client.get(f"{PLACES}{tea_garden.slug}/").content.decode()
    assert "Duisburg&#x27;un en eski çay bahçesi." in detail or "Duisburg'un en eski" in detail
    assert DRAFT_WORD not in detail


def test_publishing_the_place_makes_the_new_word_findable(editor_client, client, tea_garden):
    draft_text = f"Akşamları {DRAFT_WORD} de var."
    _snippet_post(editor_client, tea_garden, _place_form(tea_garden, description_tr=draft_text))

    _snippet_post(
        editor_client,
        tea_garden,
        _place_form(tea_garden, description_tr=draft_text, action="publish"),
    )

    found = _found_by(client, DRAFT_WORD)
    assert tea_garden.name in found["directory"]
    assert tea_garden.name in found["places"]
    assert DRAFT_WORD in client.get(f"{PLACES}{tea_garden.slug}/").content.decode()


def test_unpublishing_the_place_takes_it_from_search_and_its_page(
    editor_client, client, tea_garden
):
    url = reverse("wagtailsnippets_directory_place:unpublish", args=[tea_garden.pk])

    assert editor_client.post(url).status_code == 302

    assert tea_garden.name not in _found_by(client, "semaver")["places"]
    assert client.get(f"{PLACES}{tea_garden.slug}/").status_code == 404


# -- Events ---------------------------------------------------------------------------------


@pytest.fixture
def concert(directory_pages):  # noqa: F811 - the fixture imported above
    start = (timezone.now() + dt.timedelta(days=7)).astimezone(EVENT_TIME_ZONE)
    return _published(
        Event(
            title_tr="Semaver konseri",
            start=start.replace(hour=19, minute=0, second=0, microsecond=0),
            city="Duisburg",
        )
    )


def _event_form(event: Event, *, start: dt.datetime, cancelled: bool, action="draft") -> dict:
    data = {
        "title_tr": event.title_tr,
        "title_de": event.title_de,
        "slug": event.slug,
        "start": start.astimezone(EVENT_TIME_ZONE).strftime("%Y-%m-%d %H:%M"),
        "end": "",
        "rrule": "",
        "description_tr": "",
        "description_de": "",
        "venue_name": "",
        "street": "",
        "postcode": "",
        "city": event.city,
        "latitude": "",
        "longitude": "",
        "organiser_name": "",
        "price_tr": "",
        "price_de": "",
        "submitter_name": "",
        "submitter_email": "",
    }
    if cancelled:
        data["cancelled"] = "on"
    if action == "publish":
        data["action-publish"] = "action-publish"
    return data


def _feed_events(client) -> dict[str, icalendar.Event]:
    response = client.get(f"{EVENTS}feed.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(c["SUMMARY"]): c for c in calendar.walk("VEVENT")}


def _month_text(client, day: dt.datetime) -> str:
    local = day.astimezone(EVENT_TIME_ZONE)
    response = client.get(f"{EVENTS}{local.year}/{local.month:02d}/")
    assert response.status_code == 200
    return soup(response).find("main").get_text(" ")


def test_a_draft_that_moves_and_cancels_a_live_event_changes_no_list(
    editor_client, client, concert
):
    moved = concert.start - dt.timedelta(days=2 * 365)

    _snippet_post(editor_client, concert, _event_form(concert, start=moved, cancelled=True))

    concert.refresh_from_db()
    assert concert.has_unpublished_changes
    listing = soup(client.get(EVENTS)).find("main")
    assert concert.title_tr in listing.get_text(" ")
    assert listing.select(".entry-badge--cancelled, .event-card--cancelled") == []
    assert concert.title_tr in _month_text(client, concert.start)
    assert concert.title_tr not in _month_text(client, moved)
    assert concert.title_tr in soup(client.get("/tr/rehber/")).find("main").get_text(" ")
    (component,) = _feed_events(client).values()
    assert component.decoded("DTSTART") == concert.start
    assert "STATUS" not in component or component["STATUS"] != "CANCELLED"
    detail = client.get(f"{EVENTS}{concert.slug}/").content.decode()
    assert "event--cancelled" not in detail


def test_publishing_the_cancellation_shows_it_everywhere(editor_client, client, concert):
    _snippet_post(editor_client, concert, _event_form(concert, start=concert.start, cancelled=True))
    assert _feed_events(client)[concert.title_tr].get("STATUS") != "CANCELLED"

    _snippet_post(
        editor_client,
        concert,
        _event_form(concert, start=concert.start, cancelled=True, action="publish"),
    )

    (component,) = _feed_events(client).values()
    assert component["STATUS"] == "CANCELLED"
    assert soup(client.get(EVENTS)).select(".entry-badge--cancelled, .event-card--cancelled")


def test_publishing_a_move_to_the_past_takes_the_event_from_upcoming_lists(
    editor_client, client, concert
):
    moved = concert.start - dt.timedelta(days=2 * 365)

    _snippet_post(
        editor_client, concert, _event_form(concert, start=moved, cancelled=False, action="publish")
    )

    assert concert.title_tr not in soup(client.get(EVENTS)).find("main").get_text(" ")
    assert concert.title_tr in _month_text(client, moved)


def test_unpublishing_the_event_takes_it_from_lists_and_feed(editor_client, client, concert):
    url = reverse("wagtailsnippets_directory_event:unpublish", args=[concert.pk])

    assert editor_client.post(url).status_code == 302

    assert concert.title_tr not in soup(client.get(EVENTS)).find("main").get_text(" ")
    assert _feed_events(client) == {}
    assert client.get(f"{EVENTS}{concert.slug}/").status_code == 404
