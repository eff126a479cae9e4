"""What the editorial roles may do in the directory.

Editors approve readers' proposals by publishing them, so they may add, change, publish
and delete every kind of entry; reporters may add and change entries (drafts) but not
publish. The reference lists (districts, target groups, languages) are for administrators.
"""

from django.contrib.auth.models import Group, Permission

from muhabir.newsroom.roles import EDITOR, REPORTER

ENTRIES = ("place", "association", "integrationcentre", "offer", "event")
ROLE_PERMISSIONS = {
    EDITOR: [
        *(
            f"{action}_{model}"
            for model in ENTRIES
            for action in ("add", "change", "delete", "publish", "view")
        ),
        *(f"{action}_programme" for action in ("add", "change", "delete", "view")),
        "view_district",
        "view_targetgroup",
        "view_spokenlanguage",
    ],
    REPORTER: [
        *(f"{action}_{model}" for model in ENTRIES for action in ("add", "change", "view")),
        "view_programme",
    ],
}


def directory_permissions_sync(**kwargs) -> None:
    for name, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="directory", codename__in=codenames)
        )
