"""The demo command builds the seed's site faithfully, and only once."""

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage, SectionPage
from tests.demo_once import demo_media_copy, demo_site_for_module

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_7dbeb9c3853a4781.txt"
PASSWORD = "demo-password-for-tests"
SEED_SECTION_ORDER_TR = [
    "Magazin & Kültür",
    "Mekanlar",
    "Toplum",
    "Bilim & Teknik",
    "Yemek Köşesi",
    "Dernekler",
]
SEED_SECTION_ORDER_DE = [
    "Magazin & Kultur",
    "Orte",
    "Gesellschaft",
    "Wissenschaft & Technik",
    "Köstlichkeiten",
    "Vereine",
]
SEED_DATE = re.compile(r"^[A-Z][a-z]+day, (\d\d)\.(\d\d)\.(\d{4})$")

pytestmark = pytest.mark.django_db


def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"The seed is not next to the checkout: {SEED}")
    return SEED.read_text(encoding="utf-8")


def seed_stories() -> list[tuple[str, dt.date, str]]:
    """The (title, date, teaser) blocks of the seed's front page."""
    lines = [line.strip() for line in seed_text().splitlines() if line.strip()]
    stories = []
    for index, line in enumerate(lines):
        match = SEED_DATE.match(line)
        if match:
            day, month, year = (int(part) for part in match.groups())
            stories.append((lines[index - 1], dt.date(year, month, day), lines[index + 1]))
    return stories


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def demo_site_workdir(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site loaded once for the module, its output and files kept."""
    workdir = tmp_path_factory.mktemp("demo-site")
    with demo_site_for_module(django_db_blocker, workdir, password=PASSWORD) as output:
        yield workdir, output


@pytest.fixture
def demo_site(demo_site_workdir, db, media_root, tmp_path):
    """The loader's output; the site itself is in the database for this test."""
    workdir, output = demo_site_workdir
    demo_media_copy(workdir, media_root)
    # Where this test's loader looks for the password it wrote (tests/conftest.py).
    shutil.copy(workdir / "demo-password", tmp_path / "demo-password")
    return output


def test_demo_creates_the_six_sections_in_seed_order_in_both_languages(demo_site):
    for language, names in (("tr", SEED_SECTION_ORDER_TR), ("de", SEED_SECTION_ORDER_DE)):
        sections = SectionPage.objects.live().filter(locale__language_code=language)
        assert [s.title for s in sections.order_by("path")] == names


def test_demo_sections_are_translations_of_each_other(demo_site):
    for section in SectionPage.objects.filter(locale__language_code="tr"):
        translations = section.get_translations()
        assert translations.count() == 1
        assert translations.get().locale.language_code == "de"


def test_demo_turkish_stories_match_the_seed(demo_site):
    stories = seed_stories()
    assert len(stories) == 6  # five distinct stories, Yıldız Kenter twice
    for title, date, teaser in stories:
        article = ArticlePage.objects.live().get(title=title)
        assert article.locale.language_code == "tr"
        assert article.date.date() == date
        assert article.display_teaser == teaser


def test_demo_kenter_story_sits_in_two_sections(demo_site):
    article = ArticlePage.objects.get(title="Yıldız Kenter son yolculuğuna uğurlandı")
    assert [s.title for s in article.all_sections()] == ["Magazin & Kültür", "Toplum"]


def test_demo_german_article_holds_every_sentence_of_the_seed(demo_site, client):
    article = ArticlePage.objects.get(title="Ein starkes Signal für Integration")
    assert article.locale.language_code == "de"
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    page_text = squash(re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")
    seed = seed_text()
    article_part = seed.split("Ein starkes Signal für Integration", 1)[1].split("Muhabirce- NRW")[0]
    captions = {
        "Staatssekretäre Thorsen Klute/ Foto: Wilfried Meyer": "",
        "Staatssekretär Ludwig Hecke NRW- Foto: M. Hermenau": "",
    }
    for caption in captions:
        article_part = article_part.replace(caption, "\n")
    sentences = [
        squash(sentence)
        for paragraph in article_part.split("\n")
        for sentence in re.split(r"(?<=[.“])\s+(?=[A-ZÄÖÜ„])", paragraph)
        if sentence.strip()
    ]
    assert len(sentences) > 15
    missing = [sentence for sentence in sentences if sentence not in page_text]
    assert missing == []


def test_demo_german_article_shows_both_captions_with_credits(demo_site, client):
    article = ArticlePage.objects.get(title="Ein starkes Signal für Integration")
    html = client.get(article.url).content.decode()
    assert "Staatssekretäre Thorsen Klute" in html
    assert "Foto: Wilfried Meyer" in html
    assert "Staatssekretär Ludwig Hecke NRW" in html
    assert "Foto: M. Hermenau" in html
    subheadings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert "Die Kommunalen Integrationszentren übernehmen mehr Aufgaben" in subheadings
    assert "<blockquote>" in html


def test_demo_images_carry_credit_and_caption(demo_site):
    credits = set(CustomImage.objects.values_list("credit", flat=True))
    assert credits == {"Foto: Wilfried Meyer", "Foto: M. Hermenau"}
    assert all(image.description for image in CustomImage.objects.all())


def test_demo_home_page_shows_seed_dates_in_turkish(demo_site, client):
    html = client.get("/tr/").content.decode()
    assert "Salı, 19.11.2019" in html
    assert "Cumartesi, 15.06.2019" in html
    assert html.count("Yıldız Kenter son yolculuğuna uğurlandı") == 2


def test_demo_prints_the_admin_login(demo_site):
    assert "admin" in demo_site
    assert PASSWORD in demo_site
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(PASSWORD)
    assert get_user_model().objects.get(username="editor").groups.filter(name="Editor").exists()


def test_demo_second_run_changes_nothing(demo_site):
    def snapshot():
        return (
            list(Page.objects.order_by("pk").values_list("pk", "path", "live", "latest_revision")),
            Revision.objects.count(),
            list(CustomImage.objects.values_list("pk", "file")),
            get_user_model().objects.count(),
        )

    before = snapshot()
    output = io.StringIO()
    call_command("load_demo_site", stdout=output)
    assert snapshot() == before
    assert "nothing changed" in output.getvalue()


def test_synthetic_articles_spread_over_sections_and_languages(demo_site):
    call_command("load_demo_site", synthetic=60, stdout=io.StringIO())
    synthetic = ArticlePage.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 60
    assert set(synthetic.values_list("locale__language_code", flat=True)) == {"tr", "de"}
    parents = {article.get_parent().pk for article in synthetic}
    assert len(parents) >= 6
    assert all(article.title.startswith(("Sentetik", "Synthetisch")) for article in synthetic)
    assert Page.find_problems() == ([], [], [], [], [])


def test_synthetic_articles_are_listed_like_any_other(demo_site, client):
    call_command("load_demo_site", synthetic=40, stdout=io.StringIO())
    section = SectionPage.objects.get(slug="toplum")
    response = client.get(section.url)
    assert response.status_code == 200
    listed = [a for a in response.context["articles"] if a.slug.startswith("synthetic-")]
    assert listed


def test_synthetic_run_is_idempotent(demo_site):
    call_command("load_demo_site", synthetic=30, stdout=io.StringIO())
    output = io.StringIO()
    call_command("load_demo_site", synthetic=30, stdout=output)
    assert ArticlePage.objects.filter(slug__startswith="synthetic-").count() == 30
    assert "0 added" in output.getvalue()


def test_synthetic_count_must_not_be_negative(demo_site):
    with pytest.raises(CommandError, match="--synthetic"):
        call_command("load_demo_site", synthetic=-1, stdout=io.StringIO())


def test_a_new_article_can_be_added_after_synthetic_ones(demo_site):
    call_command("load_demo_site", synthetic=20, stdout=io.StringIO())
    section = SectionPage.objects.get(slug="toplum")
    article = ArticlePage(title="Yeni haber", slug="yeni-haber", locale=section.locale)
    section.add_child(instance=article)
    article.save_revision().publish()
    assert Page.find_problems() == ([], [], [], [], [])


def test_demo_users_have_names_so_their_account_settings_save(demo_site, client):
    editor = get_user_model().objects.get(username="editor")
    client.force_login(editor)

    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": editor.first_name,
            "name_email-last_name": editor.last_name,
            "name_email-email": editor.email,
            "locale-preferred_language": "de",
            "locale-current_time_zone": "Europe/Berlin",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
            "notifications-submitted_notifications": "on",
            "notifications-approved_notifications": "on",
            "notifications-rejected_notifications": "on",
            "notifications-updated_comments_notifications": "on",
        },
    )

    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.wagtail_userprofile.preferred_language == "de"
    assert all(user.get_full_name() for user in get_user_model().objects.all())


def test_demo_site_answers_at_the_public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8080"

    call_command("load_demo_site", password=PASSWORD, stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8080)
    assert site.root_url == "http://127.0.0.1:8080"
