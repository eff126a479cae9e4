from anyascii import anyascii
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from muhabir.core.page_permissions import EditorialPermissionsMixin
from muhabir.images.models import CustomRendition
from muhabir.images.renditions import THUMB_FILTERS
from muhabir.newsroom.models.articles import ArticlePage
from muhabir.pagecache.fragments import remembered
from muhabir.pagecache.memo import remembered_in_process
from muhabir.pagecache.restrictions import KnownRestrictionsMixin
from muhabir.pagecache.sites import SITE_TAGS


class SectionPage(KnownRestrictionsMixin, EditorialPermissionsMixin, Page):
    """A department of the paper; its title is the section's name in this page's language."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    # Sections make the site's main navigation (home.navigation).
    show_in_menus_default = True

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def family(self) -> list[int]:
        """The primary keys of this section and its live translations."""
        return [self.pk, *self.get_translations().live().values_list("pk", flat=True)]

    def public_translations(self, request) -> list[tuple[int, str, str]]:
        """Primary key, language and title of each live translation readers may open.

        A restricted translation lends the section neither its name nor its articles.
        Kept in the worker's memory while pages and restrictions are unchanged.
        """
        return remembered_in_process(
            ("section-translations", self.pk),
            SITE_TAGS,
            lambda: [
                (translation.pk, translation.locale.language_code, translation.title)
                for translation in self.get_translations().live().public().select_related("locale")
            ],
            request=request,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translations = self.public_translations(request)
        family = [self.pk, *(pk for pk, _language, _title in translations)]
        context["other_names"] = [
            (language, title)
            for _pk, language, title in translations
            if anyascii(title).casefold() != anyascii(self.title).casefold()
        ]

        def listing():
            # The teasers show the lead image: one query for all their renditions.
            return ArticlePage.objects.in_section(self, family=family).prefetch_related(
                Prefetch(
                    "hero_image__renditions",
                    queryset=CustomRendition.objects.filter(filter_spec__in=THUMB_FILTERS),
                )
            )

        # Counting a large section's articles for the page links costs more than the rest
        # of the page; the count is kept until an article is published or moved.
        count = remembered(request, "section-article-count", [self], lambda: listing().count())
        per_page = settings.MUHABIR_SECTION_PAGE_SIZE
        numbers: Paginator = Paginator([], per_page)
        numbers.count = count
        try:
            number = numbers.validate_number(request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger):
            raise Http404 from None

        def listing_page():
            paginator = Paginator(listing(), per_page)
            paginator.count = count
            return paginator.page(number)

        context["page_number"] = number
        # Made where the template shows it, inside its kept fragment: a kept list costs
        # no query, nor the building of one.
        context["articles"] = SimpleLazyObject(listing_page)
        return context
