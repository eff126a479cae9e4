"""Articles as readers see them: teasers, sections, dates, translations, old URLs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.rich_text import RichText

from muhabir.newsroom.models import ArticlePage, ArticlePageAuthor
from muhabir.newsroom.selectors import section_articles
from tests.factories import ArticlePageFactory, AuthorFactory, body_paragraphs
from tests.helpers import (
    card_date,
    card_teaser,
    cards,
    language_link,
    listed_links,
    listed_titles,
    soup,
)
from tests.newsroom.admin_forms import article_form

# From the seed page (seed/000_7dbeb9c3853a4781.txt).
KENTER = (
    "İstanbul'da tedavi gördüğü hastanede pazar günü hayatını kaybeden Yıldız Kenter bugün "
    "son yolculuğuna uğurlandı."
)
KENTER_MORE = (
    "Kenter için ilk tören Kenter Tiyatrosu’nda düzenlendi. Kenter'in cenazesi tören için "
    "Muhsin Ertuğrul Sahnesi'ne getirildi ve sevenleri ile meslektaşları tarafından alkışlarla "
    "uğurlandı."
)
BORKEN = (
    "Zur Eröffnung des 51. Zentrums in Borken würdigte der Staatssekretär im Ministerium für "
    "Schule und Weiterbildung, Ludwig Hecke, den beispielhaften Einsatz aller Beteiligten. "
    "„Die Neueröffnung sendet ein starkes Signal, dass wir uns in Nordrhein-Westfalen um die "
    "nachhaltige Integration von zugewanderten Menschen kümmern.“"
)


def test_derived_teaser_strips_markup_and_cuts_turkish_body_at_word_boundary(sections):
    article = ArticlePageFactory(
        parent=sections["tr"][0],
        body=[
            ("paragraph", RichText(f"<p><b>{KENTER}</b></p>")),
            (
                "paragraph",
                RichText(f'<p><a href="https://muhabirce.example">{KENTER_MORE}</a></p>'),
            ),
        ],
    )

    teaser = article.display_teaser

    assert "<" not in teaser
    assert teaser.startswith(f"{KENTER} Kenter için ilk tören")
    assert teaser.endswith("...")
    kept = teaser.removesuffix("...")
    assert len(kept) <= 200
    assert f"{KENTER} {KENTER_MORE}"[len(kept)] == " "


def test_derived_teaser_cuts_german_body_at_word_boundary(sections):
    article = ArticlePageFactory(parent=sections["de"][1], body=body_paragraphs(BORKEN))

    teaser = article.display_teaser

    assert teaser.endswith("...")
    kept = teaser.removesuffix("...")
    assert BORKEN.startswith(kept)
    assert BORKEN[len(kept)] == " "


def test_derived_teaser_shows_ampersand_once_not_as_entity(client, sections):
    # The rich-text editor stores "&" as "&amp;"; readers must see "&".
    article = ArticlePageFactory(
        parent=sections["tr"][0],
        body=[("paragraph", RichText("<p>Bilim &amp; Teknik ödülü Düsseldorf'ta verildi.</p>"))],
    )

    assert article.display_teaser == "Bilim & Teknik ödülü Düsseldorf'ta verildi."
    [card] = cards(client.get(sections["tr"][0].url))
    assert card_teaser(card) == "Bilim & Teknik ödülü Düsseldorf'ta verildi."


def test_short_body_is_the_whole_teaser_without_ellipsis(sections):
    article = ArticlePageFactory(parent=sections["tr"][0], body=body_paragraphs(KENTER))

    assert article.display_teaser == KENTER


def test_editor_teaser_wins_over_body(client, sections):
    article = ArticlePageFactory(
        parent=sections["tr"][0],
        teaser="Usta oyuncu Yıldız Kenter'e veda.",
        body=body_paragraphs(KENTER, KENTER_MORE),
    )

    assert article.display_teaser == "Usta oyuncu Yıldız Kenter'e veda."
    [card] = cards(client.get(sections["tr"][0].url))
    assert card_teaser(card) == "Usta oyuncu Yıldız Kenter'e veda."


@pytest.mark.parametrize("language", ["tr", "de"])
def test_article_in_further_section_is_listed_in_both_sections(client, sections, language):
    primary, further, other = sections[language]
    article = ArticlePageFactory(parent=primary, further_sections=[further])

    assert list(section_articles(section=primary)) == [article]
    assert list(section_articles(section=further)) == [article]
    assert list(section_articles(section=other)) == []
    assert listed_links(client.get(primary.url)) == [article.url]
    assert listed_links(client.get(further.url)) == [article.url]
    assert listed_links(client.get(other.url)) == []


def test_article_page_names_all_its_sections_primary_first(client, sections):
    primary, further, other = sections["tr"]
    article = ArticlePageFactory(parent=primary, further_sections=[further])

    story = soup(client.get(article.url)).find("main").find("article")
    links = [(a["href"], a.get_text()) for a in story.find_all("a", href=True)]

    section_links = [link for link in links if link[0] in {primary.url, further.url, other.url}]
    assert section_links == [(primary.url, primary.title), (further.url, further.title)]


def test_article_page_names_its_authors_in_byline_order(client, sections):
    article = ArticlePageFactory(parent=sections["tr"][0])
    first, second = AuthorFactory(name="Şule Yıldırım"), AuthorFactory(name="İsmail Öztürk")
    article.bylines = [ArticlePageAuthor(author=first), ArticlePageAuthor(author=second)]
    article.save_revision().publish()

    text = soup(client.get(article.url)).find("main").get_text(" ", strip=True)

    assert "Şule Yıldırım" in text
    assert "İsmail Öztürk" in text
    assert text.index("Şule Yıldırım") < text.index("İsmail Öztürk")


def test_published_date_is_first_publication_without_editorial_date(sections):
    article = ArticlePageFactory(parent=sections["tr"][0])

    assert article.first_published_at is not None
    assert article.published_date == article.first_published_at
    assert article.date == article.first_published_at


def test_published_date_follows_editorial_date_and_orders_listings(client, sections):
    section = sections["tr"][1]
    tuesday = timezone.make_aware(dt.datetime(2019, 11, 19, 10, 0))
    older = ArticlePageFactory(parent=section, title="Yıldız Kenter son yolculuğuna uğurlandı",
                               editorial_date=tuesday)  # fmt: skip
    newer = ArticlePageFactory(parent=section, title="Zonguldaklılar gece düzenledi")

    assert older.published_date == tuesday
    assert older.first_published_at > tuesday
    assert list(section_articles(section=section)) == [newer, older]
    response = client.get(section.url)
    assert listed_titles(response) == [newer.title, older.title]
    assert [card_date(card) for card in cards(response)][1] == "Salı, 19.11.2019"


def test_german_listing_shows_german_weekday(client, sections):
    tuesday = timezone.make_aware(dt.datetime(2019, 11, 19, 10, 0))
    ArticlePageFactory(parent=sections["de"][0], editorial_date=tuesday)

    listing = cards(client.get(sections["de"][0].url))

    assert [card_date(card) for card in listing] == ["Dienstag, 19.11.2019"]


def test_changing_editorial_date_moves_published_date(sections):
    article = ArticlePageFactory(parent=sections["tr"][0])
    new_date = timezone.make_aware(dt.datetime(2019, 6, 15, 9, 30))

    article.editorial_date = new_date
    article.save_revision().publish()
    article.refresh_from_db()

    assert article.published_date == new_date


@pytest.fixture
def translated_article(sections, locale_de):
    """A Turkish article and its published German translation."""
    turkish = ArticlePageFactory(
        parent=sections["tr"][0],
        title="Yıldız Kenter son yolculuğuna uğurlandı",
        slug="yildiz-kenter-son-yolculuguna-ugurlandi",
    )
    german = turkish.copy_for_translation(locale_de)
    german.title = "Yıldız Kenter auf ihrem letzten Weg begleitet"
    german.slug = "yildiz-kenter-auf-ihrem-letzten-weg-begleitet"
    german.save_revision().publish()
    german.refresh_from_db()
    return turkish, german


def test_translation_lives_under_the_translated_section(translated_article, sections):
    turkish, german = translated_article

    assert german.get_parent().specific == sections["de"][0]
    assert german.locale.language_code == "de"
    assert list(turkish.get_translations()) == [german]
    assert list(german.get_translations()) == [turkish]


def test_language_switcher_on_turkish_article_links_the_german_translation(
    client, translated_article
):
    turkish, german = translated_article

    response = client.get(turkish.url)

    assert response.status_code == 200
    assert german.url == "/de/magazin-kultur/yildiz-kenter-auf-ihrem-letzten-weg-begleitet/"
    assert language_link(response, "de") == german.url
    assert language_link(response, "tr") == turkish.url


def test_language_switcher_on_german_article_links_the_turkish_original(client, translated_article):
    turkish, german = translated_article

    response = client.get(german.url)

    assert soup(response).html["lang"] == "de"
    assert language_link(response, "tr") == turkish.url


def test_language_switcher_skips_an_unpublished_translation(client, sections, locale_de, home_de):
    turkish = ArticlePageFactory(parent=sections["tr"][0])
    draft = turkish.copy_for_translation(locale_de)

    link = language_link(client.get(turkish.url), "de")

    assert draft.live is False
    assert link != draft.url
    assert link == home_de.url


@pytest.mark.parametrize("language", ["tr", "de"])
def test_moved_article_old_url_redirects_to_new_one(
    client, sections, language, django_capture_on_commit_callbacks
):
    source, target, _other = sections[language]
    article = ArticlePageFactory(parent=source)
    old_url = article.url

    with django_capture_on_commit_callbacks(execute=True):
        article.move(target, pos="last-child")
    article.refresh_from_db()

    assert article.url != old_url
    assert article.url.startswith(target.url)
    assert listed_links(client.get(target.url)) == [article.url]
    assert listed_links(client.get(source.url)) == []
    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"] == article.url
    assert client.get(article.url).status_code == 200


def test_article_with_changed_slug_keeps_old_url_working(
    client, sections, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=sections["tr"][0], slug="kenter-vefat")
    old_url = article.url

    article.slug = "yildiz-kenter-son-yolculuguna-ugurlandi"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()

    assert article.url == "/tr/magazin-kultur/yildiz-kenter-son-yolculuguna-ugurlandi/"
    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"] == article.url


def test_slug_changed_in_admin_keeps_old_url_working(
    client, editor_client, sections, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=sections["tr"][0], slug="kenter-vefat")
    old_url = article.url

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/pages/{article.pk}/edit/",
            article_form(title=article.title, slug="kenter-son-yolculuk", action="publish"),
        )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.url == "/tr/magazin-kultur/kenter-son-yolculuk/"
    redirect = client.get(old_url)
    assert redirect.status_code in (301, 302)
    assert redirect["Location"] == article.url


def test_further_section_in_another_language_is_rejected(sections):
    article = ArticlePageFactory(parent=sections["tr"][0])
    article.sections = [sections["de"][1]]

    with pytest.raises(ValidationError) as caught:
        article.full_clean()

    assert "sections" in caught.value.message_dict


def test_further_section_in_same_language_passes_clean(sections):
    article = ArticlePageFactory(parent=sections["tr"][0])
    article.sections = [sections["tr"][1]]

    article.full_clean()


def test_primary_section_is_dropped_from_further_sections(sections):
    primary, further, _other = sections["tr"]
    article = ArticlePageFactory(parent=primary)
    article.sections = [primary, further]

    article.full_clean()

    assert article.all_sections() == [primary, further]


def test_admin_refuses_further_section_in_another_language(editor_client, sections):
    article = ArticlePageFactory(parent=sections["tr"][0])

    response = editor_client.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(title=article.title, slug=article.slug, action="publish",
                     sections=[sections["de"][1].pk]),
    )  # fmt: skip

    assert response.status_code == 200
    assert "sections" in response.context["form"].errors
    assert list(ArticlePage.objects.get(pk=article.pk).sections.all()) == []
