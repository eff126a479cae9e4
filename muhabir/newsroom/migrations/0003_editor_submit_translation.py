"""Let Editors translate pages ("Translate" in the admin, wagtail.contrib.simple_translation).

Without this permission only superusers and Administrators could make the German
version of a Turkish article, in a newsroom that publishes both. A translation is
made as a draft, so the right to publish it stays as migration 0002 set it.
"""

from django.db import migrations

GROUP = "Editor"


def _permission(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(_permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_editorial_roles"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
