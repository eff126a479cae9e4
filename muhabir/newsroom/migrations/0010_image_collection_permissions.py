"""Let reporters and editors add, choose and edit photos and documents.

Wagtail checks image rights against ``wagtailimages.Image`` whatever the image model
(its permission policy uses that model as ``auth_model``), so the grants on
``images.CustomImage`` made by migration 0002 gave nobody but superusers the *Images*
menu, the upload tab of the chooser or ``/admin/images/add/``. Reporters may add and
choose, and edit what they uploaded themselves (Wagtail's ownership rule); editors and
administrators may change and delete every image and document.
"""

from django.db import migrations

ROOT_GRANTS = {
    "Reporter": [("wagtailimages", "image", ["add_image", "choose_image"]),
                 ("wagtaildocs", "document", ["add_document", "choose_document"])],
    "Editor": [("wagtailimages", "image",
                ["add_image", "change_image", "choose_image", "delete_image"]),
               ("wagtaildocs", "document",
                ["add_document", "change_document", "choose_document", "delete_document"])],
    "Administrator": [("wagtailimages", "image",
                       ["add_image", "change_image", "choose_image", "delete_image"]),
                      ("wagtaildocs", "document",
                       ["add_document", "change_document", "choose_document",
                        "delete_document"])],
}  # fmt: skip


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for name, grants in ROOT_GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        # The rights on the custom image model that Wagtail never consults.
        GroupCollectionPermission.objects.filter(
            group=group, permission__content_type__app_label="images"
        ).delete()
        for app_label, model, codenames in grants:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=_permission(apps, app_label, model, codename),
                )


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name__in=ROOT_GRANTS, permission__content_type__app_label="wagtailimages"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0009_articlepage_associations_articlepage_events_and_more"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
