"""Which articles readers may see listed, as methods of the article pages' QuerySet.

Each starts from ``live().public()`` so drafts cannot leak. Listings are per language,
but as on the seed's front page an article that has no translation yet is also listed
in the other languages (marked with its own language), unless its editor turned that
off. ``newsroom.selectors`` builds the site's reads on these.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import Locale, Page, PageManager

from muhabir.pagecache.restrictions import KnownRestrictionsQuerySet

# What a card never shows: the body is the widest column of all, and decoding it for
# every listed article cost more than the rest of the page (cards use ``body_teaser``).
CARD_DEFERRED = ("body",)


def not_expired_q(prefix: str = "") -> Q:
    """Pages whose expiry time has not passed.

    The periodic job unpublishes expired pages only when it runs; until then they are
    still live, so every public read checks the time itself.
    """
    return Q(**{f"{prefix}expire_at__isnull": True}) | Q(
        **{f"{prefix}expire_at__gt": timezone.now()}
    )


def _has_live_translation(locale: Locale, translation_key: str) -> Exists:
    return Exists(
        Page.objects.filter(translation_key=OuterRef(translation_key), locale=locale, live=True)
    )


def listed_in_language_q(locale: Locale, prefix: str = "") -> Q:
    """Articles a reader of ``locale`` sees: their own, plus untranslated ones shown to all."""
    return Q(**{f"{prefix}locale": locale}) | (
        Q(**{f"{prefix}show_in_other_languages": True})
        & Q(~_has_live_translation(locale, f"{prefix}translation_key"))
    )


class ArticlePageQuerySet(KnownRestrictionsQuerySet):
    def listable(self) -> ArticlePageQuerySet:
        """Live, public, unexpired, dated articles with what listings show, newest first."""
        return (
            self.live()
            .public()
            .filter(not_expired_q(), published_date__isnull=False)
            .select_related("hero_image", "locale")
            .order_by("-published_date", "-pk")
        )

    def listable_for(self, locale: Locale) -> ArticlePageQuerySet:
        """What a reader of ``locale`` may see listed."""
        return self.listable().filter(listed_in_language_q(locale))

    def in_section(self, section, family: list[int] | None = None) -> ArticlePageQuerySet:
        """Articles listed in ``section`` for its language, including untranslated ones
        placed in the section's translations (``family``: the primary keys of the section
        and its live translations, read from ``section`` when not given).

        No DISTINCT: an article is placed only in sections of its own language, and the
        family holds one section per language, so each article matches once.
        """
        return (
            self.listable_for(section.locale)
            .filter(placements__section__in=family or section.family())
            .defer(*CARD_DEFERRED)
            .order_by("-placements__published_date", "-pk")
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
