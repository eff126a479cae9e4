"""What is scheduled to go live or expire: pages of any type and snippets with a publishing state.

Wagtail keeps a scheduled go-live as a revision with ``approved_go_live_at``, and an expiry
as ``expire_at`` on the object; ``manage.py publish_scheduled`` acts on both once their time
has passed. Anything still waiting well after its time means that job is not running.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page, Revision
from wagtail.permissions import policy_registry

from muhabir.core import text
from muhabir.newsroom.models import ArticlePage

# The README runs the job every 5 minutes: twice that is late by any healthy schedule.
OVERDUE_AFTER = dt.timedelta(minutes=10)
SOON = dt.timedelta(days=7)
# The newsroom works in Berlin whatever time zone an editor's profile names.
NEWSROOM_TIME_ZONE = ZoneInfo("Europe/Berlin")

GO_LIVE = "go_live"
EXPIRY = "expiry"
ACTION_LABELS = {GO_LIVE: _("Goes live"), EXPIRY: _("Expires")}

SCHEDULED = "scheduled"
DUE = "due"
OVERDUE = "overdue"
STATE_LABELS = {
    SCHEDULED: _("scheduled"),
    # Translators: the time has just passed; the periodic job will act within minutes.
    DUE: _("due"),
    # Translators: the time passed long ago and nothing happened; the job is not running.
    OVERDUE: _("overdue"),
}


@dataclass(frozen=True)
class ScheduledItem:
    """One go-live or expiry, as the "Scheduled" report lists it."""

    action: str
    at: dt.datetime
    title: str
    model: type[Model]
    edit_url: str
    locale: Locale | None = None
    section: str = ""
    scheduled_by: str = ""
    # Whether ``manage.py publish_scheduled`` would act now (an expiry of an object that is
    # not live yet waits for its go-live first).
    actionable: bool = True
    now: dt.datetime | None = None

    @property
    def state(self) -> str:
        now = self.now or timezone.now()
        if not self.actionable or self.at >= now:
            return SCHEDULED
        return OVERDUE if self.at < now - OVERDUE_AFTER else DUE

    @property
    def is_overdue(self) -> bool:
        return self.state == OVERDUE

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])

    @property
    def type_label(self) -> str:
        label = str(self.model._meta.verbose_name)
        # capfirst would write "Ilan" for Turkish "ilan".
        return text.upper(label[:1], translation.get_language()) + label[1:]

    @property
    def language(self) -> str:
        return self.locale.get_display_name() if self.locale is not None else ""

    @property
    def language_code(self) -> str:
        return self.locale.language_code if self.locale is not None else ""

    @property
    def local_time(self) -> dt.datetime:
        return timezone.localtime(self.at, NEWSROOM_TIME_ZONE)

    @property
    def when(self) -> str:
        return formats.date_format(self.local_time, "SHORT_DATETIME_FORMAT")


@dataclass(frozen=True)
class ScheduleCounts:
    soon: int
    overdue: int


def schedulable_models() -> list[type[Model]]:
    """Page and every other model with a publishing state, as ``publish_scheduled`` sees them."""
    return [
        Page,
        *(
            model
            for model in apps.get_models()
            if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
        ),
    ]


def user_may_see_schedule(user) -> bool:
    """Those who may publish pages: editors and administrators, not reporters."""
    return policy_registry.get_by_type(Page).user_has_permission(user, "publish")


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def _edit_url(model: type[Model], pk) -> str:
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return ""
    try:
        return reverse(viewset.get_url_name("edit"), args=[pk])
    except NoReverseMatch:
        return ""


def _sections_by_path(pages: list[Page]) -> dict[str, str]:
    """The titles of the articles' parents (their own sections), in one query."""
    article_type = ContentType.objects.get_for_model(ArticlePage)
    parent_paths = {
        page.path[: -Page.steplen] for page in pages if page.content_type_id == article_type.pk
    }
    if not parent_paths:
        return {}
    return dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))


def _item(obj, action: str, at, revision, *, now, model=None, **extra) -> ScheduledItem:
    model = model or type(obj)
    # A go-live shows the title that goes live; an expiry the title of what is live then.
    scheduled_title = revision is not None and (action == GO_LIVE or not obj.live)
    return ScheduledItem(
        action=action,
        at=at,
        title=revision.object_str if scheduled_title else str(obj),
        model=model,
        edit_url=_edit_url(model, obj.pk),
        scheduled_by=_user_name(revision.user) if revision is not None else "",
        now=now,
        **extra,
    )


def _object_items(obj, revision, *, now, **extra) -> list[ScheduledItem]:
    """The go-live of the scheduled ``revision`` and the expiry of ``obj``, where there are.

    An object that is not live yet has its scheduled revision's expiry (Wagtail copies
    it when scheduling); it becomes due only once the object has gone live.
    """
    items = []
    if revision is not None:
        items.append(_item(obj, GO_LIVE, revision.approved_go_live_at, revision, now=now, **extra))
    if obj.expire_at is not None and (obj.live or not obj.expired):
        items.append(
            _item(obj, EXPIRY, obj.expire_at, revision, now=now, actionable=obj.live, **extra)
        )
    return items


def _page_items(user, revisions: dict[str, Revision], now) -> list[ScheduledItem]:
    pages = list(
        policy_registry.get_by_type(Page)
        .instances_user_has_any_permission_for(user, ["change", "publish"])
        .filter(Q(pk__in=[int(pk) for pk in revisions]) | Q(live=True, expire_at__isnull=False))
        .select_related("locale")
        .order_by()
    )
    sections = _sections_by_path(pages)
    items = []
    for page in pages:
        items += _object_items(
            page,
            revisions.get(str(page.pk)),
            now=now,
            model=page.specific_class or Page,
            locale=page.locale,
            section=sections.get(page.path[: -Page.steplen], ""),
        )
    return items


def _entry_items(model, user, revisions: dict[str, Revision], now) -> list[ScheduledItem]:
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return []
    entries = model._default_manager.filter(
        Q(pk__in=list(revisions)) | Q(live=True, expire_at__isnull=False)
    ).order_by()
    items = []
    for entry in entries:
        items += _object_items(entry, revisions.get(str(entry.pk)), now=now)
    return items


def scheduled_items(*, user, now: dt.datetime | None = None) -> list[ScheduledItem]:
    """Every go-live and expiry still to happen (or overdue) that ``user`` may edit, by time.

    A constant number of queries: the scheduled revisions, the pages, their sections, and
    one per other model with a publishing state.
    """
    now = now or timezone.now()
    revisions_by_type: dict[int, dict[str, Revision]] = {}
    for revision in (
        Revision.objects.filter(approved_go_live_at__isnull=False)
        .select_related("user")
        .defer("content")
    ):
        revisions_by_type.setdefault(revision.base_content_type_id, {})[revision.object_id] = (
            revision
        )
    items = _page_items(
        user, revisions_by_type.get(ContentType.objects.get_for_model(Page).pk, {}), now
    )
    for model in schedulable_models()[1:]:
        revisions = revisions_by_type.get(ContentType.objects.get_for_model(model).pk, {})
        items += _entry_items(model, user, revisions, now)
    return sorted(items, key=lambda item: (item.at, item.title))


def scheduled_counts(*, now: dt.datetime | None = None) -> ScheduleCounts:
    """How many go-lives and expiries fall in the next 7 days, and how many are overdue.

    Two queries for the dashboard; not narrowed by permission, as the view is, because
    only those who may publish (and so see everything in this newsroom) see the counts.
    """
    now = now or timezone.now()
    overdue_before, soon_until = now - OVERDUE_AFTER, now + SOON
    soon = Q(approved_go_live_at__gte=now, approved_go_live_at__lt=soon_until)
    go_lives = Revision.objects.filter(approved_go_live_at__isnull=False).aggregate(
        overdue=Count("pk", filter=Q(approved_go_live_at__lt=overdue_before)),
        soon=Count("pk", filter=soon),
    )
    expiring = [
        model._default_manager.filter(live=True, expire_at__lt=soon_until)
        .order_by()
        .values_list("expire_at", flat=True)
        for model in schedulable_models()
    ]
    expiries = list(expiring[0].union(*expiring[1:], all=True))
    return ScheduleCounts(
        soon=go_lives["soon"] + sum(1 for at in expiries if at >= now),
        overdue=go_lives["overdue"] + sum(1 for at in expiries if at < overdue_before),
    )
