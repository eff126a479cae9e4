"""What an article page shows beside its own fields: its translations, related articles.

Template tags rather than ``ArticlePage.get_context``: the reads live in
``newsroom.selectors``, which imports the models, and a tag runs only when the article's
kept fragment is rendered afresh.
"""

from __future__ import annotations

from django import template

from muhabir.newsroom.models import ArticlePage
from muhabir.newsroom.selectors import article_translations, related_articles

register = template.Library()


@register.simple_tag
def translations_of(article: ArticlePage):
    """The article's live, public translations in the other languages."""
    return article_translations(page=article)


@register.simple_tag
def related_to(article: ArticlePage) -> list[ArticlePage]:
    """The newest other articles sharing a tag or, failing that, the primary section."""
    return related_articles(article=article)
