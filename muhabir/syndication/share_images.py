"""The image link previews and structured data show for a page without a lead image.

Google shows a ``NewsArticle`` as a rich result only with an ``image``, and a preview
without a picture is easy to scroll past. Sections have no image of their own, so a page
falls back to the default share image of the site settings, cropped as a lead image is,
and without one to the card shipped in ``static/muhabir/img/share-card.png``.

Every page without a lead image needs it, so it comes from one cached lookup per site;
saving the settings or any image forgets it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.templatetags.static import static
from wagtail.models import Site

from muhabir.core.metadata import absolute
from muhabir.home.models import SiteSettings
from muhabir.syndication.renditions import STRUCTURED_DATA_FILTERS

SHARE_CARD_PATH = "muhabir/img/share-card.png"
SHARE_CARD_SIZE = (1200, 675)
CACHE_KEY = "muhabir:share-image:v1:{site_id}"
CACHE_TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Crop:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class ShareImage:
    """One picture in the shapes structured data asks for; the first (16:9) for previews."""

    crops: tuple[Crop, ...]
    mime_type: str
    alt: str

    def absolute(self, request: HttpRequest | None) -> ShareImage:
        return ShareImage(
            crops=tuple(
                Crop(absolute(request, crop.url), crop.width, crop.height) for crop in self.crops
            ),
            mime_type=self.mime_type,
            alt=self.alt,
        )


def _share_card(alt: str) -> ShareImage:
    width, height = SHARE_CARD_SIZE
    return ShareImage(
        crops=(Crop(static(SHARE_CARD_PATH), width, height),), mime_type="image/png", alt=alt
    )


def _build(site_settings: SiteSettings, site_name: str) -> ShareImage:
    image = site_settings.default_share_image
    if image is None:
        return _share_card(site_name)
    renditions = image.get_renditions(*STRUCTURED_DATA_FILTERS)
    return ShareImage(
        crops=tuple(
            Crop(renditions[spec].url, renditions[spec].width, renditions[spec].height)
            for spec in STRUCTURED_DATA_FILTERS
        ),
        mime_type="image/jpeg",
        alt=image.description or image.title or site_name,
    )


def default_share_image(request: HttpRequest, site_name: str) -> ShareImage:
    """The site's picture for pages without their own, with absolute URLs."""
    site = Site.find_for_request(request)
    if site is None:
        return _share_card(site_name).absolute(request)
    key = CACHE_KEY.format(site_id=site.pk)
    share_image = cache.get(key)
    if share_image is None:
        share_image = _build(SiteSettings.for_request(request), site_name)
        cache.set(key, share_image, CACHE_TIMEOUT)
    return share_image.absolute(request)


def default_share_image_clear(**kwargs) -> None:
    """Forget every site's default share image."""
    # The root paths are cached: an import saving thousands of images asks no query here.
    site_ids = {root.site_id for root in Site.get_site_root_paths()}
    cache.delete_many([CACHE_KEY.format(site_id=pk) for pk in site_ids])
