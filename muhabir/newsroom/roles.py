"""The editorial roles. Their page and collection rights come from migration 0002;
the Administrator group also gets every model permission, including those of
models added later, each time the database is migrated."""

from django.apps import apps
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


def last_app_config():
    """The app whose post_migrate signal comes last, when every permission exists.

    Content types, model permissions and Wagtail's "publish" permissions of snippets are
    all made in post_migrate handlers, app by app; granting them earlier would miss the
    permissions of apps listed later (on a new database, all of them).
    """
    # Django sends post_migrate only for apps that have a models module.
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]
