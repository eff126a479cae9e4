"""Low findings of the outside audit (issue 13, item 11), as an anonymous reader meets them."""

from __future__ import annotations

import datetime as dt
import unicodedata

import icalendar
import pytest
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageLogEntry, PageViewRestriction

from muhabir.directory.models import Event
from muhabir.newsroom.models import ArticlePage
from tests.conftest import section_add
from tests.factories.directory import EventFactory, berlin, directory_pages_add
from tests.factories.newsroom import body_paragraphs
from tests.syndication.conftest import article_publish

FEEDS = ["", "atom/", "json/"]


def restrict(page, kind: str = PageViewRestriction.LOGIN) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type=kind, password="geheim")


def public_texts(client, urls: list[str]) -> dict[str, str]:
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        texts[url] = response.content.decode()
    return texts


# a. Titles of restricted sections -------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS]
)
def test_restricted_further_section_is_named_nowhere_public(client, home_tr, sections, kind):
    hidden = section_add(home_tr, title="Gizli Bölümümüz", slug="gizli-bolum")
    restrict(hidden, kind)
    public = sections["tr"][0]
    article = article_publish(public, title="Herkese açık haber", further_sections=[hidden])
    assert {p.section_id for p in article.placements.all()} == {public.pk, hidden.pk}

    urls = ["/tr/", public.url, article.url, "/sitemap.xml", "/sitemap-1.xml"]
    urls += [f"/tr/feed/{kind}" for kind in FEEDS]
    urls += [f"/tr/feed/section/{public.slug}/{kind}" for kind in FEEDS]
    for url, body in public_texts(client, urls).items():
        assert "Gizli Bölümümüz" not in body, url
        assert "gizli-bolum" not in body, url
    assert article.title in client.get(article.url).content.decode()


def test_restricted_translation_of_a_public_section_lends_it_no_name(
    client, home_tr, home_de, sections, site_settings_bilingual
):
    public = sections["tr"][0]
    german = sections["de"][0]
    german.title = "Geheimrubrik"
    german.save()
    restrict(german)
    article_publish(public, title="Kültür haberi")

    for url, body in public_texts(client, ["/tr/", public.url, "/sitemap-1.xml"]).items():
        assert "Geheimrubrik" not in body, url


@pytest.fixture
def site_settings_bilingual(db):
    from wagtail.models import Site

    from muhabir.home.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.bilingual_section_labels = True
    settings.save()
    return settings


def test_restricted_section_is_not_in_the_navigation(client, home_tr, sections):
    hidden = section_add(home_tr, title="Gizli Bölümümüz", slug="gizli-bolum")
    restrict(hidden)

    body = client.get(sections["tr"][0].url).content.decode()

    assert sections["tr"][1].title in body
    assert "Gizli Bölümümüz" not in body


# b. Tag feeds ---------------------------------------------------------------------------


@pytest.mark.parametrize("hidden", ["draft", "private"])
@pytest.mark.parametrize("kind", FEEDS)
def test_feed_of_a_tag_only_hidden_articles_carry_answers_like_an_unknown_tag(
    client, sections, hidden, kind
):
    article = article_publish(sections["tr"][0], tags=("gizli-etiket",), publish=hidden != "draft")
    if hidden == "private":
        restrict(article)
    slug = Tag.objects.get(name="gizli-etiket").slug

    assert client.get(f"/tr/feed/tag/{slug}/{kind}").status_code == 404
    assert client.get(f"/tr/feed/tag/hic-olmayan-etiket/{kind}").status_code == 404


def test_feed_of_a_tag_on_a_public_article_still_answers(client, sections):
    article = article_publish(sections["tr"][0], tags=("açık-etiket",))
    slug = Tag.objects.get(name="açık-etiket").slug

    response = client.get(f"/tr/feed/tag/{slug}/")

    assert response.status_code == 200
    assert article.title in response.content.decode()


# d. Sitemap page numbers ----------------------------------------------------------------


@pytest.mark.parametrize("number", ["0", "99999", "99999999999999999999", "9" * 200])
def test_sitemap_page_beyond_any_number_is_not_found(client, sections, number):
    article_publish(sections["tr"][0])

    assert client.get(f"/sitemap-{number}.xml").status_code == 404


# d. Line breaks in iCalendar text -------------------------------------------------------

STORED_TITLES = {
    "crlf": "Gurbette\r\n59. Yıl",
    "lf": "Gurbette\n59. Yıl",
    "cr": "Gurbette\r59. Yıl",
    "line separator": "Gurbette\u202859. Yıl",
    "paragraph separator": "Gurbette\u202959. Yıl",
    "next line": "Gurbette\x8559. Yıl",
    # NUL is left out: PostgreSQL cannot store it in a text column at all.
    "controls": "Gurbette\x01\x07\x0b\x0c\x1b\x7f59. Yıl",
}


@pytest.mark.parametrize("title", STORED_TITLES.values(), ids=STORED_TITLES.keys())
def test_event_calendar_with_any_stored_title_is_valid_icalendar(client, home_tr, home_de, title):
    directory_pages_add()
    event = EventFactory(title="Gurbette 59. Yıl", start=berlin(2031, 1, 15, 19))
    # Stored as an older form or an import may have left it, past today's validation.
    Event.objects.filter(pk=event.pk).update(
        title_tr=title,
        title_de=title,
        description_tr=f"Birinci satır{title}",
        venue_name=title,
        organiser_name=f'{title} "Derneği"',
    )

    for url in (f"/tr/rehber/etkinlikler/{event.slug}.ics", "/tr/rehber/etkinlikler/feed.ics"):
        response = client.get(url)

        assert response.status_code == 200, url
        body = response.content
        # Every line ends in CRLF and holds no other line break or control character.
        lines = body.split(b"\r\n")
        assert lines[-1] == b""
        for line in lines[:-1]:
            text = line.decode()
            assert not any(unicodedata.category(c) == "Cc" or c in "\u2028\u2029" for c in text), (
                line
            )
        calendar = icalendar.Calendar.from_ical(body)
        (vevent,) = calendar.walk("VEVENT")
        assert str(vevent["SUMMARY"]).replace("\n", "") == "Gurbette59. Yıl"
        assert "\n" not in str(calendar["X-WR-CALNAME"])


# e. Expired articles --------------------------------------------------------------------


def expire(article: ArticlePage) -> None:
    """As if its expiry time passed a minute ago and the periodic job has not run yet."""
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    )


def test_expired_article_is_gone_before_the_periodic_job_runs(client, sections):
    section = sections["tr"][0]
    kept = article_publish(section, title="Süresi dolmayan haber", tags=("ortak",))
    gone = article_publish(section, title="Süresi dolan haber", tags=("ortak",))
    assert gone.title in client.get(kept.url).content.decode()
    expire(gone)
    assert ArticlePage.objects.get(pk=gone.pk).live

    assert client.get(gone.url).status_code == 404
    slug = Tag.objects.get(name="ortak").slug
    urls = ["/tr/", section.url, kept.url, "/sitemap-1.xml", "/news-sitemap.xml"]
    urls += [f"/tr/feed/{kind}" for kind in FEEDS]
    urls += [f"/tr/feed/section/{section.slug}/{kind}" for kind in FEEDS]
    urls += [f"/tr/feed/tag/{slug}/{kind}" for kind in FEEDS]
    for url, body in public_texts(client, urls).items():
        assert kept.url in body or kept.title in body or url == kept.url, url
        assert gone.title not in body, url
        assert gone.url not in body, url


def test_expired_article_is_not_found_by_search(client, sections):
    text = body_paragraphs("Çay bahçesinde semaver kaynıyor.")
    kept = article_publish(sections["tr"][0], title="Semaver haberi bir", body=text)
    gone = article_publish(sections["tr"][0], title="Semaver haberi iki", body=text)
    expire(gone)

    body = client.get("/tr/ara/?q=semaver").content.decode()

    # The titles' matching word is highlighted: look for the rest.
    assert kept.title.removeprefix("Semaver") in body
    assert gone.title.removeprefix("Semaver") not in body


def test_expiry_in_the_future_keeps_the_article_public(client, sections):
    article = article_publish(sections["tr"][0], title="Yarın sona erecek haber")
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() + dt.timedelta(days=1)
    )

    assert client.get(article.url).status_code == 200
    assert article.title in client.get("/tr/feed/").content.decode()


def test_feed_changes_its_date_when_an_article_expires(client, sections):
    article = article_publish(sections["tr"][0], title="Süresi dolacak haber")
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=hour_ago, last_published_at=hour_ago, published_date=hour_ago
    )
    PageLogEntry.objects.update(timestamp=hour_ago)
    first = client.get("/tr/feed/")
    assert article.title in first.content.decode()
    expire(article)

    second = client.get("/tr/feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert second.status_code == 200
    assert article.title not in second.content.decode()
