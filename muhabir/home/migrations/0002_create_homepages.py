"""Replace Wagtail's welcome page with a Turkish and a German front page."""

import uuid

from django.db import migrations

HOMEPAGES = [
    # (language, title, slug, tree path)
    ("tr", "Ana sayfa", "anasayfa", "00010001"),
    ("de", "Startseite", "startseite", "00010002"),
]


def create_homepages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    # The welcome page is a plain Page created by wagtailcore.0002; a site that
    # has real content under it is not ours to change.
    welcome = Page.objects.filter(depth=2, slug="home", content_type__model="page")
    if Page.objects.filter(depth__gt=2).exists() or Page.objects.filter(depth=2).count() > 1:
        return
    Site.objects.filter(root_page__in=welcome).delete()
    welcome.delete()

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    translation_key = uuid.uuid4()
    homes = []
    for language, title, slug, path in HOMEPAGES:
        locale, _ = Locale.objects.get_or_create(language_code=language)
        homes.append(
            HomePage.objects.create(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=path,
                depth=2,
                numchild=0,
                url_path=f"/{slug}/",
                locale=locale,
                translation_key=translation_key,
                live=True,
            )
        )
    Page.objects.filter(depth=1).update(numchild=len(homes))
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Muhabirce NRW",
        root_page_id=homes[0].pk,
        is_default_site=True,
    )


def remove_homepages(apps, schema_editor):
    # Only the pages this migration made; CASCADE removes their Site.
    HomePage = apps.get_model("home.HomePage")
    HomePage.objects.filter(slug__in=[slug for _, _, slug, _ in HOMEPAGES], depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepages, remove_homepages)]
