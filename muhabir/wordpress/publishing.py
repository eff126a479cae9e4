"""Pages as the old site had them: published, scheduled or draft, and behind a password."""

from __future__ import annotations

import datetime as dt

from wagtail.models import Page, PageViewRestriction

from muhabir.wordpress.bulk import LIVE, SCHEDULED
from muhabir.wordpress.report import ImportReport
from muhabir.wordpress.wxr import Item


def password_restrict(page: Page, password: str, *, item: Item, report: ImportReport) -> None:
    """Put ``page`` behind the post's password, as the old site had it."""
    restrictions = PageViewRestriction.objects.filter(page=page)
    if not password:
        if restrictions.filter(restriction_type=PageViewRestriction.PASSWORD).exists():
            # Taking a page out from behind its password is an editor's decision.
            report.warn(item, "no longer has a password on the old site; the password here stays")
        return
    existing = restrictions.filter(restriction_type=PageViewRestriction.PASSWORD).first()
    if existing is not None:
        if existing.password != password:
            existing.password = password
            existing.save()
    elif not restrictions.exists():
        # A page an editor restricted otherwise (login, groups) is not public already.
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
        )


def state_save(page: Page, state: str, date: dt.datetime | None) -> None:
    """Save a revision and publish, schedule or unpublish as WordPress has it."""
    page.go_live_at = date if state == SCHEDULED else None
    revision = page.save_revision(
        clean=False, approved_go_live_at=date if state == SCHEDULED else None
    )
    if state == LIVE:
        revision.publish()
        Page.objects.filter(pk=page.pk).update(first_published_at=date, last_published_at=date)
    elif page.live:
        page.unpublish()
