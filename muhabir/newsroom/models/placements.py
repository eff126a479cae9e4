from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticlePlacement(models.Model):
    """One row per section an article is listed in: its own and the further ones.

    Kept in step by ``ArticlePage.save`` so listings of several sections are one
    indexed query instead of a tree-path test OR-ed with a many-to-many join.
    """

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="placements"
    )
    section = models.ForeignKey(
        "newsroom.SectionPage", on_delete=models.CASCADE, related_name="placements"
    )
    is_primary = models.BooleanField(default=False)
    published_date = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["article", "section"], name="unique_article_section")
        ]
        indexes = [
            models.Index(fields=["section", "-published_date", "-article"], name="placement_newest")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} in {self.section_id}"
