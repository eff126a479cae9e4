"""The editorial roles. Their page and collection rights come from migration 0002;
the Administrator group also gets every model permission, including those of
models added later, each time the database is migrated."""

from django.contrib.auth.models import Group, Permission

REPORTER = "Reporter"
EDITOR = "Editor"
ADMINISTRATOR = "Administrator"
ROLES = (REPORTER, EDITOR, ADMINISTRATOR)


def administrator_permissions_sync(**kwargs) -> None:
    """Give the Administrator group every permission that exists."""
    group = Group.objects.filter(name=ADMINISTRATOR).first()
    if group is not None:
        group.permissions.add(*Permission.objects.all())
