"""Kept fragments make a page's next render cheap, and are never older than what they show.

The page cache is off here: every request renders the page, reusing the front page's
lists, a section's article list and count, an article's body and the head metadata from
the fragment cache. Every test changes something the way editors do and reads the
affected pages in the same second, as the page cache's own tests do.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction, Site

from muhabir.home.models import SiteSettings
from muhabir.pagecache import fragments
from tests.factories.images import CustomImageFactory
from tests.factories.newsroom import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def _text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _warm(client, *urls):
    for url in urls:
        _text(client, url)


@pytest.mark.parametrize("page", ["home", "section", "article"])
def test_the_next_render_reuses_the_fragments_and_gives_the_same_page(
    fragment_cache, sections, article, page, django_assert_max_num_queries
):
    url = {"home": "/tr/", "section": sections["tr"][0].url, "article": article.url}[page]
    client = Client()
    with django_assert_max_num_queries(1000) as first_queries:
        first = _text(client, url)
    with django_assert_max_num_queries(1000) as second_queries:
        second = _text(client, url)

    assert second == first
    # The lists, counts and metadata come from the cache: their queries are not run again.
    assert len(second_queries) < len(first_queries) - 2, (
        len(first_queries),
        len(second_queries),
    )


def test_without_the_setting_nothing_is_kept(settings, sections, article):
    settings.MUHABIR_FRAGMENT_CACHE = False
    calls = []
    value = fragments.remembered(None, "test", [], lambda: calls.append(1) or len(calls))
    again = fragments.remembered(None, "test", [], lambda: calls.append(1) or len(calls))

    assert (value, again) == (1, 2)


def test_a_kept_value_is_handed_out_until_a_row_it_read_changes(fragment_cache, article):
    def title():
        return ArticlePageFactory._meta.model.objects.get(pk=article.pk).title

    assert fragments.remembered(None, "title", [article], title) == article.title
    # Kept: a second call does not compute.
    assert fragments.remembered(None, "title", [article], lambda: "computed again") == (
        article.title
    )

    article.title = "Yeni başlık"
    article.save_revision().publish()

    assert fragments.remembered(None, "title", [article], title) == "Yeni başlık"


def test_a_value_this_worker_kept_is_read_without_asking_the_shared_cache_for_it(
    fragment_cache, sections, article, cache_reads
):
    client = Client()
    first = _text(client, sections["tr"][0].url)
    asked = cache_reads()

    assert _text(client, sections["tr"][0].url) == first
    assert not [key for key in asked if key.startswith(fragments.KEY.format(""))]


def test_each_request_gets_its_own_copy_of_a_kept_value(fragment_cache, article):
    kept = fragments.remembered(None, "names", [article], lambda: [article.title])
    kept.append("changed by one request")

    assert fragments.remembered(None, "names", [article], lambda: []) == [article.title]


def test_another_workers_newer_value_replaces_this_workers_outdated_copy(fragment_cache, article):
    def title():
        return ArticlePageFactory._meta.model.objects.get(pk=article.pk).title

    fragments.remembered(None, "title", [article], title)
    key = fragments.fragment_key(None, "title", [article])
    outdated = fragments.worker_copies.get(key)
    article.title = "Yeni başlık"
    article.save_revision().publish()
    assert fragments.remembered(None, "title", [article], title) == "Yeni başlık"
    # The shared cache holds the new value; this worker still has the old copy.
    fragments.worker_copies.put(key, outdated)

    assert fragments.remembered(None, "title", [article], lambda: "computed again") == (
        "Yeni başlık"
    )


def test_search_results_are_kept_and_an_unpublished_article_leaves_them_at_once(
    fragment_cache, sections, article, django_assert_max_num_queries
):
    client = Client()
    url = "/tr/ara/?q=kenter"
    with django_assert_max_num_queries(1000) as first_queries:
        first = _text(client, url)
    with django_assert_max_num_queries(1000) as second_queries:
        assert _text(client, url) == first
    assert "son yolculuğuna" in first
    assert len(second_queries) < len(first_queries) - 2

    # Other words are results of their own.
    assert "son yolculuğuna" not in _text(client, "/tr/ara/?q=kitap")

    article.unpublish()

    assert "son yolculuğuna" not in _text(client, url)


def test_publishing_an_edit_shows_at_once_on_every_page_that_shows_the_article(
    fragment_cache, sections, article
):
    urls = [article.url, "/tr/", sections["tr"][0].url, "/tr/feed/"]
    client = Client()
    _warm(client, *urls)

    article.title = "Duisburg’da çay bahçesi yeniden açıldı"
    article.save_revision().publish()

    for url in urls:
        text = _text(client, url)
        assert "Duisburg’da çay bahçesi" in text, url
        assert "Yıldız Kenter son" not in text, url


def test_a_new_article_changes_the_count_and_the_later_section_pages_at_once(
    fragment_cache, sections, settings
):
    settings.MUHABIR_SECTION_PAGE_SIZE = 2
    section = sections["tr"][0]
    for n in range(4):
        ArticlePageFactory(parent=section, title=f"Eski haber {n}")
    client = Client()
    _warm(client, section.url, f"{section.url}?page=2")
    assert client.get(f"{section.url}?page=3").status_code == 404

    ArticlePageFactory(parent=section, title="Yepyeni haber")

    assert "Yepyeni haber" in _text(client, section.url)
    assert "Eski haber 1" in _text(client, f"{section.url}?page=2")
    # A third page exists now, and the first page links to it.
    assert "Eski haber 0" in _text(client, f"{section.url}?page=3")
    assert "?page=3" in _text(client, section.url)


def test_unpublishing_removes_the_article_from_every_page_at_once(
    fragment_cache, sections, article
):
    client = Client()
    _warm(client, article.url, "/tr/", sections["tr"][0].url, "/tr/feed/")

    article.unpublish()

    assert client.get(article.url).status_code == 404
    for url in ("/tr/", sections["tr"][0].url, "/tr/feed/"):
        assert "Yıldız Kenter" not in _text(client, url), url


def test_a_draft_is_not_shown_to_readers_but_its_preview_shows_the_draft(
    fragment_cache, sections, article, editor_client
):
    # Previews are rendered for the site's own host name, as readers' pages are.
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.save()
    client = Client()
    _warm(client, article.url, "/tr/")

    article.title = "TASLAK: henüz yayımlanmadı"
    article.save_revision()

    for url in (article.url, "/tr/"):
        assert "TASLAK" not in _text(client, url), url
    # The editor's preview of the draft is computed afresh, not taken from the live copy.
    preview = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert preview.status_code == 200
    assert '<h1 id="article-title">TASLAK: henüz yayımlanmadı</h1>' in preview.content.decode()
    # And the live page is still what readers saw.
    assert "TASLAK" not in _text(client, article.url)


def test_making_a_page_private_hides_it_at_once(fragment_cache, sections, article):
    client = Client()
    _warm(client, article.url, "/tr/")

    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="gizli"
    )

    assert "Yıldız Kenter son yolculuğuna" not in _text(client, article.url)
    assert "Yıldız Kenter son yolculuğuna" not in _text(client, "/tr/")


def test_a_changed_photo_credit_shows_at_once(fragment_cache, sections):
    # The head reads the article's image before the body's fragment does: the body must
    # still count the image as read.
    image = CustomImageFactory(credit="Foto: M. Hermenau")
    article = ArticlePageFactory(parent=sections["tr"][0], hero_image=image)
    client = Client()
    _warm(client, article.url)

    image.credit = "Foto: Wilfried Meyer"
    image.save()

    text = _text(client, article.url)
    assert "Wilfried Meyer" in text
    assert "Hermenau" not in text


def test_a_renamed_author_shows_at_once(fragment_cache, sections):
    author = AuthorFactory(name="Ayşe Yılmaz")
    article = ArticlePageFactory(parent=sections["tr"][0], publish=False)
    article.bylines.create(author=author)
    article.save_revision().publish()
    client = Client()
    _warm(client, article.url)

    author.name = "Ayşe Yılmaz-Schäfer"
    author.save()

    assert "Yılmaz-Schäfer" in _text(client, article.url)


def test_a_changed_site_setting_shows_at_once(fragment_cache, sections, article):
    client = Client()
    _warm(client, "/tr/")
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))

    settings_row.bilingual_section_labels = not settings_row.bilingual_section_labels
    settings_row.site_name = "Ruhrpott Haber"
    settings_row.save()

    assert "Ruhrpott Haber" in _text(client, "/tr/")
    assert "Ruhrpott Haber" in _text(client, article.url)


def test_an_article_leaves_the_lists_when_it_expires(fragment_cache, sections, monkeypatch):
    article = ArticlePageFactory(parent=sections["tr"][0], title="Süresi dolacak haber")
    article.expire_at = timezone.now() + timedelta(minutes=5)
    article.save_revision().publish()
    client = Client()
    _warm(client, "/tr/", sections["tr"][0].url)

    later = time.time() + 6 * 60
    monkeypatch.setattr(fragments.time, "time", lambda: later)
    monkeypatch.setattr(timezone, "now", lambda: datetime.fromtimestamp(later, tz=UTC))

    for url in ("/tr/", sections["tr"][0].url):
        assert "Süresi dolacak haber" not in _text(client, url), url


def test_each_language_keeps_its_own_copy(fragment_cache, sections, article):
    german = ArticlePageFactory(parent=sections["de"][0], title="Kulturnacht in Köln")
    client = Client()

    turkish_front = _text(client, "/tr/")
    german_front = _text(client, "/de/")

    assert "Yıldız Kenter" in turkish_front
    assert "Kulturnacht in Köln" in german_front
    assert 'lang="de"' in german_front
    assert german.title not in turkish_front or "lang-badge" in turkish_front


def test_a_page_cached_from_kept_fragments_is_dropped_when_they_change(
    fragment_cache, settings, sections, article
):
    # The fragments are kept by one address; another address of the same page (a query
    # the page ignores) is then cached whole from them, and must know what they read.
    client = Client()
    _warm(client, "/tr/")
    settings.MUHABIR_PAGE_CACHE = True
    first = client.get("/tr/?ref=newsletter")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/tr/?ref=newsletter")["X-Page-Cache"] == "hit"

    article.title = "Duisburg’da çay bahçesi yeniden açıldı"
    article.save_revision().publish()

    response = client.get("/tr/?ref=newsletter")
    assert response["X-Page-Cache"] == "miss"
    assert "Duisburg’da çay bahçesi" in response.content.decode()


def test_a_published_translation_is_linked_from_the_article_at_once(fragment_cache, article):
    client = Client()
    _warm(client, article.url)
    german = article.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = "Yıldız Kenter auf ihrem letzten Weg begleitet"
    german.slug = "yildiz-kenter-auf-ihrem-letzten-weg-begleitet"
    german.save_revision().publish()
    german.refresh_from_db()

    text = _text(client, article.url)
    # The language switch and the article's own link to its translation.
    assert text.count(f'href="{german.url}"') >= 2


def test_a_newly_published_article_joins_kept_search_results_at_once(
    fragment_cache, sections, article
):
    client = Client()
    url = "/tr/ara/?q=kenter"
    _warm(client, url, url)

    draft = ArticlePageFactory(
        parent=sections["tr"][0], title="Kenter anısına tiyatro festivali", publish=False
    )
    assert "tiyatro festivali" not in _text(client, url)

    draft.save_revision().publish()

    assert "tiyatro festivali" in _text(client, url)
