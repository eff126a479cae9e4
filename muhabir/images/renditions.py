"""The rendition sizes the templates use, made ahead of the first reader.

Keep these patterns in step with templates/components/picture.html; a test
renders an article after publishing and checks no rendition is made then.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import Filter

THUMB_PATTERN = "format-{webp,jpeg} fill-{320x180,640x360}"
WIDE_PATTERN = "format-{webp,jpeg} width-{480,800,1200}"

THUMB_FILTERS = tuple(Filter.expand_spec(THUMB_PATTERN))
WIDE_FILTERS = tuple(Filter.expand_spec(WIDE_PATTERN))
ARTICLE_FILTERS = THUMB_FILTERS + WIDE_FILTERS


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


def images_prefetch_renditions(images: list, filters: Iterable[str] = ARTICLE_FILTERS) -> None:
    """Load the renditions of all ``images`` in one query, as listings show many."""
    unique = {image.pk: image for image in images}
    # By the settings, not by import: images.models cleans files with images.metadata,
    # which makes renditions with this module.
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=filters)
    prefetch_related_objects(list(unique.values()), Prefetch("renditions", queryset=renditions))
    for image in images:
        # The same image may lead two blocks; share the loaded renditions.
        image._prefetched_objects_cache = unique[image.pk]._prefetched_objects_cache
