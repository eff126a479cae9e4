from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The front page of one language; its children are the sections."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("tagline")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.SectionPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from muhabir.newsroom.selectors import front_page_sections, lead_article

        context = super().get_context(request, *args, **kwargs)
        context["lead"] = lead_article(home=self)
        context["section_blocks"] = front_page_sections(home=self)
        return context


class StandardPage(Page):
    """A plain page such as the Impressum or the privacy notice."""

    body = RichTextField(_("body"), blank=True)

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

    panels = [FieldPanel("site_name")]

    class Meta:
        verbose_name = _("site settings")
