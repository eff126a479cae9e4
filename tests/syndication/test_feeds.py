"""RSS, Atom and JSON Feed as feed readers parse them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from jsonschema import Draft202012Validator
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from muhabir.syndication.selectors import FEED_LENGTH
from tests.factories import CustomImageFactory, png_file
from tests.syndication.conftest import (
    SUMMER_DATE,
    WINTER_DATE,
    feed_parse,
    json_feed,
    paragraph,
)

LANGUAGES = ["tr", "de"]
FEED_KINDS = ["rss", "atom"]
RFC_3339_BERLIN = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$")


def feed_url(language: str, kind: str, *, section=None, tag: str = "") -> str:
    base = f"/{language}/feed/"
    if section is not None:
        base += f"section/{section.slug}/"
    elif tag:
        base += f"tag/{tag}/"
    return base + {"rss": "", "atom": "atom/", "json": "json/"}[kind]


def entry_for(parsed, article):
    matches = [entry for entry in parsed.entries if entry.link.endswith(article.url)]
    assert len(matches) == 1, [entry.link for entry in parsed.entries]
    return matches[0]


def raw_dates(response, element: str) -> list[str]:
    return re.findall(rf"<{element}>([^<]+)</{element}>", response.content.decode())


@pytest.mark.parametrize("kind", FEED_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_feed_lists_the_languages_articles_newest_first(
    client, sections, publish_article, language, kind
):
    older = publish_article(sections[language][0], date=SUMMER_DATE)
    newer = publish_article(sections[language][1], date=WINTER_DATE)
    other = "de" if language == "tr" else "tr"
    foreign = publish_article(sections[other][0], show_in_other_languages=False)

    parsed = feed_parse(client.get(feed_url(language, kind)))

    assert [entry.title for entry in parsed.entries] == [newer.title, older.title]
    assert foreign.title not in {entry.title for entry in parsed.entries}
    assert parsed.feed.language == language
    assert all(entry.link.startswith("http://testserver/") for entry in parsed.entries)
    assert parsed.feed.link == f"http://testserver/{language}/"


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_feed_dates_carry_the_berlin_offset_of_their_day(client, sections, publish_article, kind):
    winter = publish_article(sections["tr"][0], date=WINTER_DATE)
    summer = publish_article(sections["tr"][0], date=SUMMER_DATE)

    response = client.get(feed_url("tr", kind))
    parsed = feed_parse(response)

    if kind == "rss":
        assert raw_dates(response, "pubDate") == [
            "Tue, 19 Nov 2019 10:30:00 +0100",
            "Wed, 29 Jun 2016 12:00:00 +0200",
        ]
    else:
        assert raw_dates(response, "published") == [
            "2019-11-19T10:30:00+01:00",
            "2016-06-29T12:00:00+02:00",
        ]
        assert all(RFC_3339_BERLIN.match(date) for date in raw_dates(response, "updated"))
    assert entry_for(parsed, winter).published_parsed[:5] == (2019, 11, 19, 9, 30)
    assert entry_for(parsed, summer).published_parsed[:5] == (2016, 6, 29, 10, 0)


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_feed_item_names_authors_sections_and_tags(client, sections, publish_article, kind):
    article = publish_article(
        sections["tr"][0],
        authors=("Şule Öztürk", "Jürgen Groß"),
        tags=("Yıldız Kenter", "Tiyatro"),
        further_sections=[sections["tr"][1]],
    )

    entry = entry_for(feed_parse(client.get(feed_url("tr", kind))), article)

    assert [author.name for author in entry.authors] == ["Şule Öztürk", "Jürgen Groß"]
    assert [tag.term for tag in entry.tags] == [
        sections["tr"][0].title,
        sections["tr"][1].title,
        "Yıldız Kenter",
        "Tiyatro",
    ]


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_feed_item_without_byline_is_by_the_site(client, sections, publish_article, kind):
    article = publish_article(sections["de"][0])

    entry = entry_for(feed_parse(client.get(feed_url("de", kind))), article)

    assert [author.name for author in entry.authors] == ["Muhabirce NRW"]


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_guid_stays_when_the_article_is_renamed_and_moved(client, sections, publish_article, kind):
    article = publish_article(sections["tr"][0])
    before = entry_for(feed_parse(client.get(feed_url("tr", kind))), article)

    article.title = "Başlık değişti: Çay bahçesi"
    article.slug = "baslik-degisti"
    article.save_revision().publish()
    article.refresh_from_db()
    article.move(sections["tr"][1], pos="last-child")
    article.refresh_from_db()
    after = entry_for(feed_parse(client.get(feed_url("tr", kind))), article)

    assert after.id == before.id
    assert after.id.startswith("urn:uuid:")
    assert after.link != before.link
    assert after.title == "Başlık değişti: Çay bahçesi"


def test_translations_have_guids_of_their_own(client, sections, publish_article):
    turkish = publish_article(sections["tr"][0])
    german = publish_article(sections["de"][0], translation_key=turkish.translation_key)

    guid_tr = entry_for(feed_parse(client.get(feed_url("tr", "rss"))), turkish).id
    guid_de = entry_for(feed_parse(client.get(feed_url("de", "rss"))), german).id

    assert guid_tr != guid_de


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_lead_image_is_an_enclosure_and_media_content_with_its_credit(
    client, sections, publish_article, kind
):
    article = publish_article(sections["de"][0], hero=True, hero_credit="Foto: Wilfried Meyer")

    entry = entry_for(feed_parse(client.get(feed_url("de", kind))), article)

    enclosures = [link for link in entry.links if link.rel == "enclosure"]
    assert len(enclosures) == 1
    enclosure = enclosures[0]
    assert enclosure.href.startswith("http://testserver/media/images/")
    assert enclosure.href.endswith(".jpg")
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) > 0
    assert entry.media_content[0]["url"] == enclosure.href
    assert entry.media_content[0]["medium"] == "image"
    assert (entry.media_content[0]["width"], entry.media_content[0]["height"]) == ("1200", "750")
    assert entry.media_credit[0]["content"] == "Foto: Wilfried Meyer"
    assert client.get(enclosure.href.removeprefix("http://testserver")).status_code == 200


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_feed_has_teasers_only_while_full_text_is_off(
    client, sections, publish_article, site_settings, kind
):
    article = publish_article(
        sections["tr"][0],
        teaser="Kısa özet: çay bahçesi açıldı.",
        body=[paragraph("<p>Uzun metin: İltis Park'ta semaver çayı.</p>")],
    )

    entry = entry_for(feed_parse(client.get(feed_url("tr", kind))), article)

    assert entry.summary == "Kısa özet: çay bahçesi açıldı."
    assert "content" not in entry


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_full_text_setting_puts_the_whole_body_into_the_feed(
    client, sections, publish_article, full_text, kind
):
    target = publish_article(sections["tr"][1])
    inline = CustomImageFactory(credit="Foto: M. Hermenau", file=png_file(width=900, height=600))
    article = publish_article(
        sections["tr"][0],
        hero=True,
        teaser="Kısa özet.",
        body=[
            paragraph(f'<p>Uzun metin &amp; <a linktype="page" id="{target.pk}">bağlantı</a>.</p>'),
            ("subheading", "Ara başlık"),
            ("quote", {"text": "Güzel bir gün.", "speaker": "Yıldız Kenter", "role": ""}),
            ("image", {"image": inline, "caption": "Semaver", "credit": ""}),
        ],
    )

    entry = entry_for(feed_parse(client.get(feed_url("tr", kind))), article)

    content = entry.content[0].value
    assert entry.summary == "Kısa özet."
    assert "Uzun metin &amp; " in content
    assert f'href="http://testserver{target.url}"' in content
    assert "<h2>Ara başlık</h2>" in content
    assert "Yıldız Kenter" in content
    assert "Semaver" in content
    assert "Foto: M. Hermenau" in content
    assert article.hero_image.credit in content
    assert re.search(r'src="http://testserver/media/images/[^"]+\.jpg"', content)


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_section_feed_lists_articles_filed_or_placed_in_the_section(
    client, sections, publish_article, kind
):
    section, other = sections["tr"][0], sections["tr"][1]
    filed = publish_article(section)
    placed = publish_article(other, further_sections=[section])
    elsewhere = publish_article(other)

    parsed = feed_parse(client.get(feed_url("tr", kind, section=section)))

    titles = {entry.title for entry in parsed.entries}
    assert titles == {filed.title, placed.title}
    assert elsewhere.title not in titles
    assert parsed.feed.link == f"http://testserver{section.url}"
    assert section.title in parsed.feed.title


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_tag_feed_lists_only_articles_with_the_tag(client, sections, publish_article, kind):
    tagged = publish_article(sections["de"][0], tags=("Straßenfest",))
    untagged = publish_article(sections["de"][1], tags=("Köln",))
    slug = Tag.objects.get(name="Straßenfest").slug

    parsed = feed_parse(client.get(feed_url("de", kind, tag=slug)))

    titles = [entry.title for entry in parsed.entries]
    assert titles == [tagged.title]
    assert untagged.title not in titles


def test_unknown_section_or_tag_feed_is_not_found(client, sections):
    assert client.get("/tr/feed/section/yok-boyle-bir-bolum/").status_code == 404
    assert client.get("/tr/feed/tag/yok/atom/").status_code == 404
    assert client.get(f"/de/feed/section/{sections['tr'][1].slug}/json/").status_code == 404


def _hidden(kind: str, section, publish_article):
    if kind == "draft":
        return publish_article(section, title="Gizli taslak", publish=False)
    if kind == "scheduled":
        article = publish_article(section, title="Zamanlanmış haber", publish=False)
        article.go_live_at = timezone.now() + dt.timedelta(days=2)
        article.save_revision().publish()
        return article
    article = publish_article(section, title="Özel haber")
    restriction = {
        "private": PageViewRestriction.LOGIN,
        "password": PageViewRestriction.PASSWORD,
    }[kind]
    PageViewRestriction.objects.create(page=article, restriction_type=restriction, password="x")
    return article


@pytest.mark.parametrize("hidden_kind", ["draft", "scheduled", "private", "password"])
@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_drafts_scheduled_and_private_articles_are_absent(
    client, sections, publish_article, hidden_kind, kind
):
    visible = publish_article(sections["tr"][0], title="Herkese açık haber")
    hidden = _hidden(hidden_kind, sections["tr"][0], publish_article)

    for url in (feed_url("tr", kind), feed_url("tr", kind, section=sections["tr"][0])):
        body = client.get(url).content.decode()
        assert visible.title in body
        assert hidden.title not in body
        assert hidden.slug not in body


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_unpublished_article_leaves_the_feed_at_once(client, sections, publish_article, kind):
    article = publish_article(sections["tr"][0], title="Yayından kalkacak haber")
    assert article.title in client.get(feed_url("tr", kind)).content.decode()

    article.unpublish()

    assert article.title not in client.get(feed_url("tr", kind)).content.decode()


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_unchanged_feed_answers_conditional_get_with_304(client, sections, publish_article, kind):
    publish_article(sections["tr"][0], date=WINTER_DATE)
    first = client.get(feed_url("tr", kind))
    etag, last_modified = first["ETag"], first["Last-Modified"]

    by_etag = client.get(feed_url("tr", kind), headers={"if-none-match": etag})
    by_date = client.get(feed_url("tr", kind), headers={"if-modified-since": last_modified})

    assert by_etag.status_code == 304
    assert by_etag["ETag"] == etag
    assert by_etag.content == b""
    assert by_date.status_code == 304
    assert client.get(feed_url("tr", kind))["ETag"] == etag


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_feed_changed_by_publishing_or_unpublishing_is_sent_again(
    client, sections, publish_article, kind
):
    old = publish_article(sections["tr"][0], date=WINTER_DATE)
    history_age()
    first = client.get(feed_url("tr", kind))

    publish_article(sections["tr"][0], date=WINTER_DATE - dt.timedelta(days=1))
    history_age()
    after_publish = client.get(feed_url("tr", kind), headers={"if-none-match": first["ETag"]})
    old.unpublish()
    after_unpublish = client.get(
        feed_url("tr", kind), headers={"if-modified-since": after_publish["Last-Modified"]}
    )

    assert after_publish.status_code == 200
    assert after_publish["ETag"] != first["ETag"]
    assert after_unpublish.status_code == 200
    assert old.title not in after_unpublish.content.decode()


def history_age(minutes: int = 1) -> None:
    """Move every publication back in time: HTTP dates count whole seconds, tests do not."""
    delta = dt.timedelta(minutes=minutes)
    PageLogEntry.objects.update(timestamp=F("timestamp") - delta)
    Page.objects.update(last_published_at=F("last_published_at") - delta)


def test_feeds_are_revalidated_by_caches(client, sections):
    response = client.get(feed_url("tr", "rss"))

    assert response["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("language", LANGUAGES)
def test_json_feed_follows_version_1_1(
    client, sections, publish_article, jsonfeed_schema, full_text, language
):
    publish_article(sections[language][0], hero=True, authors=("Şule Öztürk",), tags=("Köln",))
    publish_article(sections[language][1], date=SUMMER_DATE)

    feed = json_feed(client.get(feed_url(language, "json")))

    errors = sorted(Draft202012Validator(jsonfeed_schema).iter_errors(feed), key=str)
    assert not errors, [error.message for error in errors]
    assert feed["feed_url"] == f"http://testserver/{language}/feed/json/"
    assert feed["home_page_url"] == f"http://testserver/{language}/"
    assert feed["language"] == language
    assert len({item["id"] for item in feed["items"]}) == len(feed["items"]) == 2
    for item in feed["items"]:
        assert item["url"].startswith("http://testserver/")
        assert RFC_3339_BERLIN.match(item["date_published"])
        assert RFC_3339_BERLIN.match(item["date_modified"])
        assert "author" not in item
        assert item["authors"]
    illustrated = feed["items"][0]
    assert illustrated["image"].startswith("http://testserver/media/")
    assert illustrated["attachments"][0]["mime_type"] == "image/jpeg"
    assert illustrated["attachments"][0]["size_in_bytes"] > 0
    assert illustrated["_muhabir"]["image_credit"].startswith("Foto:")
    assert illustrated["content_html"]
    assert feed["items"][1]["date_published"].endswith("+02:00")


def test_json_feed_without_full_text_has_the_teaser_as_text(client, sections, publish_article):
    publish_article(sections["tr"][0], teaser="Kısa özet.")

    item = json_feed(client.get(feed_url("tr", "json")))["items"][0]

    assert item["content_text"] == "Kısa özet."
    assert item["summary"] == "Kısa özet."
    assert "content_html" not in item


def test_empty_feed_is_valid_and_stable(client, sections, jsonfeed_schema):
    first = client.get(feed_url("de", "atom"))

    assert len(feed_parse(first).entries) == 0
    assert client.get(feed_url("de", "atom"))["ETag"] == first["ETag"]
    feed = json_feed(client.get(feed_url("de", "json")))
    assert not list(Draft202012Validator(jsonfeed_schema).iter_errors(feed))


def test_untranslated_article_shown_to_all_is_marked_with_its_language_in_atom(
    client, sections, publish_article
):
    german = publish_article(sections["de"][0], show_in_other_languages=True)

    response = client.get(feed_url("tr", "atom"))
    entry = entry_for(feed_parse(response), german)

    assert 'xml:lang="de"' in response.content.decode()
    assert entry.title == german.title


def test_feeds_of_fifty_articles_cost_no_more_queries_than_of_five(
    client, sections, publish_article, full_text, django_assert_max_num_queries
):
    target = sections["tr"][1]
    urls = {kind: feed_url("tr", kind) for kind in ("rss", "atom", "json")}

    def add(count: int) -> None:
        for number in range(count):
            publish_article(
                sections["tr"][number % 2],
                hero=CustomImageFactory(),
                authors=("Şule Öztürk",),
                tags=(f"etiket-{number % 3}",),
                further_sections=[sections["tr"][2]],
                body=[
                    paragraph(f'<p>Metin <a linktype="page" id="{target.pk}">bağlantı</a>.</p>'),
                    ("image", {"image": CustomImageFactory(), "caption": "", "credit": ""}),
                ],
            )

    add(5)
    five = {}
    for kind, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert len(entries(client.get(url), kind)) == 5
        five[kind] = len(captured.captured_queries)
    add(FEED_LENGTH + 1 - 5)

    for kind, url in urls.items():
        client.get(url)
        with django_assert_max_num_queries(five[kind]):
            # One more article than a feed holds: the oldest is left out.
            assert len(entries(client.get(url), kind)) == FEED_LENGTH


def entries(response, kind: str) -> list:
    if kind == "json":
        return json_feed(response)["items"]
    return feed_parse(response).entries


def test_section_feed_reaches_past_newer_hidden_articles(
    client, sections, publish_article, home_tr, monkeypatch
):
    from muhabir.syndication import selectors

    section = sections["tr"][0]
    visible = publish_article(section, date=SUMMER_DATE)
    for _ in range(3):
        # Placed in the German translation of the section, but not shown to Turkish readers.
        publish_article(sections["de"][0], date=WINTER_DATE, show_in_other_languages=False)
    monkeypatch.setattr(selectors, "SECTION_FEED_OVERFETCH", 1)

    articles = selectors.feed_articles(
        site=home_tr.get_site(), home=home_tr, section=section, limit=2
    )

    assert [article.pk for article in articles] == [visible.pk]


def test_full_text_links_to_drafts_lead_nowhere(client, sections, publish_article, full_text):
    draft = publish_article(sections["tr"][1], title="Taslak", publish=False)
    article = publish_article(
        sections["tr"][0],
        body=[paragraph(f'<p>Bkz. <a linktype="page" id="{draft.pk}">taslak</a>.</p>')],
    )

    content = entry_for(feed_parse(client.get(feed_url("tr", "rss"))), article).content[0].value

    assert "taslak" in content
    assert draft.slug not in content
    assert "href" not in content


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_control_characters_pasted_into_a_title_do_not_break_the_feed(
    client, sections, publish_article, kind
):
    publish_article(sections["tr"][0], title="Çay\x0b bahçesi\x1f açıldı")

    titles = [entry["title"] for entry in entries(client.get(feed_url("tr", kind)), kind)]

    assert titles == ["Çay bahçesi açıldı"]
