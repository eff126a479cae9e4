from muhabir.newsroom.models.articles import ArticlePage, ArticlePageAuthor, ArticlePageTag
from muhabir.newsroom.models.authors import Author
from muhabir.newsroom.models.placements import ArticlePlacement
from muhabir.newsroom.models.sections import SectionPage

__all__ = [
    "ArticlePage",
    "ArticlePageAuthor",
    "ArticlePageTag",
    "ArticlePlacement",
    "Author",
    "SectionPage",
]
