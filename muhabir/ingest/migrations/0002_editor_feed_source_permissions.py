"""Let Editors and Administrators configure feed sources in the admin.

Administrators get every permission again after each migrate (newsroom.roles), but
that runs before this app's permissions exist on a fresh database, so both groups
are given them here. Reporters work on the drafts, not on where they come from.
"""

from django.db import migrations

GROUPS = ["Editor", "Administrator"]
CODENAMES = ["add_feedsource", "change_feedsource", "delete_feedsource", "view_feedsource"]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="ingest", model="feedsource")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} feed source"},
        )[0]
        for codename in CODENAMES
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0001_feed_sources"),
        ("newsroom", "0002_editorial_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
