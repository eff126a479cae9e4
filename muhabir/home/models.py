from django.conf import settings
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from muhabir.core.page_permissions import EditorialPermissionsMixin
from muhabir.core.rich_text import LANG_FEATURES
from muhabir.images.renditions import images_prefetch_renditions
from muhabir.newsroom.selectors import front_page_sections, lead_article
from muhabir.pagecache.restrictions import KnownRestrictionsMixin


class HomePage(KnownRestrictionsMixin, EditorialPermissionsMixin, Page):
    """The front page of one language; its children are the sections."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("tagline")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.SectionPage", "directory.DirectoryPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's cached fragment is rendered afresh.
        context["front"] = SimpleLazyObject(self.front_page)
        context["bilingual_labels"] = SiteSettings.for_request(request).bilingual_section_labels
        return context

    def front_page(self) -> dict:
        """The lead story and the sections' newest articles, with their teaser images."""
        lead = lead_article(home=self)
        blocks = front_page_sections(home=self)
        images = [block.articles[0].hero_image for block in blocks if block.articles]
        if lead is not None:
            images.append(lead.hero_image)
        images_prefetch_renditions([image for image in images if image is not None])
        return {"lead": lead, "section_blocks": blocks}


class StandardPage(KnownRestrictionsMixin, EditorialPermissionsMixin, Page):
    """A plain page such as the Impressum or the privacy notice."""

    body = RichTextField(
        _("body"),
        blank=True,
        features=[
            "h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote",
            *LANG_FEATURES,
        ],
    )  # fmt: skip

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What editors can change about the whole site without a deploy."""

    site_name = models.CharField(_("site name"), max_length=120, default="Muhabirce NRW")
    bilingual_section_labels = models.BooleanField(
        _("bilingual section labels"),
        default=True,
        help_text=_(
            "Head the front page's section blocks with the names in both languages, "
            'as in "Toplum - Gesellschaft".'
        ),
    )

    feed_full_text = models.BooleanField(
        _("full text in feeds"),
        default=False,
        help_text=_(
            "Put the whole article into the RSS, Atom and JSON feeds. Off: title, teaser "
            "and lead image only, and readers come to the site for the rest."
        ),
    )

    default_share_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in link previews and search results for articles without a lead image, "
            "cropped to 16:9. Without one, a card with the site's name is used."
        ),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("bilingual_section_labels"),
        FieldPanel("feed_full_text"),
        FieldPanel("default_share_image"),
    ]

    class Meta:
        verbose_name = _("site settings")
