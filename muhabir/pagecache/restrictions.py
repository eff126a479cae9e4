"""Which parts of the page tree are private, from the worker's memory.

Wagtail asks the database on every page a reader opens whether the page or one above it
is private (``Page.get_view_restrictions``, two queries), and every public listing asks
again which subtrees to leave out (``PageQuerySet.private_q``, one more per listing).
Restrictions are few and change seldom, so while a reader's request is served the paths
they cover are kept per worker like sites and routes, checked against the change times of
the page and restriction tables. Anywhere else (the admin, a form post) Wagtail asks the
database as usual.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from muhabir.pagecache.memo import remembered_in_process, serving_a_reader
from muhabir.pagecache.sites import SITE_TAGS


@dataclass(frozen=True)
class PrivateTree:
    # (path, depth) of each restricted page: its subtree is private.
    restricted: tuple[tuple[str, int], ...]
    # Paths of aliases: an alias and the pages below it take their source's restrictions,
    # which only Wagtail's own lookup follows.
    aliases: frozenset[str]

    def may_be_private(self, page: Page) -> bool:
        """Whether ``page`` or a page above it is restricted or an alias."""
        steps = Page.steplen
        above = {page.path[:end] for end in range(steps, len(page.path) + 1, steps)}
        return bool(above & self.aliases) or any(path in above for path, _depth in self.restricted)


def _read() -> PrivateTree:
    restricted = PageViewRestriction.objects.values_list("page__path", "page__depth")
    aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
    return PrivateTree(tuple(sorted(set(restricted))), frozenset(aliases))


def private_tree() -> PrivateTree:
    return remembered_in_process(("private-tree",), SITE_TAGS, _read)


def restricted_paths() -> tuple[str, ...]:
    """The paths of restricted pages: from memory for a reader, else from the database."""
    if serving_a_reader():
        return tuple(path for path, _depth in private_tree().restricted)
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


class KnownRestrictionsMixin:
    """For reader-facing page types: no query for a page outside every private subtree."""

    def get_view_restrictions(self):
        if serving_a_reader() and not private_tree().may_be_private(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]


class KnownRestrictionsQuerySet(PageQuerySet):
    """``public()`` without a query for the private subtrees while a reader is served."""

    def private_q(self) -> Q:
        if not serving_a_reader():
            return super().private_q()
        q = Q()
        for path, depth in private_tree().restricted:
            q |= Q(path__startswith=path, depth__gte=depth)
        # As Wagtail's: match no page when nothing is private.
        return q if q else Q(pk__in=[])
