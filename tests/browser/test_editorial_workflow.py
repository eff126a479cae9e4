"""The editorial path through the Wagtail admin in Chromium, checked in the ORM and on the site.

An editor writes a Turkish article, has it translated into German, sends the Turkish
one through "Editorial review" (the administrator approves it) and schedules the German
one; a reporter can only save drafts and submit them.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect
from wagtail.models import Revision

from muhabir.newsroom.models import ArticlePage, SectionPage
from tests.browser.conftest import PASSWORD
from tests.browser.test_two_factor import second_step

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BERLIN = ZoneInfo("Europe/Berlin")
TITLE_TR = "Dernekler günü: İşçi göçünün şahitleri anlatıyor"
TEXT_TR = "Gelsenkirchen'deki etkinlikte ilk kuşak işçiler, Türkiye'den gelişlerini anlattı."
TITLE_DE = "Vereinstag: Zeitzeugen der Arbeitsmigration erzählen"


def section(slug: str, language: str) -> SectionPage:
    return SectionPage.objects.get(slug=slug, locale__language_code=language)


def log_in(page: Page, username: str) -> None:
    """Through the login form, which is in Turkish until the user's own language applies."""
    page.goto("/admin/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    # Wagtail's login form leaves its password label untranslated ("Password").
    page.get_by_label(re.compile(r"Password|Parola")).fill(PASSWORD)
    page.get_by_role("button", name="Oturum aç").click()
    # Administrators set up an authenticator app first; users with one enter its code.
    second_step(page, username)
    expect(page).to_have_url(re.compile(r"/admin/$"))


def footer_action(page: Page, name: str) -> None:
    """Press one of the actions in the edit page's footer, opening its menu if need be."""
    footer = page.get_by_role("navigation", name="Actions (footer)")
    action = footer.get_by_role("button", name=name, exact=True)
    if not action.is_visible():
        footer.get_by_role("button", name="More actions").click()
    action.click()


def title_field(page: Page):
    return page.get_by_role("textbox", name=re.compile(r"^Title\*?$"))


def write_article(page: Page, parent: SectionPage, title: str, text: str) -> None:
    """Open the section in the page explorer, add an article and write title and text."""
    page.goto(f"/admin/pages/{parent.pk}/")
    page.get_by_role("link", name="Add child page").click()
    expect(page.get_by_role("heading", name="New: Article")).to_be_visible()
    title_field(page).fill(title)
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = page.locator("[data-contentpath='body']").get_by_role("textbox")
    # Typed key by key into the focused editor, as a person does: Draftail keeps its own
    # state from key events, and text put into the page before it listens is lost on save.
    paragraph.click()
    expect(paragraph).to_be_focused()
    paragraph.press_sequentially(text, delay=5)
    # Draftail copies its state into the form's hidden input on a timer, which Chromium may
    # slow down: wait for the copy, or "Save draft" would send an empty paragraph.
    stored = page.locator("[data-contentpath='body'] input[type='hidden'][name$='-value']")
    expect(stored).to_have_value(re.compile(re.escape(text.split()[0])))


def expect_message(page: Page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def test_editor_takes_an_article_from_draft_to_live_and_its_translation_to_scheduled(
    open_page, english_admin
):
    toplum, dernekler = section("toplum", "tr"), section("dernekler", "tr")
    gesellschaft, vereine = section("gesellschaft", "de"), section("vereine", "de")
    editor = open_page()
    log_in(editor, "editor")

    # 1. A Turkish draft under Toplum, placed in Dernekler as well.
    write_article(editor, toplum, TITLE_TR, TEXT_TR)
    editor.get_by_role("tab", name="Promote").click()
    placement = editor.get_by_role("region", name="Placement")
    expect(placement.get_by_role("heading", name="Further sections")).to_be_visible()
    # Offered: the other Turkish sections, neither the article's own nor German ones.
    for name in ["Magazin & Kültür", "Mekanlar", "Bilim & Teknik", "Yemek Köşesi", "Dernekler"]:
        expect(placement.get_by_role("checkbox", name=name, exact=True)).to_be_visible()
    for name in ["Toplum", "Vereine"]:
        expect(placement.get_by_role("checkbox", name=name, exact=True)).to_have_count(0)
    placement.get_by_role("checkbox", name="Dernekler", exact=True).check()
    footer_action(editor, "Save draft")
    # Created, or updated when Wagtail's autosave made the page before the click.
    expect_message(
        editor, re.compile(rf"Page '{re.escape(TITLE_TR)}' (created|has been updated)\.")
    )
    turkish = ArticlePage.objects.get(title=TITLE_TR)
    assert turkish.live is False
    assert turkish.get_parent().pk == toplum.pk
    assert turkish.locale.language_code == "tr"
    assert turkish.slug == "dernekler-gunu-isci-gocunun-sahitleri-anlatiyor"
    assert list(turkish.sections.all()) == [dernekler]
    assert TEXT_TR in turkish.body_text

    # 2. Translate: the German copy lands under Gesellschaft, placed in Vereine.
    editor.get_by_role("button", name="Actions", exact=True).click()
    editor.get_by_role("link", name="Translate").click()
    editor.get_by_role("checkbox", name="Deutsch").check()
    editor.get_by_role("button", name="Submit").click()
    expect_message(editor, "successfully created in Deutsch")
    german = ArticlePage.objects.get(
        translation_key=turkish.translation_key, locale__language_code="de"
    )
    assert german.get_parent().pk == gesellschaft.pk
    assert german.live is False
    editor.get_by_role("tab", name="Promote").click()
    expect(editor.get_by_role("checkbox", name="Vereine")).to_be_checked()
    editor.get_by_role("tab", name="Content").click()
    title_field(editor).fill(TITLE_DE)

    # 3. Schedule it: go live in two days, at 09:30 Berlin time.
    go_live = (timezone.now().astimezone(BERLIN) + dt.timedelta(days=2)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    editor.get_by_role("button", name="Toggle status").click()
    editor.get_by_role("button", name="Set schedule").click()
    dialog = editor.get_by_role("dialog", name="Set publishing schedule")
    dialog.get_by_label("Go live date/time").fill(go_live.strftime("%d.%m.%Y %H:%M"))
    # The date picker stays over the button once the field is filled: use the keyboard.
    dialog.get_by_role("button", name="Save schedule").press("Enter")
    expect_message(editor, "has been updated")
    footer_action(editor, "Schedule to publish")
    expect_message(editor, "has been scheduled for publishing")
    german.refresh_from_db()
    assert german.title == TITLE_DE
    assert german.live is False
    assert german.go_live_at == go_live
    assert german.scheduled_revision is not None
    assert list(german.sections.all()) == [vereine]

    # 4. Submit the Turkish article to "Editorial review".
    editor.goto(f"/admin/pages/{turkish.pk}/edit/")
    footer_action(editor, "Submit to Editorial review")
    expect_message(editor, "submitted for moderation")
    turkish.refresh_from_db()
    assert turkish.live is False
    assert turkish.current_workflow_state.status == "in_progress"
    assert turkish.current_workflow_task.name == "Editorial review"

    # 5. The administrator finds it awaiting review on the dashboard and approves it.
    admin = open_page()
    log_in(admin, "admin")
    review = admin.get_by_role("region", name="Awaiting your review")
    review.get_by_role("link", name=TITLE_TR).click()
    footer_action(admin, "Approve and Publish")
    expect_message(admin, "has been updated")
    turkish.refresh_from_db()
    assert turkish.live is True
    assert turkish.current_workflow_state is None
    assert turkish.workflow_states.get().status == "approved"

    # 6. Readers see the Turkish article in both its sections, and not the German one yet.
    reader = open_page()
    for listing in ["/tr/toplum/", "/tr/dernekler/"]:
        reader.goto(listing)
        expect(reader.get_by_role("link", name=TITLE_TR)).to_be_visible()
    reader.get_by_role("link", name=TITLE_TR).click()
    expect(reader.get_by_role("heading", name=TITLE_TR, level=1)).to_be_visible()
    expect(reader.get_by_text(TEXT_TR)).to_be_visible()
    german.refresh_from_db()
    german_url = f"/de/gesellschaft/{german.slug}/"
    assert reader.goto(german_url).status == 404
    reader.goto("/de/vereine/")
    expect(reader.get_by_role("link", name=TITLE_DE)).to_have_count(0)

    # 7. Once its time has come, the scheduler publishes the German article.
    past = timezone.now() - dt.timedelta(minutes=1)
    scheduled = Revision.objects.get(pk=german.scheduled_revision.pk)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    ArticlePage.objects.filter(pk=german.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    german.refresh_from_db()
    assert german.live is True
    assert reader.goto(german_url).status == 200
    expect(reader.get_by_role("heading", name=TITLE_DE, level=1)).to_be_visible()
    assert list(german.sections.all()) == [vereine]
    for listing in ["/de/gesellschaft/", "/de/vereine/"]:
        reader.goto(listing)
        expect(reader.get_by_role("link", name=TITLE_DE)).to_be_visible()


def test_reporter_can_only_save_and_submit_and_the_article_stays_offline(open_page, english_admin):
    title = "Gurbetçi derneklerinden ortak yardım kampanyası"
    page = open_page()
    log_in(page, "reporter")

    write_article(page, section("dernekler", "tr"), title, "Şehirdeki dernekler el ele verdi.")
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()

    expect(footer.get_by_role("button", name="Save draft")).to_be_visible()
    expect(footer.get_by_role("button", name="Submit to Editorial review")).to_be_visible()
    expect(footer.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)

    footer.get_by_role("button", name="Submit to Editorial review").click()
    expect_message(page, "submitted for moderation")
    article = ArticlePage.objects.get(title=title)
    assert article.live is False
    assert article.current_workflow_state.status == "in_progress"
    page.goto(f"/admin/pages/{article.pk}/edit/")
    expect(page.get_by_text("Only reviewers for this task can edit the page.")).to_be_visible()
    footer.get_by_role("button", name="More actions").click()
    expect(footer.get_by_role("button", name="Cancel workflow")).to_be_visible()
    expect(footer.get_by_role("button", name=re.compile("Publish|Approve"))).to_have_count(0)
    reader = open_page()
    assert reader.goto(f"/tr/dernekler/{article.slug}/").status == 404
    reader.goto("/tr/dernekler/")
    expect(reader.get_by_role("link", name=title)).to_have_count(0)
