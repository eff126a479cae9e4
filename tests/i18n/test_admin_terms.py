"""The Turkish admin names each state with one word on the screens editors use every day.

yayında (live), taslak (draft), incelemede (in moderation), zamanlanmış (scheduled),
yayından kaldır (unpublish); görsel for an image, kayıt for a snippet. Wagtail's own
catalogue mixes in "canlı", "denetim", "moderasyon", "kontrol için", "resim", "parça".
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from tests.factories.newsroom import ArticlePageFactory
from tests.i18n.english import html_text_nodes

pytestmark = pytest.mark.django_db

OTHER_WORDS = re.compile(
    r"canlı|denetim|moderasyon|kontrol için|kontrol edilmek|\bresim|\bresm|parça|yayımla"
    r"|\bplanı\b|sayfa'yi",
    re.IGNORECASE,
)
# Labels a screen reader or a tooltip reads; Wagtail puts many translated strings there.
ATTRIBUTES = re.compile(r'(?:title|aria-label|placeholder|data-w-tooltip-content-value)="([^"]+)"')


def _texts(html: str) -> list[str]:
    return html_text_nodes(html) + ATTRIBUTES.findall(html)


@pytest.fixture
def newsroom(editor, reporter, sections, make_image):
    """A section with an article in each state, one submitted by each role; a photo, a PDF."""
    for user in (editor, reporter):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "tr"
        profile.save()
    section = sections["tr"][0]
    workflow = Workflow.objects.get(name="Editorial review")
    pages = {"live": ArticlePageFactory(parent=section, owner=editor)}
    pages["draft"] = ArticlePageFactory(parent=section, publish=False, owner=reporter)
    pages["live_draft"] = ArticlePageFactory(parent=section, owner=editor)
    pages["live_draft"].save_revision(user=editor)
    pages["scheduled"] = ArticlePageFactory(parent=section, publish=False, owner=editor)
    pages["scheduled"].go_live_at = timezone.now() + dt.timedelta(days=2)
    pages["scheduled"].save_revision(user=editor).publish(user=editor)
    pages["moderation"] = ArticlePageFactory(parent=section, publish=False, owner=reporter)
    pages["moderation"].save_revision(user=reporter)
    workflow.start(pages["moderation"], reporter)
    pages["live_moderation"] = ArticlePageFactory(parent=section, owner=editor)
    pages["live_moderation"].save_revision(user=editor)
    workflow.start(pages["live_moderation"], editor)
    image = make_image()
    document = get_document_model()(title="Basın bülteni")
    document.file.save("bulten.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    return {"section": section, "pages": pages, "image": image, "document": document}


def test_the_explorer_tags_each_state_with_the_newsroom_word(editor_client, newsroom):
    response = editor_client.get(reverse("wagtailadmin_explore", args=[newsroom["section"].pk]))

    texts = html_text_nodes(response.content.decode())
    for tag in ["yayında", "taslak", "yayında + taslak", "zamanlanmış", "incelemede"]:
        assert tag in texts
    assert "yayında + incelemede" in texts
    assert "Yayından kaldır" in texts


def test_the_dashboard_names_the_step_a_page_waits_for(editor_client, newsroom):
    response = editor_client.get(reverse("wagtailadmin_home"))

    texts = html_text_nodes(response.content.decode())
    assert "İş akışındaki sayfalarınız ve kayıtlarınız" in texts
    assert "İncelemenizi bekliyor" in texts
    assert "Bekleyen adım: Redaksiyon onayı" in " ".join(texts)


@pytest.mark.parametrize("role_client", ["editor_client", "reporter_client"], indirect=True)
def test_everyday_screens_use_one_word_per_state(role_client, newsroom):
    pages = newsroom["pages"]
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[newsroom["section"].pk]),
        reverse("wagtailadmin_pages:edit", args=[pages["moderation"].pk]),
        reverse("wagtailadmin_pages:edit", args=[pages["scheduled"].pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages:edit", args=[newsroom["image"].pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtaildocs:edit", args=[newsroom["document"].pk]),
        reverse("wagtailsnippets_directory_place:list"),
    ]
    found = {}
    for url in urls:
        response = role_client.get(url)
        if response.status_code != 200:
            continue  # a reporter may not edit others' pages or photos
        words = sorted(
            {text for text in _texts(response.content.decode()) if OTHER_WORDS.search(text)}
        )
        if words:
            found[url] = words

    assert not found
