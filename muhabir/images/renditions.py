"""The rendition sizes the templates use, made ahead of the first reader."""

from __future__ import annotations

from collections.abc import Iterable

# Keep in step with the {% image %} tags in templates/.
LISTING_FILTER = "fill-480x270"
ARTICLE_FILTER = "width-1200"
INLINE_FILTER = "width-800"
ARTICLE_FILTERS = (LISTING_FILTER, ARTICLE_FILTER, INLINE_FILTER)


def renditions_prepare(images: Iterable, filters: Iterable[str] = ARTICLE_FILTERS) -> int:
    """Create the renditions of ``images`` that do not exist yet; return how many images."""
    count = 0
    filters = tuple(filters)
    for image in images:
        if image is None:
            continue
        image.get_renditions(*filters)
        count += 1
    return count
