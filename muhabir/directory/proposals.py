"""Readers propose events and associations; editors approve them by publishing.

A proposal becomes an entry with ``live=False`` and ``submitted=True`` and a first
revision, so it waits in the admin as a draft. Readers write in the language of the page;
the text lands in that language's fields, and what they add in the other language in
the other's.
"""

from __future__ import annotations

import datetime as dt
import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from muhabir.core.clients import client_address
from muhabir.core.links import safe_link, validate_web_link
from muhabir.directory.models import EVENT_TIME_ZONE, Association, Event
from muhabir.directory.models.base import DIRECTORY_LANGUAGES

logger = logging.getLogger(__name__)

# Accepted from people who type the date: "16.11.2019 19:00", and from browsers'
# <input type="datetime-local">: "2019-11-16T19:00".
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y, %H:%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%y %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
]
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
RATE_LIMIT_WINDOW = 60 * 60


def other_language(language: str) -> str:
    return next(code for code in DIRECTORY_LANGUAGES if code != language)


class HoneypotMixin(forms.Form):
    # Hidden from people by CSS and from screen readers by aria-hidden; bots fill it.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("homepage"), "").strip())

    def describe_fields(self) -> None:
        """Point each input at its help and its errors, so screen readers read them out."""
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}-help")
            if self.is_bound and bound.errors:
                ids.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class ProposerMixin(forms.Form):
    submitter_name = forms.CharField(label=_("Your name"), max_length=200)
    submitter_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Only the editors see it, in case they have a question."),
    )


class LocalDateTimeField(forms.DateTimeField):
    """A date and time in Europe/Berlin, typed the local way or picked in the browser."""

    input_formats = DATETIME_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Enter a date and time such as 16.11.2019 19:00."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(format=DATETIME_LOCAL_FORMAT, attrs={"type": "datetime-local"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None:
            result = result.astimezone(EVENT_TIME_ZONE)
        return result


class EventProposalForm(HoneypotMixin, ProposerMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_other = forms.CharField(
        label=_("Title in the other language"), max_length=200, required=False
    )
    start = LocalDateTimeField(label=_("Starts"))
    end = LocalDateTimeField(label=_("Ends"), required=False)
    venue_name = forms.CharField(label=_("Venue"), max_length=200)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    organiser_name = forms.CharField(label=_("Organiser"), max_length=200, required=False)
    price = forms.CharField(label=_("Price"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    description_other = forms.CharField(
        label=_("Description in the other language"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    field_order = [
        "title",
        "start",
        "end",
        "venue_name",
        "street",
        "postcode",
        "city",
        "organiser_name",
        "price",
        "description",
        "title_other",
        "description_other",
        "submitter_name",
        "submitter_email",
        "homepage",
    ]

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start is not None and start < timezone.now() - dt.timedelta(hours=1):
            raise forms.ValidationError(_("The start lies in the past."), code="past")
        return start

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error(
                "end", forms.ValidationError(_("The end lies before the start."), code="order")
            )
        return cleaned


class AssociationProposalForm(HoneypotMixin, ProposerMixin, forms.Form):
    name = forms.CharField(label=_("Name of the association"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    founded = forms.IntegerField(
        label=_("Founded in (year)"), min_value=1800, max_value=2100, required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    description_other = forms.CharField(
        label=_("Description in the other language"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address of the association"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    # URLField alone would take ftp:// too; the page links to it, so http(s) only.
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        validators=[validate_web_link],
    )

    field_order = [
        "name",
        "city",
        "street",
        "postcode",
        "founded",
        "description",
        "description_other",
        "contact_person",
        "email",
        "phone",
        "website",
        "submitter_name",
        "submitter_email",
        "homepage",
    ]


def _bilingual(language: str, field: str, text: str, other_text: str) -> dict:
    return {f"{field}_{language}": text, f"{field}_{other_language(language)}": other_text}


def event_propose(*, data: dict, language: str) -> Event:
    """Create an unpublished event from a reader's proposal, with its first revision."""
    start, end = data["start"], data.get("end")
    event = Event(
        **_bilingual(language, "title", data["title"], data.get("title_other", "")),
        **_bilingual(
            language, "description", data["description"], data.get("description_other", "")
        ),
        **{f"price_{language}": data.get("price", "")},
        start=start,
        end=end,
        venue_name=data["venue_name"],
        street=data.get("street", ""),
        postcode=data.get("postcode", ""),
        city=data["city"],
        organiser_name=data.get("organiser_name", ""),
    )
    return _submit(event, data)


def association_propose(*, data: dict, language: str) -> Association:
    """Create an unpublished association from a reader's proposal, with its first revision."""
    association = Association(
        name=data["name"],
        **_bilingual(
            language, "description", data["description"], data.get("description_other", "")
        ),
        city=data["city"],
        street=data.get("street", ""),
        postcode=data.get("postcode", ""),
        founded=data.get("founded"),
        contact_person=data.get("contact_person", ""),
        email=data.get("email", ""),
        phone=data.get("phone", ""),
        website=safe_link(data.get("website", "")),
    )
    return _submit(association, data)


def _submit(entry, data: dict):
    entry.live = False
    entry.submitted = True
    entry.submitter_name = data["submitter_name"]
    entry.submitter_email = data["submitter_email"]
    with transaction.atomic():
        entry.save()
        entry.save_revision(log_action=True)
    transaction.on_commit(lambda: moderators_notify(entry))
    return entry


def moderators_notify(entry) -> None:
    """Tell the moderators (``DIRECTORY_MODERATORS``) a proposal waits; none set: nobody."""
    recipients = list(getattr(settings, "DIRECTORY_MODERATORS", None) or [])
    if not recipients:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    model = entry._meta
    admin_url = base + (AdminURLFinder().get_edit_url(entry) or "/admin/")
    subject = gettext("New proposal for the directory: %(name)s") % {"name": entry}
    body = gettext(
        "A reader proposed the %(kind)s “%(name)s”. It is not published yet. "
        "Review it here:\n%(url)s"
    ) % {"kind": model.verbose_name, "name": entry, "url": admin_url}
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        logger.exception("could not notify the moderators of proposal %s", entry.pk)


# Rate limit ------------------------------------------------------------------------------


def _rate_key(address: str | None) -> str:
    return f"directory:proposals:{address}"


def proposals_per_hour() -> int:
    return int(getattr(settings, "MUHABIR_PROPOSALS_PER_HOUR", 5))


def rate_limited(request) -> bool:
    """True when this address has sent as many proposals this hour as it may."""
    return (cache.get(_rate_key(client_address(request))) or 0) >= proposals_per_hour()


def rate_count(request) -> None:
    key = _rate_key(client_address(request))
    # add() starts the window once; incr() keeps its expiry (locmem and Redis alike).
    cache.add(key, 0, timeout=RATE_LIMIT_WINDOW)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=RATE_LIMIT_WINDOW)
