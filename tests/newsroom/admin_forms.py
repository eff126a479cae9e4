"""POST data for the Wagtail page editor, as the browser would send it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

DEFAULT_BODY = (
    "İstanbul'da tedavi gördüğü hastanede pazar günü hayatını kaybeden Yıldız Kenter bugün "
    "son yolculuğuna uğurlandı.",
)
ACTIONS = {"draft": None, "publish": "action-publish", "submit": "action-submit"}


def article_form(
    *,
    title: str,
    slug: str,
    action: str = "draft",
    body: tuple[str, ...] = DEFAULT_BODY,
    teaser: str = "",
    sections: list[int] | tuple[int, ...] = (),
    go_live_at: dt.datetime | None = None,
) -> dict:
    """The article editor's fields; ``action`` is the button pressed: draft, publish or submit."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "kicker": "",
            "subtitle": "",
            "teaser": teaser,
            "hero_caption": "",
            "hero_credit": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>")) for text in body]),
            "bylines": inline_formset([]),
            "comments": inline_formset([]),
            "go_live_at": (
                timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M") if go_live_at else ""
            ),
            "expire_at": "",
        }
    )
    if sections:
        data["sections"] = [str(pk) for pk in sections]
    if ACTIONS[action]:
        data[ACTIONS[action]] = ACTIONS[action]
    return data
