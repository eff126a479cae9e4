"""A feed's picture with more pixels than the site takes is refused before it is decoded."""

from __future__ import annotations

from PIL import ImageFile

from muhabir.images.models import CustomImage
from muhabir.ingest.services import feed_source_ingest
from muhabir.newsroom.models import ArticlePage
from tests.images.test_limits import bomb_png, declared_png
from tests.ingest.conftest import png_bytes, rss, rss_item


def _item_with_picture(feed_server, data: bytes) -> str:
    image_url = feed_server.serve("/bomba.png", data, content_type="image/png")
    enclosure = f'<enclosure url="{image_url}" type="image/png"/>'
    return rss_item("Bomba resim", guid="1", extra=enclosure)


def test_picture_of_too_many_pixels_is_refused_and_nothing_is_saved(
    feed_server, make_source, sections, monkeypatch
):
    def load(self):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    source = make_source(
        feed_server.serve("/feed.xml", rss(_item_with_picture(feed_server, bomb_png())))
    )

    report = feed_source_ingest(source=source)

    assert report.created == 1 and not report.failed
    assert "too many pixels (64000000)" in report.warnings[0]
    assert "40000000" in report.warnings[0]
    assert ArticlePage.objects.get().hero_image is None
    assert not CustomImage.objects.exists()


def test_picture_declaring_hundreds_of_megapixels_is_refused(feed_server, make_source, sections):
    item = _item_with_picture(feed_server, declared_png(20_000, 20_000))
    source = make_source(feed_server.serve("/feed.xml", rss(item)))

    report = feed_source_ingest(source=source)

    assert "too many pixels" in report.warnings[0]
    assert not CustomImage.objects.exists()


def test_picture_within_a_lower_limit_from_the_setting_is_refused(
    feed_server, make_source, sections, settings
):
    settings.MUHABIR_MAX_IMAGE_PIXELS = 1000
    item = _item_with_picture(feed_server, png_bytes())
    source = make_source(feed_server.serve("/feed.xml", rss(item)))

    report = feed_source_ingest(source=source)

    assert "too many pixels (1200)" in report.warnings[0]
    assert not CustomImage.objects.exists()
