"""The blocks an article body is made of."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from muhabir.core.rich_text import LANG_FEATURES

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "superscript",
    "subscript",
    *LANG_FEATURES,
]


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Subheading")
        template = "newsroom/blocks/subheading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    speaker = blocks.CharBlock(label=_("Speaker"), required=False)
    role = blocks.CharBlock(
        label=_("Speaker's role"),
        required=False,
        help_text=_("E.g. the office the speaker holds."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "newsroom/blocks/quote_block.html"


class CaptionedImageValue(blocks.StructValue):
    """Falls back to the image's own caption and credit when the article gives none."""

    def display_caption(self) -> str:
        image = self.get("image")
        return self.get("caption") or (image.default_caption if image else "")

    def display_credit(self) -> str:
        image = self.get("image")
        return self.get("credit") or (image.credit if image else "")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        help_text=_("What the photo shows. Empty: the image's default caption."),
    )
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        help_text=_("Who made the photo. Empty: the credit stored with the image."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "newsroom/blocks/captioned_image_block.html"
        value_class = CaptionedImageValue


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        template="newsroom/blocks/paragraph_block.html",
    )
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedBlock(label=_("Embed"), icon="media")
