"""Create the Reporter, Editor and Administrator groups and the "Editorial review" workflow.

Wagtail's own "Moderators" and "Editors" groups and its "Moderators approval"
workflow are replaced: their members, if any, keep their group.
"""

from django.db import migrations

PAGE_PERMISSIONS = {
    "Reporter": ["add_page", "change_page"],
    "Editor": ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page",
               "unlock_page"],
    "Administrator": ["add_page", "change_page", "publish_page", "bulk_delete_page",
                      "lock_page", "unlock_page"],
}  # fmt: skip

IMAGE_ALL = ["add_customimage", "change_customimage", "choose_image", "delete_customimage"]
DOCUMENT_ALL = ["add_document", "change_document", "choose_document", "delete_document"]
COLLECTION_PERMISSIONS = {
    "Reporter": [("images", "customimage", ["add_customimage", "choose_image"]),
                 ("wagtaildocs", "document", ["add_document", "choose_document"])],
    "Editor": [("images", "customimage", IMAGE_ALL), ("wagtaildocs", "document", DOCUMENT_ALL)],
    "Administrator": [("images", "customimage", IMAGE_ALL),
                      ("wagtaildocs", "document", DOCUMENT_ALL)],
}  # fmt: skip

MODEL_PERMISSIONS = {
    "Reporter": [("wagtailadmin", "admin", "access_admin"),
                 ("newsroom", "author", "add_author"), ("newsroom", "author", "change_author"),
                 ("newsroom", "author", "view_author")],
    "Editor": [("wagtailadmin", "admin", "access_admin"),
               ("newsroom", "author", "add_author"), ("newsroom", "author", "change_author"),
               ("newsroom", "author", "delete_author"), ("newsroom", "author", "view_author"),
               ("wagtailredirects", "redirect", "add_redirect"),
               ("wagtailredirects", "redirect", "change_redirect"),
               ("wagtailredirects", "redirect", "delete_redirect"),
               ("home", "sitesettings", "change_sitesettings")],
    "Administrator": [("wagtailadmin", "admin", "access_admin")],
}  # fmt: skip

REVIEWER_GROUPS = ["Editor", "Administrator"]
WORKFLOW_NAME = "Editorial review"


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model, codenames in COLLECTION_PERMISSIONS[name]:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )
        for app_label, model, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(_permission(apps, app_label, model, codename))

    # Wagtail's stock groups would grant publishing outside our roles.
    for stock_name in ("Moderators", "Editors"):
        stock = Group.objects.filter(name=stock_name).first()
        if stock is not None and not stock.user_set.exists():
            stock.delete()

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([groups[name] for name in REVIEWER_GROUPS])
    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    Workflow.objects.filter(name="Moderators approval").exclude(pk=workflow.pk).update(
        active=False
    )
    GroupApprovalTask.objects.filter(name="Moderators approval").update(active=False)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=WORKFLOW_NAME).delete()
    Group.objects.filter(name__in=PAGE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("home", "0002_create_homepages"),
        ("images", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
