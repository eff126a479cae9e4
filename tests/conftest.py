"""The site tree with both locales, a user and a client per editorial role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale

from muhabir.home.models import HomePage
from muhabir.newsroom.models import SectionPage
from muhabir.newsroom.roles import ADMINISTRATOR, EDITOR, REPORTER
from muhabir.pagecache import fragments, memo, worker_copies
from tests.factories import CustomImageFactory

PASSWORD = "muhabir-test-şifre"

# (Turkish title, Turkish slug, German title, German slug) as on the seed's front page.
SECTIONS = [
    ("Magazin & Kültür", "magazin-kultur", "Magazin & Kultur", "magazin-kultur"),
    ("Toplum", "toplum", "Gesellschaft", "gesellschaft"),
    ("Dernekler", "dernekler", "Vereine", "vereine"),
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: navigation and renditions are cached there,
    and the workers' own copies (the site of a host name) are kept by its change times."""
    cache.clear()
    memo.forget()
    worker_copies.copies.clear()
    fragments.worker_copies.clear()


@pytest.fixture(autouse=True)
def second_factor_on_force_login(monkeypatch):
    """``force_login`` signs in completely: administrators must have passed the second step
    (muhabir.accounts), so their clients get an authenticator app and a verified session."""
    from django.test import Client

    from tests.accounts.helpers import force_login_verified

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture(autouse=True)
def demo_password_file(monkeypatch, tmp_path):
    """The demo loader keeps its password under data/; the tests' own stays out of it."""
    from muhabir.demo import services as demo_services

    monkeypatch.setattr(demo_services, "_password_file", lambda: tmp_path / "demo-password")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never to data/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def static_root(settings, tmp_path):
    """An existing, empty STATIC_ROOT: WhiteNoise warns on every client otherwise."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    return settings.STATIC_ROOT


@pytest.fixture
def locale_tr(db) -> Locale:
    return Locale.objects.get(language_code="tr")


@pytest.fixture
def locale_de(db) -> Locale:
    return Locale.objects.get(language_code="de")


@pytest.fixture
def home_tr(db) -> HomePage:
    """The Turkish front page made by migration home/0002; it is the site's root."""
    return HomePage.objects.get(slug="anasayfa")


@pytest.fixture
def home_de(db) -> HomePage:
    """The German front page, the Turkish one's translation."""
    return HomePage.objects.get(slug="startseite")


def section_add(home: HomePage, *, title: str, slug: str, translation_of=None) -> SectionPage:
    """Add a live section under ``home``; ``translation_of`` makes it that section's translation.

    Sections are scaffolding here, so they go live without a revision: four times
    faster than publishing, and the tests about publishing are about articles.
    """
    now = timezone.now()
    section = SectionPage(
        title=title,
        slug=slug,
        locale=home.locale,
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    if translation_of is not None:
        section.translation_key = translation_of.translation_key
    home.add_child(instance=section)
    return section


@pytest.fixture
def sections(home_tr, home_de) -> dict[str, list[SectionPage]]:
    """Three sections per language; ``sections["de"][i]`` translates ``sections["tr"][i]``."""
    result = {"tr": [], "de": []}
    for title_tr, slug_tr, title_de, slug_de in SECTIONS:
        turkish = section_add(home_tr, title=title_tr, slug=slug_tr)
        german = section_add(home_de, title=title_de, slug=slug_de, translation_of=turkish)
        result["tr"].append(turkish)
        result["de"].append(german)
    return result


def _user(django_user_model, username: str, group: str | None = None, **extra):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@muhabir.example",
        password=PASSWORD,
        first_name="Şule",
        last_name="Öztürk",
        **extra,
    )
    if group is not None:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reporter(db, django_user_model):
    return _user(django_user_model, "reporter", REPORTER)


@pytest.fixture
def editor(db, django_user_model):
    return _user(django_user_model, "editor", EDITOR)


@pytest.fixture
def administrator(db, django_user_model):
    return _user(django_user_model, "administrator", ADMINISTRATOR)


@pytest.fixture
def superuser(db, django_user_model):
    return _user(django_user_model, "superuser", is_staff=True, is_superuser=True)


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reporter_client(reporter):
    return _client_for(reporter)


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def administrator_client(administrator):
    return _client_for(administrator)


@pytest.fixture
def superuser_client(superuser):
    return _client_for(superuser)


@pytest.fixture
def role_client(request):
    """Parametrize indirectly with a fixture name, e.g. ``"editor_client"``."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def make_image(db):
    """Make a CustomImage from a Pillow PNG with alt text, credit and caption."""

    def make(**kwargs):
        return CustomImageFactory(**kwargs)

    return make
