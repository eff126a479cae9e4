from tests.factories.images import CustomImageFactory, png_file
from tests.factories.newsroom import (
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    body_paragraphs,
)

__all__ = [
    "ArticlePageFactory",
    "AuthorFactory",
    "CustomImageFactory",
    "SectionPageFactory",
    "body_paragraphs",
    "png_file",
]
