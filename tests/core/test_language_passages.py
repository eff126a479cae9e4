"""Editors can mark a passage as being in another language; readers get <span lang>."""

import json

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import RichText

from muhabir.newsroom.blocks import RICH_TEXT_FEATURES

pytestmark = pytest.mark.django_db


def test_language_passage_survives_the_editor_round_trip():
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    html = '<p>Bakan şöyle dedi: <span lang="de">Ein starkes Signal</span> ve ekledi.</p>'
    contentstate = json.loads(converter.from_database_format(html))
    styles = contentstate["blocks"][0]["inlineStyleRanges"]
    assert [style["style"] for style in styles] == ["LANG_DE"]
    stored = converter.to_database_format(json.dumps(contentstate))
    assert '<span lang="de">Ein starkes Signal</span> ve ekledi.</p>' in stored


def test_each_content_language_has_a_passage_control():
    assert {"lang-tr", "lang-de"} <= set(RICH_TEXT_FEATURES)


def test_language_passage_is_rendered_for_readers():
    from django.template import Context, Template

    rendered = Template("{% load wagtailcore_tags %}{{ text|richtext }}").render(
        Context({"text": RichText('<p>Merhaba <span lang="de">Guten Tag</span></p>')})
    )
    assert '<span lang="de">Guten Tag</span>' in rendered
