"""Who may open which admin screen, through HTTP as each role, not through the permission table.

Reporter writes and adds photos; Editor publishes, manages sources, redirects and site
settings; Administrator also manages users, groups, workflows, sites and the home pages;
anonymous visitors are sent to the login form.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Site, get_page_models

from muhabir.core.page_permissions import EditorialPermissionsMixin
from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.factories.images import CustomImageFactory, png_file

ROLES = ("anonymous", "reporter", "editor", "administrator")
R, E, A = "reporter", "editor", "administrator"

# screen -> the roles that may open it
MATRIX = {
    "images": {R, E, A},
    "image_add": {R, E, A},
    "image_edit_own": {R, E, A},
    "image_edit_others": {E, A},
    "documents": {R, E, A},
    "document_add": {R, E, A},
    "explorer": {R, E, A},
    "article_add": {R, E, A},
    "article_edit_own": {R, E, A},
    "article_edit_others": {E, A},
    "article_delete_own_draft": {R, E, A},
    "article_delete_others_draft": {E, A},
    "article_move": {E, A},
    "home_delete": {A},
    "home_unpublish": {A},
    "home_move": {A},
    "places": {R, E, A},
    "place_add": {R, E, A},
    "events": {R, E, A},
    "districts": {E, A},
    "feed_sources": {E, A},
    "review_queue": {R, E, A},
    "redirects": {E, A},
    "site_settings": {E, A},
    "users": {A},
    "groups": {A},
    "workflows": {A},
    "sites": {A},
    "locales": {A},
}


@pytest.fixture
def desk(sections, reporter, editor):
    """What the newsroom has: drafts by both roles, a published article, photos, a document."""
    section = sections["tr"][0]
    own = ArticlePageFactory(parent=section, title="Muhabirin taslağı", publish=False)
    own.owner = reporter
    own.save()
    scheduled = ArticlePageFactory(parent=section, title="Editörün planlı haberi", publish=False)
    scheduled.owner = editor
    scheduled.save()
    scheduled.save_revision(user=editor, approved_go_live_at=timezone.now() + dt.timedelta(days=1))
    live = ArticlePageFactory(parent=section, title="Yayında olan haber")
    document = get_document_model().objects.create(
        title="Basın bülteni",
        file=SimpleUploadedFile("bulten.pdf", b"%PDF-1.4\n%%EOF\n"),
        uploaded_by_user=editor,
    )
    return {
        "home": section.get_parent(),
        "own": own,
        "scheduled": scheduled,
        "live": live,
        "section": section,
        "own_image": CustomImageFactory(uploaded_by_user=reporter),
        "others_image": CustomImageFactory(uploaded_by_user=editor),
        "document": document,
    }


def _url(screen: str, desk: dict) -> str:
    urls = {
        "images": ("wagtailimages:index", []),
        "image_add": ("wagtailimages:add", []),
        "image_edit_own": ("wagtailimages:edit", [desk["own_image"].pk]),
        "image_edit_others": ("wagtailimages:edit", [desk["others_image"].pk]),
        "documents": ("wagtaildocs:index", []),
        "document_add": ("wagtaildocs:add", []),
        "explorer": ("wagtailadmin_explore", [desk["section"].pk]),
        "article_add": (
            "wagtailadmin_pages:add",
            ["newsroom", "articlepage", desk["section"].pk],
        ),
        "article_edit_own": ("wagtailadmin_pages:edit", [desk["own"].pk]),
        "article_edit_others": ("wagtailadmin_pages:edit", [desk["scheduled"].pk]),
        "article_delete_own_draft": ("wagtailadmin_pages:delete", [desk["own"].pk]),
        "article_delete_others_draft": ("wagtailadmin_pages:delete", [desk["scheduled"].pk]),
        "article_move": ("wagtailadmin_pages:move", [desk["own"].pk]),
        "home_delete": ("wagtailadmin_pages:delete", [desk["home"].pk]),
        "home_unpublish": ("wagtailadmin_pages:unpublish", [desk["home"].pk]),
        "home_move": ("wagtailadmin_pages:move", [desk["home"].pk]),
        "places": ("wagtailsnippets_directory_place:list", []),
        "place_add": ("wagtailsnippets_directory_place:add", []),
        "events": ("wagtailsnippets_directory_event:list", []),
        "districts": ("wagtailsnippets_directory_district:list", []),
        "feed_sources": ("wagtailsnippets_ingest_feedsource:list", []),
        "review_queue": ("press_releases:index", []),
        "redirects": ("wagtailredirects:index", []),
        "site_settings": (
            "wagtailsettings:edit",
            ["home", "sitesettings", Site.objects.get(is_default_site=True).pk],
        ),
        "users": ("wagtailusers_users:index", []),
        "groups": ("wagtailusers_groups:index", []),
        "workflows": ("wagtailadmin_workflows:index", []),
        "sites": ("wagtailsites:index", []),
        "locales": ("wagtaillocales:index", []),
    }
    name, args = urls[screen]
    return reverse(name, args=args)


def _opened(response) -> bool:
    """Whether the screen was shown; Wagtail answers a refusal with 403 or a redirect."""
    return response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_admin_screen_opens_only_for_the_roles_that_use_it(client, desk, role, request, subtests):
    # One newsroom per role, every screen a subtest: building it per screen and role
    # would build it over a hundred times for GET requests that change nothing.
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    for screen in sorted(MATRIX):
        with subtests.test(screen=screen):
            response = client.get(_url(screen, desk))

            assert _opened(response) is (role in MATRIX[screen]), (
                role,
                screen,
                response.status_code,
            )
            if role == "anonymous":
                assert response.status_code == 302
                assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_reporter_cannot_delete_an_editors_scheduled_article(reporter_client, desk):
    scheduled = desk["scheduled"]

    reporter_client.post(reverse("wagtailadmin_pages:delete", args=[scheduled.pk]))

    assert ArticlePage.objects.filter(pk=scheduled.pk).exists()


def test_reporter_deletes_an_own_draft(reporter_client, desk):
    own = desk["own"]

    reporter_client.post(reverse("wagtailadmin_pages:delete", args=[own.pk]))

    assert not ArticlePage.objects.filter(pk=own.pk).exists()


def test_reporter_cannot_move_an_article(reporter_client, desk, sections):
    own, target = desk["own"], sections["tr"][1]

    reporter_client.post(reverse("wagtailadmin_pages:move_confirm", args=[own.pk, target.pk]))

    assert Page.objects.get(pk=own.pk).get_parent().pk == desk["section"].pk


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_only_administrators_take_a_home_page_off_the_site(client, desk, role, request):
    client.force_login(request.getfixturevalue(role))
    home = desk["home"]

    client.post(reverse("wagtailadmin_pages:unpublish", args=[home.pk]))
    client.post(reverse("wagtailadmin_pages:delete", args=[home.pk]))

    home.refresh_from_db()
    assert home.live


def test_reporter_uploads_a_photo_with_credit(reporter_client, reporter):
    upload = png_file()
    response = reporter_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Gurbette 59. Yıl",
            "file": SimpleUploadedFile("gurbette.png", upload.read(), content_type="image/png"),
            "description": "Sahnede halk dansları ekibi",
            "credit": "Foto: M. Hermenau",
            "default_caption": "Armoni Palace, 16.11.2019",
        },
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    image = CustomImage.objects.get(title="Gurbette 59. Yıl")
    assert image.credit == "Foto: M. Hermenau"
    assert image.uploaded_by_user == reporter


def test_every_page_type_follows_the_newsroom_rules():
    page_types = [model for model in get_page_models() if model is not Page]

    assert page_types
    assert all(issubclass(model, EditorialPermissionsMixin) for model in page_types), page_types
