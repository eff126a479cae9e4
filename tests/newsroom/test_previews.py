"""Previews as the reporter sees them: new pages, drafts and old revisions of every type."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from muhabir.newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.newsroom.admin_forms import article_form

TITLE = "Köln'de Kültür Gecesi: İşçi göçünün şarkıları"
SLUG = "kolnde-kultur-gecesi"


def _preview(client, preview_url: str, data: dict):
    """Send the form to the preview panel, then open the preview as its iframe does."""
    response = client.post(preview_url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True, response.json()
    return client.get(preview_url)


@pytest.mark.parametrize("tags", ["", "kültür, göç"])
def test_reporter_previews_an_unsaved_article(reporter_client, sections, tags):
    section = sections["tr"][0]
    url = reverse("wagtailadmin_pages:preview_on_add", args=["newsroom", "articlepage", section.pk])
    data = {**article_form(title=TITLE, slug=SLUG), "tags": tags}

    response = _preview(reporter_client, url, data)

    assert response.status_code == 200
    assert escape(TITLE) in response.content.decode()
    assert not ArticlePage.objects.filter(slug=SLUG).exists()


@pytest.mark.parametrize("tags", ["", "kültür, göç"])
def test_reporter_previews_a_draft_with_and_without_tags(reporter_client, reporter, sections, tags):
    section = sections["tr"][0]
    other = ArticlePageFactory(parent=section, title="Başka bir haber")
    other.tags.add("kültür")
    other.save_revision().publish()
    article = ArticlePageFactory(parent=section, title="Eski başlık", publish=False)
    article.owner = reporter
    article.save()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    data = {**article_form(title=TITLE, slug=article.slug), "tags": tags}

    response = _preview(reporter_client, url, data)

    assert response.status_code == 200
    assert escape(TITLE) in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Eski başlık"


def test_editor_views_an_old_revision_of_an_article(editor_client, sections):
    article = ArticlePageFactory(parent=sections["de"][0], title="Erste Fassung")
    article.tags.add("Integration")
    first = article.save_revision()
    first.publish()
    article.title = "Zweite Fassung"
    article.save_revision()
    url = reverse("wagtailadmin_pages:revisions_view", args=[article.pk, first.pk])

    response = editor_client.get(url)

    assert response.status_code == 200
    assert "Erste Fassung" in response.content.decode()


@pytest.mark.parametrize("language", ["tr", "de"])
def test_editor_previews_the_section_and_the_home_page(editor_client, sections, language):
    section = sections[language][0]
    home = section.get_parent()
    for page in (section, home):
        response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200, page


def test_editor_previews_a_draft_of_every_other_page_type(editor_client, home_tr):
    from muhabir.directory.models import DirectoryPage
    from muhabir.home.models import StandardPage

    impressum = StandardPage(title="Künye", slug="kunye", body="<p>Yayıncı: Muhabirce NRW</p>")
    directory = DirectoryPage(title="Rehber", slug="rehber")
    for page in (impressum, directory):
        home_tr.add_child(instance=page)
        page.save_revision().publish()
        page.title = f"{page.title} (taslak)"
        page.save_revision()

        response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))

        assert response.status_code == 200, page
        assert escape(page.title) in response.content.decode()
