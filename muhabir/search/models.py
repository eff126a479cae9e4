"""The search index: one row per live, public article, in analysed terms.

The full-text structures over ``title_terms`` and ``body_terms`` are made by migration
0002 for the database in use: an FTS5 table kept in step by triggers on SQLite, a
generated, GIN-indexed ``tsvector`` column on PostgreSQL. Rows are inserted newest
article last (see ``indexing``), so on both databases a higher id is a newer article.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    article = models.OneToOneField(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    # No index: two values, and PostgreSQL would AND a scan of it into every search.
    language = models.CharField(_("language"), max_length=8)
    published_date = models.DateTimeField(_("date"), db_index=True)
    # What readers see in results: the snippet is cut from ``text``.
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    # Space-separated analysed terms, in the order of the words (phrases need it).
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # The sections the article is listed in ("12,40"), for the facets: read with the
    # candidates instead of looking up each candidate's placements.
    section_ids = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return self.title
