"""The image sizes feeds and structured data point to.

JPEG, because not every feed reader or link preview shows WebP. The first two are among
the sizes the newsroom makes on publish; the crops for structured data are made by
``syndication.signals``.
"""

from wagtail.images.models import Filter

FEED_IMAGE_FILTER = "format-jpeg|width-1200"
INLINE_IMAGE_FILTER = "format-jpeg|width-800"
# Google's article documentation asks for 16x9, 4x3 and 1x1 versions of the lead image.
STRUCTURED_DATA_FILTERS = (
    "format-jpeg|fill-1200x675",
    "format-jpeg|fill-1200x900",
    "format-jpeg|fill-1200x1200",
)


def existing_rendition(image, spec: str):
    """The prefetched rendition of ``image``, made only when missing.

    ``get_rendition`` would also rewrite the rendition's cache entry on every call: one
    cache round trip per item of a feed with Redis.
    """
    filter_ = Filter(spec=spec)
    try:
        return image.find_existing_rendition(filter_)
    except image.get_rendition_model().DoesNotExist:
        return image.get_rendition(filter_)
