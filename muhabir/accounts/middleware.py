"""The admin's second step at sign-in, and the throttle on page passwords."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from muhabir.accounts import selectors
from muhabir.accounts.lockout import (
    TOO_MANY_REQUESTS,
    lockout_message,
    page_password_blocked,
    page_password_failure_record,
)

# Admin views a signed-in user reaches before the second step: signing out, the step
# itself, and what its page loads (icons, the script catalogue).
ALWAYS_OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "accounts:verify",
}
# ... and, for administrators who have no app yet, setting one up.
ENROLMENT = {"accounts:setup", "accounts:recovery_codes"}


class TwoFactorMiddleware:
    """In the admin, users with an authenticator app must have entered a code in this
    session; administrators without one are sent to set it up before anything else.

    Runs after django-otp's ``OTPMiddleware``, which tells whether the session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if match.view_name in ALWAYS_OPEN:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        query = urlencode({"next": request.get_full_path()})
        if selectors.two_factor_enabled(user):
            return redirect(f"{reverse('accounts:verify')}?{query}")
        if match.view_name in ENROLMENT:
            return None
        if selectors.two_factor_required(user):
            return redirect(f"{reverse('accounts:setup')}?{query}")
        return None


class PagePasswordThrottleMiddleware:
    """Wrong passwords on Wagtail's password-protected pages, counted per client address.

    Wagtail's view compares the password itself (no ``authenticate``, so axes never sees
    it): a wrong one shows the form again (200), a right one redirects.
    """

    view_name = "wagtailcore_authenticate_with_password"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "_page_password_attempt", False) and response.status_code == 200:
            page_password_failure_record(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name != self.view_name or request.method != "POST":
            return None
        if not page_password_blocked(request):
            request._page_password_attempt = True
            return None
        restriction = get_object_or_404(
            PageViewRestriction, pk=view_kwargs["page_view_restriction_id"]
        )
        page = get_object_or_404(Page, pk=view_kwargs["page_id"]).specific
        # Bound, to keep the return address; right or wrong, this attempt is refused.
        form = PasswordViewRestrictionForm(request.POST, instance=restriction)
        form.errors["password"] = form.error_class([lockout_message()])
        action_url = reverse(self.view_name, args=[restriction.pk, page.pk])
        response = page.serve_password_required_response(request, form, action_url)
        response.status_code = TOO_MANY_REQUESTS
        return response
