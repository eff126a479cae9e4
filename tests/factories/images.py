"""Images with caption, credit and alt text, made from a Pillow PNG in memory."""

from __future__ import annotations

import io

import factory
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.models import Collection

from muhabir.images.models import CustomImage


def png_file(
    *, width: int = 64, height: int = 48, color: str = "teal", name: str = "foto.png"
) -> ImageFile:
    """A small PNG drawn by Pillow, ready to assign to an image's ``file``."""
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


class CustomImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomImage

    class Params:
        photographer = factory.Faker("name", locale="de_DE")

    title = factory.Faker("city", locale="tr_TR")
    description = factory.LazyAttribute(lambda image: f"Fotoğraf: {image.title}")
    credit = factory.LazyAttribute(lambda image: f"Foto: {image.photographer}")
    default_caption = factory.Faker("street_name", locale="de_DE")
    # The stock ImageFactory adds a new root collection per image; images
    # belong in the one root collection the editorial roles have rights on.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyFunction(png_file)
