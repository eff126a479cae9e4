"""The "Scheduled" report in Chromium with the admin in Turkish: an editor finds a scheduled
article and the warning that the periodic job is not running; a reporter finds neither.

The schedule is set up in the ORM; what the editor sees is read in the browser. Labels are
looked up in the catalogue, so the test holds whatever the translators choose.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from muhabir.newsroom import scheduling
from muhabir.newsroom.admin_scheduled import MENU_LABEL, overdue_message
from muhabir.newsroom.models import ArticlePage, SectionPage
from tests.browser.test_editorial_workflow import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMING = "Yıldız Kenter anısına şiir gecesi"
FORGOTTEN = "İltis Park'ta çay bahçesi açılıyor"
# Msgids of the dashboard panel's template.
WARNING_HEADING = "Scheduled publishing is late"
SEE_ALL = "See what is scheduled"


def turkish(message) -> str:
    """The Turkish admin's text for a msgid (or a lazy translation) of ours or Wagtail's."""
    with translation.override("tr"):
        return gettext(message) if isinstance(message, str) else str(message)


def schedule(title: str, *, go_live_at: dt.datetime, late_by: dt.timedelta | None = None):
    """A Turkish draft under Toplum, published by the editor for ``go_live_at``; with
    ``late_by``, that moment has since passed without the job running."""
    section = SectionPage.objects.get(slug="toplum", locale__language_code="tr")
    article = section.add_child(
        instance=ArticlePage(title=title, slug=f"zamanli-{ArticlePage.objects.count()}", live=False)
    )
    article.go_live_at = go_live_at
    revision = article.save_revision(user=get_user_model().objects.get(username="editor"))
    revision.publish(user=revision.user)
    if late_by is not None:
        past = timezone.now() - late_by
        revision.refresh_from_db()
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])
    return article


def open_reports_menu(page: Page):
    """Open the sidebar's "Reports" submenu and return its list of links."""
    page.get_by_role("button", name=turkish("Reports"), exact=True).click()
    return page.get_by_role("list", name=turkish("Reports"))


def test_editor_sees_the_scheduled_article_and_the_overdue_warning(open_page, demo_site):
    coming = schedule(COMING, go_live_at=timezone.now() + dt.timedelta(days=2))
    schedule(
        FORGOTTEN, go_live_at=timezone.now() + dt.timedelta(days=1), late_by=dt.timedelta(hours=1)
    )
    page = open_page()
    log_in(page, "editor")

    with translation.override("tr"):
        warning_text = overdue_message(1)
    warning = page.get_by_role("region", name=turkish(WARNING_HEADING))
    expect(warning).to_contain_text(warning_text)
    expect(warning).to_contain_text("manage.py publish_scheduled")
    expect(page.locator("html")).to_have_attribute("lang", "tr")

    warning.get_by_role("link", name=turkish(SEE_ALL)).click()
    expect(page).to_have_url(re.compile(r"/admin/scheduled/$"))
    expect(page.get_by_role("heading", name=turkish(MENU_LABEL), level=1)).to_be_visible()
    rows = page.get_by_role("row")
    # Sorted by time: the forgotten one first.
    expect(rows.nth(1)).to_contain_text(FORGOTTEN)
    expect(rows.nth(1)).to_contain_text(turkish(scheduling.STATE_LABELS[scheduling.OVERDUE]))
    coming_row = rows.filter(has_text=COMING)
    go_live = timezone.localtime(
        coming.scheduled_revision.approved_go_live_at, scheduling.NEWSROOM_TIME_ZONE
    )
    expect(coming_row).to_contain_text(go_live.strftime("%d.%m.%Y %H:%M"))
    expect(coming_row).to_contain_text("Toplum")
    expect(coming_row).to_contain_text("Türkçe")
    expect(coming_row).to_contain_text(turkish(scheduling.STATE_LABELS[scheduling.SCHEDULED]))

    # The menu leads there too, and the title to the article's edit view.
    page.goto("/admin/")
    open_reports_menu(page).get_by_role("link", name=turkish(MENU_LABEL), exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/scheduled/$"))
    page.get_by_role("link", name=COMING, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{coming.pk}/edit/$"))


def test_reporter_has_no_menu_item_and_is_turned_away(open_page, demo_site):
    schedule(
        FORGOTTEN, go_live_at=timezone.now() + dt.timedelta(days=1), late_by=dt.timedelta(hours=1)
    )
    page = open_page()
    log_in(page, "reporter")

    expect(page.get_by_role("region", name=turkish(WARNING_HEADING))).to_have_count(0)
    reports = open_reports_menu(page)
    # The submenu is open: Wagtail's own reports for those who write pages are listed.
    expect(reports.get_by_role("link", name=turkish("Aging pages"))).to_be_visible()
    expect(reports.get_by_role("link", name=turkish(MENU_LABEL), exact=True)).to_have_count(0)

    page.goto("/admin/scheduled/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_text(FORGOTTEN)).to_have_count(0)
