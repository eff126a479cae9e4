"""What each role may do to a page, where Wagtail's page permissions alone are too broad.

Wagtail lets anyone with "change" on a subtree edit every page in it, delete every
unpublished leaf (an editor's scheduled article included) and move what they could
delete; and anyone who publishes may delete or unpublish a site's home page, which takes
a whole language off the site. In this newsroom:

- those who cannot publish (reporters) edit their own pages, drafts nobody owns yet
  (press releases waiting for review) and what a workflow task hands them; they delete
  only their own pages, while nothing of them is live;
- moving a page changes what readers see, so it is for those who publish;
- a site's home page is deleted, unpublished or moved only by those who manage sites
  (administrators).
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester

# Depth 1 is the tree's root; the pages right below it are the sites' home pages.
HOME_PAGE_DEPTH = 2


def user_manages_sites(user) -> bool:
    """Administrators: they hold every permission, including changing sites."""
    return user.is_active and (user.is_superuser or user.has_perm("wagtailcore.change_site"))


class EditorialPagePermissionTester(PagePermissionTester):
    def _publishes(self) -> bool:
        return self.user.is_superuser or "publish" in self.permissions

    def _home_page_protected(self) -> bool:
        return self.page.depth == HOME_PAGE_DEPTH and not user_manages_sites(self.user)

    def can_edit(self) -> bool:
        if not super().can_edit():
            return False
        if self._publishes() or self.page.owner_id == self.user.pk:
            return True
        if self.page.owner_id is None and not self.page.live:
            return True
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if self._home_page_protected():
            return False
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self._publishes():
            return True
        pages = self.page.get_descendants(inclusive=True)
        return not pages.exclude(live=False, owner=self.user).exists()

    def can_unpublish(self) -> bool:
        return not self._home_page_protected() and super().can_unpublish()

    def can_move(self) -> bool:
        return not self._home_page_protected() and super().can_move() and self._publishes()


class EditorialPermissionsMixin:
    """For every page model of the project: the rules above instead of Wagtail's."""

    def permissions_for_user(self, user) -> EditorialPagePermissionTester:
        return EditorialPagePermissionTester(user, self)
