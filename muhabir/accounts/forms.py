"""The admin's login form with the lock-out message, and the form for a one-time code."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from muhabir.accounts.lockout import lockout_message


class AdminLoginForm(LoginForm):
    """Wagtail's login form; a locked-out account or address is told so, not that the
    password was wrong (which would invite more guessing from the real user)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's password field has no label, so Django shows "Password" in English.
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(lockout_message(), code="locked_out")
        return super().get_invalid_login_error()


class CodeForm(forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        help_text=_(
            "Enter the 6-digit code your authenticator app shows, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class SetupForm(CodeForm):
    """Confirms that the app has the secret: one code from it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("Enter the 6-digit code your app shows now.")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
