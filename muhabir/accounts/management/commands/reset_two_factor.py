"""Switch off a user's two-factor authentication, e.g. after they lost their phone."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from muhabir.accounts.selectors import two_factor_enabled, two_factor_required
from muhabir.accounts.services import two_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes; they sign in with their "
        "password and, if they are an administrator, set up a new app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--dry-run", action="store_true", help="Only say what would happen.")

    def handle(self, *args, username: str, dry_run: bool, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not two_factor_enabled(user):
            self.stdout.write(f"{username}: two-factor authentication is already off.")
            return
        if dry_run:
            self.stdout.write(f"{username}: two-factor authentication would be reset (dry run).")
            return
        with transaction.atomic():
            two_factor_reset(user=user)
        then = " and must set it up again" if two_factor_required(user) else ""
        self.stdout.write(f"{username}: two-factor authentication reset{then}.")
