"""Side effects of publishing and translating.

Renditions are made on publish, not by the first reader; a translation's further
sections are the translations of the original's.
"""

from wagtail.signals import copy_for_translation_done, page_published, post_page_move

from muhabir.images.renditions import renditions_prepare
from muhabir.newsroom.models import ArticlePage


def article_images(article: ArticlePage) -> list:
    images = [article.hero_image]
    images.extend(block.value["image"] for block in article.body if block.block_type == "image")
    return [image for image in images if image is not None]


def prepare_article_renditions(sender, instance, **kwargs) -> None:
    renditions_prepare(article_images(instance))


def translate_further_sections(sender, source_obj, target_obj, **kwargs) -> None:
    """Point a translated article's further sections at that language's sections.

    Wagtail's copy keeps the original's, so a German translation would otherwise be
    listed in the Turkish "Dernekler" once published. Sections without a translation
    are dropped; the copy's draft revision gets the same list, as the editor opens that.
    """
    target = getattr(target_obj, "specific", target_obj)
    if not isinstance(target, ArticlePage):
        return
    sections = []
    for section in target.sections.all():
        if section.locale_id != target.locale_id:
            section = section.get_translation_or_none(target.locale)
        if section is not None and section.pk != target.get_parent().pk:
            sections.append(section)
    target.sections.set(sections)
    target.save(update_fields=["sections"])
    target.placements_sync()
    revision = target.latest_revision
    if revision is not None and "sections" in revision.content:
        revision.content["sections"] = [section.pk for section in sections]
        revision.save(update_fields=["content"])


def sync_moved_article_placements(sender, instance, **kwargs) -> None:
    """A moved article is listed in its new section: Wagtail saves it as a plain Page."""
    article = instance.specific
    if isinstance(article, ArticlePage):
        article.placements_sync()


page_published.connect(prepare_article_renditions, sender=ArticlePage)
copy_for_translation_done.connect(translate_further_sections)
post_page_move.connect(sync_moved_article_placements, sender=ArticlePage)
