"""The editor's own additions: passages in another language, and saving beside autosave.

A rich-text control marks a passage as being in another language.

WCAG 3.1.2 asks for ``lang`` on every passage in another language (a German
quote in a Turkish story) so screen readers switch pronunciation; Wagtail has
no such control. Each content language gets an inline style "lang-<code>" that
is stored and rendered as ``<span lang="<code>">…</span>``.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail import features as draftail_features

from muhabir.core.rich_text import lang_feature_name


@hooks.register("register_rich_text_features")
def register_language_passages(features) -> None:
    for code, name in settings.LANGUAGES:
        feature = lang_feature_name(code)
        style = f"LANG_{code.upper().replace('-', '_')}"
        features.register_editor_plugin(
            "draftail",
            feature,
            draftail_features.InlineStyleFeature(
                {
                    "type": style,
                    "label": code.upper(),
                    "description": format_lazy(_("Passage in {language}"), language=name),
                    "style": {"textDecoration": "underline dotted", "textUnderlineOffset": "3px"},
                }
            ),
        )
        features.register_converter_rule(
            "contentstate",
            feature,
            {
                "from_database_format": {f'span[lang="{code}"]': InlineStyleElementHandler(style)},
                "to_database_format": {
                    "style_map": {style: {"element": "span", "props": {"lang": code}}}
                },
            },
        )


@hooks.register("insert_editor_js")
def hold_submits_during_autosave() -> str:
    # A "Save draft" clicked while autosave is creating the page would create it twice.
    return format_html('<script src="{}" defer></script>', static("muhabir/js/admin-autosave.js"))
