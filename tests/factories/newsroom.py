"""Sections, articles and authors in Turkish and German."""

from __future__ import annotations

import factory
import factory.random
import wagtail_factories
from django.utils import timezone
from wagtail.rich_text import RichText

from muhabir.core import text
from muhabir.newsroom.models import ArticlePage, Author, SectionPage

# Faker has no Turkish lorem; these words make sure İ, ı, ş, ğ, ç, ö and ü turn up.
TURKISH_WORDS = [
    "İstanbul", "şehir", "ağaç", "güzel", "öğrenci", "çay", "bahçesi", "semaver", "dernek",
    "toplantı", "İltis", "Park'ta", "Yıldız", "kültür", "bilim", "teknik", "yemek", "köşesi",
    "gönüllü", "eğitim", "ılık", "ışık", "düğün", "göç", "yılı", "anısına", "gece",
    "düzenledi", "Duisburg’un", "Hamborn", "semtinde",
]  # fmt: skip
GERMAN_WORDS = [
    "Straße", "Grüße", "Fußball", "Integration", "Zentrum", "Förderung", "Bürger", "Schüler",
    "gemeinsam", "Eröffnung", "Maßnahme", "Größe", "heißt", "Verbund", "Städte", "Kreis",
    "Ehrenamt", "Müller", "Köln",
]  # fmt: skip


def _language(obj) -> str:
    parent = getattr(obj, "parent", None)
    locale = getattr(obj, "locale", None) or (parent.locale if parent is not None else None)
    return locale.language_code if locale is not None else "tr"


def sentence(language: str, words: int) -> str:
    """Words drawn from the list of ``language``, the first one capitalised by its rules."""
    vocabulary = TURKISH_WORDS if language == "tr" else GERMAN_WORDS
    result = " ".join(factory.random.randgen.choice(vocabulary) for _ in range(words))
    # str.capitalize() would lower-case "İltis" to "i̇ltis" (with a combining dot).
    return text.upper(result[0], language) + result[1:]


def _slug(page, n: int) -> str:
    return f"{text.slug(page.title, _language(page))}-{n}"


def body_paragraphs(*paragraphs: str) -> list:
    """StreamField data: one rich-text paragraph block per string."""
    return [("paragraph", RichText(f"<p>{paragraph}</p>")) for paragraph in paragraphs]


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Faker("name", locale="tr_TR")
    role = factory.Faker("city", locale="de_DE")


class SectionPageFactory(wagtail_factories.PageFactory):
    """A live section; pass ``parent=<home page>``. It goes live without a revision."""

    class Meta:
        model = SectionPage

    title = factory.LazyAttribute(lambda page: sentence(_language(page), 2))
    slug = factory.LazyAttributeSequence(_slug)
    intro = factory.LazyAttribute(lambda page: sentence(_language(page), 8))
    locale = factory.LazyAttribute(lambda page: page.parent.locale if page.parent else None)
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")


class ArticlePageFactory(wagtail_factories.PageFactory):
    """An article published through a revision, as editors do; pass ``parent=<section>``.

    ``publish=False`` leaves a draft that was never published;
    ``further_sections=[...]`` places it in more sections of its language.
    """

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.LazyAttribute(lambda page: sentence(_language(page), 5))
    slug = factory.LazyAttributeSequence(_slug)
    locale = factory.LazyAttribute(lambda page: page.parent.locale if page.parent else None)
    body = factory.LazyAttribute(
        lambda page: body_paragraphs(sentence(_language(page), 25), sentence(_language(page), 20))
    )
    live = False

    @factory.post_generation
    def further_sections(page, create, extracted, **kwargs):
        if extracted:
            page.sections.set(extracted)
            if create:
                page.save()

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted is not False:
            page.save_revision().publish()
            page.refresh_from_db()
