"""What is scheduled: the report, its dashboard panels and what ``publish_scheduled`` says."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Revision
from wagtail.users.models import UserProfile

from muhabir.directory.models import EVENT_TIME_ZONE, Event, Place
from muhabir.newsroom import scheduling
from muhabir.newsroom.admin_scheduled import MENU_LABEL
from muhabir.newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
URL = "/admin/scheduled/"
# Measured 17 for an editor; the bound leaves room for a new admin component, not for a
# query per row.
SCHEDULED_VIEW_MAX_QUERIES = 25


@pytest.fixture
def english_editor(editor):
    """The editor reads the admin in English, so tests can quote the messages."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save(update_fields=["preferred_language"])
    return editor


def in_turkish(message) -> str:
    """What the admin shows an editor whose admin is in Turkish (the default)."""
    with translation.override("tr"):
        return str(message)


def schedule(obj, *, user, go_live_at: dt.datetime, expire_at: dt.datetime | None = None):
    """Publish with a go-live time in the future, as the editor's "Publish" button does."""
    obj.go_live_at = go_live_at
    obj.expire_at = expire_at
    revision = obj.save_revision(user=user)
    revision.publish(user=user)
    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live_at
    return revision


def let_time_pass(revision: Revision, *, minutes: int) -> dt.datetime:
    """What the clock would do: the approved go-live moment is ``minutes`` in the past."""
    past = timezone.now() - dt.timedelta(minutes=minutes)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    revision.content_object.__class__._default_manager.filter(pk=revision.object_id).update(
        go_live_at=past
    )
    return past


def draft(section, title: str) -> ArticlePage:
    return ArticlePageFactory(parent=section, title=title, publish=False)


def entry_event(title: str) -> Event:
    event = Event(
        title_tr=title, start=dt.datetime(2030, 6, 1, 18, tzinfo=EVENT_TIME_ZONE), live=False
    )
    event.save()
    return event


def soon(**delta) -> dt.datetime:
    return (timezone.now() + dt.timedelta(**delta)).replace(microsecond=0)


def by_title(items) -> dict[str, scheduling.ScheduledItem]:
    return {item.title: item for item in items}


# The selector


def test_a_scheduled_article_is_listed_with_language_section_time_and_who_scheduled_it(
    sections, editor
):
    toplum = sections["tr"][1]
    article = draft(toplum, "Yıldız Kenter anısına gece")
    go_live_at = soon(days=2)
    schedule(article, user=editor, go_live_at=go_live_at)

    [item] = scheduling.scheduled_items(user=editor)

    assert item.title == "Yıldız Kenter anısına gece"
    assert item.model is ArticlePage
    assert item.action == scheduling.GO_LIVE
    assert item.locale.language_code == "tr"
    assert item.section == "Toplum"
    assert item.at == go_live_at
    assert item.local_time.tzinfo == BERLIN
    assert item.scheduled_by == "Şule Öztürk"
    assert item.edit_url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert item.state == scheduling.SCHEDULED


def test_listing_is_sorted_by_time_across_languages_and_kinds(sections, editor):
    later = draft(sections["de"][0], "Straßenfest in Köln")
    schedule(later, user=editor, go_live_at=soon(days=3))
    event = entry_event("Düğün gecesi")
    schedule(event, user=editor, go_live_at=soon(days=2))
    first = draft(sections["tr"][0], "Çay bahçesi açıldı")
    schedule(first, user=editor, go_live_at=soon(hours=5))

    items = scheduling.scheduled_items(user=editor)

    assert [item.title for item in items] == [
        "Çay bahçesi açıldı",
        "Düğün gecesi",
        "Straßenfest in Köln",
    ]
    assert items[2].locale.language_code == "de"
    assert items[2].section == "Magazin & Kultur"


def test_a_scheduled_directory_entry_is_listed_with_a_link_to_its_edit_view(editor):
    event = entry_event("Gurbetçi şenliği")
    schedule(event, user=editor, go_live_at=soon(days=1))

    [item] = scheduling.scheduled_items(user=editor)

    assert item.title == "Gurbetçi şenliği"
    assert item.model is Event
    assert item.locale is None
    assert item.section == ""
    assert item.edit_url == reverse("wagtailsnippets_directory_event:edit", args=[event.pk])


def test_changes_scheduled_for_a_live_article_are_listed_under_the_new_title(sections, editor):
    article = ArticlePageFactory(parent=sections["de"][1], title="Grüße aus Köln")
    article.title = "Grüße aus Köln und Duisburg"
    schedule(article, user=editor, go_live_at=soon(hours=3))

    [item] = scheduling.scheduled_items(user=editor)

    assert (item.title, item.action) == ("Grüße aus Köln und Duisburg", scheduling.GO_LIVE)
    assert ArticlePage.objects.get(pk=article.pk).title == "Grüße aus Köln"


def test_published_and_draft_articles_without_a_time_are_not_listed(sections, editor):
    ArticlePageFactory(parent=sections["tr"][0])
    draft(sections["tr"][0], "Taslak")

    assert scheduling.scheduled_items(user=editor) == []


def test_a_go_live_long_past_is_overdue_and_a_minute_past_only_due(sections, editor):
    stuck = schedule(draft(sections["tr"][0], "Unutulan"), user=editor, go_live_at=soon(days=1))
    let_time_pass(stuck, minutes=60)
    pending = schedule(draft(sections["tr"][0], "Sırada"), user=editor, go_live_at=soon(days=1))
    let_time_pass(pending, minutes=1)

    items = by_title(scheduling.scheduled_items(user=editor))

    assert items["Unutulan"].state == scheduling.OVERDUE
    assert items["Sırada"].state == scheduling.DUE


def test_a_live_article_with_an_expiry_is_listed_and_overdue_once_its_time_is_long_past(
    sections, editor
):
    article = ArticlePageFactory(parent=sections["tr"][0], title="Kampanya sona eriyor")
    expire_at = soon(days=4)
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=expire_at)

    [item] = scheduling.scheduled_items(user=editor)
    assert (item.action, item.at, item.state) == (scheduling.EXPIRY, expire_at, "scheduled")

    ArticlePage.objects.filter(pk=article.pk).update(expire_at=soon(hours=-1))
    [item] = scheduling.scheduled_items(user=editor)
    assert item.state == scheduling.OVERDUE


def test_an_expired_article_is_not_listed(sections, editor):
    article = ArticlePageFactory(parent=sections["tr"][0])
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=soon(days=-1))
    call_command("publish_scheduled", stdout=StringIO())

    assert scheduling.scheduled_items(user=editor) == []


def test_a_scheduled_article_that_will_expire_is_listed_twice(sections, editor):
    go_live_at, expire_at = soon(days=1), soon(days=8)
    schedule(
        draft(sections["tr"][0], "Bir haftalık"),
        user=editor,
        go_live_at=go_live_at,
        expire_at=expire_at,
    )

    items = scheduling.scheduled_items(user=editor)

    assert [(item.action, item.at, item.state) for item in items] == [
        (scheduling.GO_LIVE, go_live_at, scheduling.SCHEDULED),
        (scheduling.EXPIRY, expire_at, scheduling.SCHEDULED),
    ]


def test_an_expiring_directory_entry_is_listed(editor):
    place = Place(name="İltis Park", category=Place.Category.PARK, live=True)
    place.save()
    Place.objects.filter(pk=place.pk).update(expire_at=soon(days=2))

    [item] = scheduling.scheduled_items(user=editor)

    assert (item.title, item.action, item.model) == ("İltis Park", scheduling.EXPIRY, Place)


# Who may see it


@pytest.mark.parametrize("role_client", ["editor_client", "administrator_client"], indirect=True)
def test_editors_and_administrators_open_the_report(role_client, sections, editor):
    schedule(
        draft(sections["tr"][0], "Yıldız Kenter anısına"), user=editor, go_live_at=soon(days=1)
    )

    response = role_client.get(URL)

    assert response.status_code == 200
    assert "Yıldız Kenter anısına" in response.text


def test_a_reporter_is_refused_the_report(reporter_client, sections, editor):
    schedule(draft(sections["tr"][0], "Gizli plan"), user=editor, go_live_at=soon(days=1))

    response = reporter_client.get(URL)

    assert response.status_code in (302, 403)
    assert "Gizli plan" not in response.text


@pytest.mark.parametrize(
    ("role_client", "shown"),
    [("reporter_client", False), ("editor_client", True), ("administrator_client", True)],
    indirect=["role_client"],
)
def test_the_menu_item_is_shown_to_those_who_may_publish(role_client, shown):
    response = role_client.get("/admin/")

    assert response.status_code == 200
    assert (f'"url": "{URL}"' in response.text) is shown


# The report


def test_the_report_shows_berlin_time_the_section_and_an_overdue_badge(
    editor_client, sections, editor
):
    revision = schedule(
        draft(sections["tr"][1], "Ilık bir gece"), user=editor, go_live_at=soon(days=1)
    )
    past = let_time_pass(revision, minutes=90)

    response = editor_client.get(URL)

    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Ilık bir gece.*?</tr>", response.text, re.S).group()
    assert past.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M") in row
    assert "Toplum" in row
    assert "Türkçe" in row
    assert in_turkish(scheduling.STATE_LABELS[scheduling.OVERDUE]) in row
    assert f'href="/admin/pages/{revision.object_id}/edit/"' in row
    assert in_turkish(MENU_LABEL) in response.text


def _queries_for(client) -> int:
    client.get(URL)  # loads what a running process keeps in memory (content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _schedule_many(sections, editor, count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        section = sections["tr" if number % 2 else "de"][number % 3]
        schedule(draft(section, f"Haber {number}"), user=editor, go_live_at=soon(days=1))
        schedule(entry_event(f"Etkinlik {number}"), user=editor, go_live_at=soon(days=2))


def test_the_report_costs_as_many_queries_for_thirty_items_as_for_three(
    editor_client, sections, editor, django_assert_max_num_queries
):
    _schedule_many(sections, editor, 3)
    three = _queries_for(editor_client)
    _schedule_many(sections, editor, 27, start=3)

    with django_assert_max_num_queries(SCHEDULED_VIEW_MAX_QUERIES):
        response = editor_client.get(URL)

    assert response.text.count("Haber ") == 30
    assert _queries_for(editor_client) == three <= SCHEDULED_VIEW_MAX_QUERIES


# The dashboard


@pytest.mark.usefixtures("english_editor")
def test_the_dashboard_counts_what_is_scheduled_in_the_next_seven_days(
    editor_client, sections, editor
):
    schedule(draft(sections["tr"][0], "Yarın"), user=editor, go_live_at=soon(days=1))
    schedule(entry_event("Gelecek hafta"), user=editor, go_live_at=soon(days=6))
    schedule(draft(sections["tr"][0], "Gelecek ay"), user=editor, go_live_at=soon(days=30))

    response = editor_client.get("/admin/")

    assert "2 items are scheduled to go live or expire in the next 7 days." in response.text
    assert f'href="{URL}"' in response.text
    assert 'id="schedule-overdue-section"' not in response.text


@pytest.mark.usefixtures("english_editor")
def test_the_dashboard_warns_that_the_periodic_job_is_not_running(editor_client, sections, editor):
    stuck = schedule(draft(sections["tr"][0], "Unutulan"), user=editor, go_live_at=soon(days=1))
    let_time_pass(stuck, minutes=30)
    article = ArticlePageFactory(parent=sections["tr"][0])
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=soon(hours=-2))
    pending = schedule(draft(sections["tr"][0], "Sırada"), user=editor, go_live_at=soon(days=1))
    let_time_pass(pending, minutes=1)

    response = editor_client.get("/admin/")

    warning = re.search(r'id="schedule-overdue-section".*?</section>', response.text, re.S).group()
    assert "Scheduled publishing is overdue: 2 items should have gone live or expired." in warning
    assert "<code>manage.py publish_scheduled</code>" in warning
    assert f'href="{URL}"' in warning


def test_reporters_see_no_schedule_panels(reporter_client, sections, editor):
    stuck = schedule(draft(sections["tr"][0], "Unutulan"), user=editor, go_live_at=soon(days=1))
    let_time_pass(stuck, minutes=30)

    response = reporter_client.get("/admin/")

    assert response.status_code == 200
    assert "schedule-overdue" not in response.text
    assert "schedule-soon" not in response.text


def test_dashboard_counts_take_two_queries(sections, editor, django_assert_num_queries):
    stuck = schedule(draft(sections["tr"][0], "Unutulan"), user=editor, go_live_at=soon(days=1))
    let_time_pass(stuck, minutes=30)
    schedule(entry_event("Yakında"), user=editor, go_live_at=soon(days=1))

    with django_assert_num_queries(2):
        counts = scheduling.scheduled_counts()

    assert counts == scheduling.ScheduleCounts(soon=1, overdue=1)


# The command


def test_publish_scheduled_names_what_it_published_and_unpublished(sections, editor):
    article = schedule(
        draft(sections["tr"][1], "Yıldız Kenter anısına"), user=editor, go_live_at=soon(days=1)
    )
    past = let_time_pass(article, minutes=3)
    event = entry_event("Gurbetçi şenliği")
    let_time_pass(schedule(event, user=editor, go_live_at=soon(days=1)), minutes=2)
    expiring = ArticlePageFactory(parent=sections["de"][0], title="Alte Nachricht")
    ArticlePage.objects.filter(pk=expiring.pk).update(expire_at=soon(minutes=-1))
    later = schedule(draft(sections["tr"][0], "Sonra"), user=editor, go_live_at=soon(days=1))
    out = StringIO()

    call_command("publish_scheduled", stdout=out)

    lines = out.getvalue().splitlines()
    berlin = past.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")
    assert any(
        line.startswith(
            f"Published: Yıldız Kenter anısına (ArticlePage, tr) scheduled for {berlin}"
        )
        for line in lines
    )
    assert any(line.startswith("Published: Gurbetçi şenliği (Event, -)") for line in lines)
    assert any(line.startswith("Unpublished: Alte Nachricht (ArticlePage, de)") for line in lines)
    assert lines[-1] == "2 published, 1 expired, 0 due."
    assert ArticlePage.objects.get(pk=article.object_id).live is True
    assert Event.objects.get(pk=event.pk).live is True
    assert ArticlePage.objects.get(pk=expiring.pk).live is False
    assert Revision.objects.get(pk=later.pk).approved_go_live_at is not None


@pytest.mark.parametrize("flag", ["--dry-run", "--dryrun"])
def test_publish_scheduled_dry_run_lists_what_is_due_and_changes_nothing(sections, editor, flag):
    revision = schedule(draft(sections["tr"][0], "Bekleyen"), user=editor, go_live_at=soon(days=1))
    let_time_pass(revision, minutes=3)
    expiring = ArticlePageFactory(parent=sections["de"][0], title="Alte Nachricht")
    ArticlePage.objects.filter(pk=expiring.pk).update(expire_at=soon(minutes=-1))
    out = StringIO()

    call_command("publish_scheduled", flag, stdout=out)

    lines = out.getvalue().splitlines()
    assert any(line.startswith("Would publish: Bekleyen (ArticlePage, tr)") for line in lines)
    assert any(
        line.startswith("Would unpublish: Alte Nachricht (ArticlePage, de)") for line in lines
    )
    assert lines[-1] == "0 published, 0 expired, 2 due."
    assert ArticlePage.objects.get(pk=revision.object_id).live is False
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is not None
    assert ArticlePage.objects.get(pk=expiring.pk).live is True


def test_publish_scheduled_with_nothing_due_says_so(sections, editor):
    out = StringIO()

    call_command("publish_scheduled", stdout=out)

    assert out.getvalue() == "0 published, 0 expired, 0 due.\n"
