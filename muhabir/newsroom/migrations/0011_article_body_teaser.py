import html

from django.db import migrations, models
from django.utils.html import strip_tags

from muhabir.core import text


def _body_text(raw_data) -> str:
    # As ArticlePage.body_text, on the stored JSON: a historical model has no properties.
    parts = []
    for block in raw_data or []:
        value = block.get("value")
        if block.get("type") == "paragraph" and isinstance(value, str):
            parts.append(html.unescape(strip_tags(value.replace("</p>", "</p> "))))
        elif block.get("type") == "subheading" and isinstance(value, str):
            parts.append(value)
    return text.squash_whitespace(" ".join(parts))


def fill_body_teasers(apps, schema_editor):
    ArticlePage = apps.get_model("newsroom", "ArticlePage")
    batch = []
    for article in ArticlePage.objects.only("pk", "body").iterator(chunk_size=500):
        article.body_teaser = text.teaser(_body_text(article.body.raw_data))
        batch.append(article)
        if len(batch) == 500:
            ArticlePage.objects.bulk_update(batch, ["body_teaser"])
            batch = []
    ArticlePage.objects.bulk_update(batch, ["body_teaser"])


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0010_image_collection_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="body_teaser",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        # Backwards the column goes away with its contents, which the body still holds.
        migrations.RunPython(fill_body_teasers, migrations.RunPython.noop),
    ]
