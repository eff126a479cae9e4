"""A newsroom's first day through the Turkish admin, as the reporter and the editor do it.

The reporter uploads a photo with its credit, writes an article with it in two sections,
previews it and submits it; the editor finds it on the dashboard, previews it, approves
and publishes it, schedules another article and translates one into German; readers then
see the article with its photo and credit in both sections. Labels come from the
catalogues, so the test reads the admin as a Turkish editor does. The steps leave
screenshots of the Turkish admin for the README in docs/screenshots/.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.text import capfirst
from PIL import Image as PillowImage
from playwright.sync_api import Page, expect
from wagtail.users.models import UserProfile

from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage, SectionPage
from tests.browser.test_editorial_workflow import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BERLIN = ZoneInfo("Europe/Berlin")
SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"
PHOTO_TITLE = "Armoni Palace sahnesi"
CREDIT = "Foto: Mehmet Hermenau"
ALT = "Halk dansları ekibi Armoni Palace sahnesinde"
TITLE = "Gurbette 60. yıl: Zonguldaklılar Armoni Palace'ta buluştu"
TEXT = "Avrupa Zonguldaklılar Derneği, göçün altmışıncı yılını Gelsenkirchen'de kutladı."
SECOND_TITLE = "Duisburg'da Türkçe kitap günleri başlıyor"


# The language the admin under test speaks; Turkish unless a test's fixture says otherwise.
ADMIN_LANGUAGE = contextvars.ContextVar("admin_language", default="tr")


def t(message: str, context: str | None = None) -> str:
    """What the admin under test shows for ``message``: Turkish unless ``admin_in`` says."""
    with translation.override(ADMIN_LANGUAGE.get()):
        if context:
            return translation.pgettext(context, message)
        return translation.gettext(message)


def section(slug: str, language: str = "tr") -> SectionPage:
    return SectionPage.objects.get(slug=slug, locale__language_code=language)


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 1000), "#b03a2e").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"admin-tr-{name}.png")


def footer_action(page: Page, name: str) -> None:
    footer = page.get_by_role("navigation", name=t("Actions (footer)"))
    action = footer.get_by_role("button", name=name, exact=True)
    if not action.is_visible():
        footer.get_by_role("button", name=t("More actions")).click()
    action.click()


def expect_message(page: Page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


def expect_said(page: Page, title: str, *messages: str) -> None:
    """Wait for one of Wagtail's confirmation ``messages`` about the page ``title``.

    The whole message, not the title alone: the previous step's message names the same page
    and stays on screen until the next one replaces it.
    """
    said = "|".join(re.escape(t(message) % {"page_title": title}) for message in messages)
    expect_message(page, re.compile(said))


# Wagtail saves a new page by itself half a second after the first change (autosave), and
# the create form becomes the edit form: "Save draft" then updates the page it made.
SAVED_NEW = ("Page '%(page_title)s' created.", "Page '%(page_title)s' has been updated.")


def field(page: Page, label: str):
    # Playwright hands the pattern to JavaScript, where "/" ends it unless escaped.
    name = re.escape(capfirst(label)).replace("/", r"\/")
    return page.get_by_role("textbox", name=re.compile(rf"^{name}\*?$"))


def admin_speaks(language: str) -> None:
    for user in get_user_model().objects.all():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])


@pytest.fixture
def turkish_admin(demo_site):
    admin_speaks("tr")


@pytest.fixture(params=["tr", "de"])
def admin_in(request, demo_site):
    """Every user's admin in one language, and ``t`` reading that language's catalogue."""
    admin_speaks(request.param)
    token = ADMIN_LANGUAGE.set(request.param)
    yield request.param
    ADMIN_LANGUAGE.reset(token)


def upload_photo(page: Page) -> CustomImage:
    page.goto("/admin/")
    page.get_by_role("link", name=t("Images")).first.click()
    page.get_by_role("link", name=t("Add an image")).click()
    page.locator("input[type=file]").first.set_input_files(
        files=[{"name": "armoni.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    uploaded = page.locator("#upload-list form").first
    expect(uploaded).to_be_visible()
    field(uploaded, t("title")).fill(PHOTO_TITLE)
    field(uploaded, t("alternative text")).fill(ALT)
    field(uploaded, t("credit")).fill(CREDIT)
    field(uploaded, t("default caption")).fill("Gurbette 60. yıl gecesi, Gelsenkirchen")
    shot(page, "photo-upload")
    uploaded.get_by_role("button", name=t("Update")).click()
    expect(page.get_by_text(t("Image updated.")).first).to_be_visible()
    image = CustomImage.objects.get(title=PHOTO_TITLE)
    assert (image.credit, image.description) == (CREDIT, ALT)
    return image


def submit_label() -> str:
    return t("Submit to %(workflow_name)s") % {"workflow_name": t("Editorial review")}


def write_article(page: Page, photo: CustomImage) -> ArticlePage:
    """Under Toplum, placed in Dernekler too, with the photo as lead image; saved as draft."""
    page.goto(f"/admin/pages/{section('toplum').pk}/")
    page.get_by_role("link", name=t("Add child page")).first.click()
    field(page, t("title")).fill(TITLE)
    # The "insert a block" button is labelled by Wagtail's JavaScript catalogue.
    page.locator("[data-contentpath='body'] .c-sf-add-button").first.click()
    page.get_by_role("option", name=t("Paragraph")).click()
    paragraph = page.locator("[data-contentpath='body']").get_by_role("textbox")
    # Typed key by key: Draftail keeps its own state from key events.
    paragraph.click()
    expect(paragraph).to_be_focused()
    paragraph.press_sequentially(TEXT, delay=5)
    stored = page.locator("[data-contentpath='body'] input[type='hidden'][name$='-value']")
    expect(stored).to_have_value(re.compile(re.escape(TEXT.split()[0])))

    page.locator("[data-contentpath='hero_image']").get_by_role(
        "button", name=t("Choose an image")
    ).click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("link", name=PHOTO_TITLE).click()
    expect(page.locator("[data-contentpath='hero_image']").get_by_text(PHOTO_TITLE)).to_be_visible()

    page.get_by_role("tab", name=t("Promote")).click()
    page.get_by_role("checkbox", name="Dernekler", exact=True).check()
    page.get_by_role("tab", name=t("Content")).click()
    shot(page, "article-edit")
    footer_action(page, t("Save draft"))
    expect_said(page, TITLE, *SAVED_NEW)
    article = ArticlePage.objects.get(title=TITLE)
    assert article.hero_image_id == photo.pk
    assert [s.slug for s in article.sections.all()] == ["dernekler"]
    return article


def draft_by_reporter() -> ArticlePage:
    kultur = section("magazin-kultur")
    draft = ArticlePage(title=SECOND_TITLE, slug="duisburgda-turkce-kitap-gunleri", live=False)
    draft.owner = get_user_model().objects.get(username="reporter")
    kultur.add_child(instance=draft)
    draft.save_revision(user=draft.owner)
    return draft


def test_reporter_and_editor_do_the_days_work_in_turkish(open_page, turkish_admin):
    reporter = open_page()
    log_in(reporter, "reporter")
    photo = upload_photo(reporter)
    assert photo.uploaded_by_user.username == "reporter"
    article = write_article(reporter, photo)

    # Preview in the side panel: the draft as readers will see it, photo and credit.
    reporter.get_by_role("button", name=t("Toggle preview")).click()
    preview = reporter.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(preview.get_by_text(CREDIT).first).to_be_visible()
    expect(preview.locator(f"img[alt='{ALT}']").first).to_be_visible()
    shot(reporter, "article-preview")
    reporter.get_by_role("button", name=t("Toggle preview")).click()

    footer_action(reporter, submit_label())
    expect_said(reporter, TITLE, "Page '%(page_title)s' has been submitted for moderation.")
    article.refresh_from_db()
    assert article.current_workflow_state.status == "in_progress"
    assert not article.live

    # The editor finds it on the dashboard, previews it, approves and publishes it.
    editor = open_page()
    log_in(editor, "editor")
    review = editor.get_by_role("region", name=t("Awaiting your review"))
    shot(editor, "dashboard")
    review.get_by_role("link", name=TITLE).first.click()
    editor.get_by_role("button", name=t("Toggle preview")).click()
    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.get_by_text(CREDIT).first).to_be_visible()
    editor.get_by_role("button", name=t("Toggle preview")).click()
    footer_action(editor, t("%(label)s and Publish") % {"label": t("Approve")})
    expect_said(editor, TITLE, "Page '%(page_title)s' has been updated.")
    article.refresh_from_db()
    assert article.live
    assert article.current_workflow_state is None

    # Another article, a reporter's draft, is scheduled for Saturday 09:30 Berlin time.
    second = draft_by_reporter()
    go_live = (timezone.now().astimezone(BERLIN) + dt.timedelta(days=2)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    editor.goto(f"/admin/pages/{second.pk}/edit/")
    editor.get_by_role("button", name=t("Toggle status")).click()
    editor.get_by_role("button", name=t("Set schedule")).click()
    dialog = editor.get_by_role("dialog", name=t("Set publishing schedule"))
    field(dialog, t("go live date/time")).fill(go_live.strftime("%d.%m.%Y %H:%M"))
    shot(editor, "schedule")
    # The date picker stays over the button once the field is filled: use the keyboard.
    dialog.get_by_role("button", name=t("Save schedule")).press("Enter")
    footer_action(editor, t("Schedule to publish"))
    expect_said(editor, SECOND_TITLE, "Page '%(page_title)s' has been scheduled for publishing.")
    second.refresh_from_db()
    assert second.go_live_at == go_live
    assert not second.live and second.scheduled_revision is not None

    # The published article is translated into German: a linked draft under Gesellschaft.
    editor.goto(f"/admin/pages/{article.pk}/edit/")
    editor.get_by_role("button", name=t("Actions"), exact=True).first.click()
    editor.get_by_role("link", name=t("Translate")).click()
    editor.get_by_role("checkbox", name="Deutsch").check()
    editor.get_by_role("button", name=t("Submit")).click()
    german = ArticlePage.objects.get(
        translation_key=article.translation_key, locale__language_code="de"
    )
    assert german.get_parent().pk == section("gesellschaft", "de").pk
    assert not german.live

    # Readers see the article in both its sections, with the photo and its credit;
    # neither the scheduled article nor the German draft.
    reader = open_page()
    for listing in ["/tr/toplum/", "/tr/dernekler/"]:
        reader.goto(listing)
        expect(reader.get_by_role("link", name=TITLE).first).to_be_visible()
    reader.get_by_role("link", name=TITLE).first.click()
    expect(reader.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(reader.get_by_text(TEXT)).to_be_visible()
    expect(reader.get_by_text(CREDIT).first).to_be_visible()
    expect(reader.get_by_role("img", name=ALT).first).to_be_visible()
    reader.goto("/tr/magazin-kultur/")
    expect(reader.get_by_role("link", name=SECOND_TITLE)).to_have_count(0)
    assert reader.goto(f"/de/gesellschaft/{german.slug}/").status == 404


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("Save draft", SAVED_NEW),
        (
            None,
            (
                "Page '%(page_title)s' created and submitted for moderation.",
                "Page '%(page_title)s' has been submitted for moderation.",
            ),
        ),
    ],
    ids=["save-draft", "submit"],
)
def test_a_save_pressed_while_autosave_creates_the_page_saves_it_once(
    open_page, admin_in, action, said
):
    """The reporter presses a footer action while Wagtail's autosave is still creating the page.

    Both used to post the create form: the second failed on the slug with a server error.
    The autosave's request is held at the network until the action has been pressed.
    """
    reporter = open_page()
    # Wagtail notes the form's first state a moment after it loads; edits count from then.
    reporter.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watching = true; })"
    )
    log_in(reporter, "reporter")
    reporter.goto(f"/admin/pages/{section('toplum').pk}/")
    reporter.get_by_role("link", name=t("Add child page")).first.click()
    reporter.wait_for_function("window.watching === true")
    held, posted_again, released = [], [], []

    def hold(route) -> None:
        if released:
            route.continue_()
        elif route.request.headers.get("accept") == "application/json":
            held.append(route)
        else:
            posted_again.append(route.request.url)
            route.abort()

    creating = re.compile(r"/admin/pages/add/")
    reporter.route(creating, hold)
    # Leaving the title fills in the slug, which the autosave needs to create the page.
    field(reporter, t("title")).fill(TITLE)
    field(reporter, t("title")).press("Tab")
    for _ in range(300):
        if held:
            break
        reporter.wait_for_timeout(100)
    assert held, "autosave did not start"

    footer_action(reporter, t(action) if action else submit_label())
    # Long enough for a second post of the form to reach the network, had it gone.
    reporter.wait_for_timeout(500)
    assert not posted_again, "the form was posted again while autosave was creating the page"
    released.append(True)
    held[0].continue_()

    expect_said(reporter, TITLE, *said)
    article = ArticlePage.objects.get(title=TITLE)
    assert article.get_parent().specific.slug == "toplum"
    if action is None:
        assert article.current_workflow_state.status == "in_progress"


def test_the_reporter_previews_her_draft_in_the_side_panel(open_page, admin_in, live_server):
    """The preview panel frames the draft from the admin: the one reader page our own origin
    may frame. ``open_page`` fails the test on anything the Content-Security-Policy refuses."""
    draft = draft_by_reporter()
    reporter = open_page()
    log_in(reporter, "reporter")
    reporter.goto(f"/admin/pages/{draft.pk}/edit/")

    reporter.get_by_role("button", name=t("Toggle preview")).click()

    preview = reporter.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", name=SECOND_TITLE, level=1)).to_be_visible()


def test_no_page_may_frame_a_reader_page_not_even_our_own(browser, live_server, demo_site):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto("/tr/")
    # Another of our pages framing the German front page: a clickjacker on our own origin.
    page.evaluate(
        "() => { const f = document.createElement('iframe'); f.src = '/de/';"
        " document.body.append(f); }"
    )
    page.wait_for_timeout(1000)

    assert any("frame-ancestors 'none'" in text for text in refused), refused
    assert "Muhabirce" not in page.frames[-1].content()
    context.close()
