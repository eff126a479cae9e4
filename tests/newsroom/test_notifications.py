"""The workflow's mails: in each recipient's admin language, from the newsroom's sender,
with links to the public address."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.newsroom.admin_forms import article_form

TITLE = "Gurbette 59. Yıl: Avrupa Zonguldaklılar Derneği'nden gece"
SLUG = "gurbette-59-yil"

# Words of Wagtail's English mail templates that must not reach a Turkish or German reader.
ENGLISH = re.compile(r"\b(?:has been|submitted|You can|Preview|Edit|the page|for moderation)\b")
GREETING = {"tr": "Merhaba", "de": "Hallo"}


@pytest.fixture
def submitted(settings, reporter_client, reporter, editor, sections):
    def submit(language: str):
        settings.WAGTAILADMIN_BASE_URL = "https://muhabir.example.org"
        settings.DEFAULT_FROM_EMAIL = settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = (
            "Muhabirce NRW <redaksiyon@muhabir.example.org>"
        )
        for user, code in ((editor, language), (reporter, "tr")):
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = code
            profile.save()
        section = sections["tr"][0]
        add = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
        response = reporter_client.post(add, article_form(title=TITLE, slug=SLUG, action="submit"))
        assert response.status_code == 302
        return [message for message in mail.outbox if editor.email in message.to]

    return submit


@pytest.mark.parametrize("language", ["tr", "de"])
def test_reviewer_is_told_of_a_submission_in_the_own_admin_language(submitted, language):
    messages = submitted(language)

    assert messages, "the editor got no mail"
    message = messages[0]
    text = f"{message.subject}\n{message.body}"
    assert GREETING[language] in message.body
    assert not ENGLISH.search(text), text
    assert message.from_email == "Muhabirce NRW <redaksiyon@muhabir.example.org>"
    links = re.findall(r"https?://\S+", message.body)
    assert links
    assert all(link.startswith("https://muhabir.example.org/") for link in links), links


def test_mails_come_from_the_newsrooms_sender_not_webmaster_at_localhost(settings):
    assert settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL == settings.DEFAULT_FROM_EMAIL
    assert settings.SERVER_EMAIL == settings.DEFAULT_FROM_EMAIL
    assert settings.DEFAULT_FROM_EMAIL.startswith("Muhabirce NRW <noreply@")
