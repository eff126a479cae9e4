"""Builds the demo site "Muhabirce NRW" from the seed, idempotently."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from muhabir.demo import content
from muhabir.demo.directory import directory_load
from muhabir.demo.images import placeholder_jpeg
from muhabir.home.models import HomePage, StandardPage
from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage, SectionPage
from muhabir.newsroom.roles import EDITOR, REPORTER

BERLIN = ZoneInfo("Europe/Berlin")
# username, role (None: superuser), first and last name. Wagtail's account form asks for
# both names, so a user without them cannot even change the admin language.
DEMO_USERS = (
    ("admin", None, "Defne", "Aksoy"),
    ("reporter", REPORTER, "Mert", "Öztürk"),
    ("editor", EDITOR, "Zeynep", "Kılıç"),
)


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    password: str = ""

    def add(self, kind: str, name: str) -> None:
        self.created.append(f"{kind}: {name}")


def demo_site_load(*, password: str | None = None) -> DemoReport:
    """Create whatever of the seed's site is missing; existing objects are left as they are."""
    report = DemoReport()
    with transaction.atomic():
        homes = _homes()
        sections = _sections(homes, report)
        images = _images(report)
        for seed in content.ARTICLES:
            _article(seed, homes, sections, images, report)
        _standard_pages(homes, report)
        directory_load(homes, report)
        report.password = _users(password, report)
        _site_address()
    return report


def _site_address() -> None:
    """Point the default site at the public address, so the links in its mails work."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).exclude(hostname=parts.hostname, port=port).update(
        hostname=parts.hostname, port=port
    )
    Site.clear_site_root_paths_cache()


def _homes() -> dict[str, HomePage]:
    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    missing = [code for code, _name in settings.LANGUAGES if code not in homes]
    if missing:
        raise ImproperlyConfigured(
            f"No home page for language(s) {', '.join(missing)}; run `manage.py migrate` first."
        )
    return homes


def _publish(page: Page, date: dt.datetime | None = None) -> None:
    page.save_revision().publish()
    if date is not None:
        # The seed's dates are when the stories appeared, not when the demo was built.
        Page.objects.filter(pk=page.pk).update(first_published_at=date, last_published_at=date)
        page.first_published_at = page.last_published_at = date


def _sections(homes, report) -> dict[tuple[str, str], SectionPage]:
    result = {}
    for seed in content.SECTIONS:
        translation_key = None
        for language in ("tr", "de"):
            home = homes[language]
            section = SectionPage.objects.child_of(home).filter(slug=seed.slugs[language]).first()
            if section is None:
                section = SectionPage(
                    title=seed.names[language],
                    slug=seed.slugs[language],
                    locale=home.locale,
                    show_in_menus=True,
                )
                if translation_key is not None:
                    section.translation_key = translation_key
                home.add_child(instance=section)
                _publish(section)
                report.add("section", seed.names[language])
            translation_key = section.translation_key
            result[(seed.key, language)] = section
    return result


def _images(report) -> dict[str, CustomImage]:
    result = {}
    for seed in content.IMAGES.values():
        image = CustomImage.objects.filter(title=seed.title).first()
        if image is None:
            image = CustomImage(
                title=seed.title,
                description=seed.alt,
                credit=seed.credit,
                default_caption=seed.caption,
                file=ImageFile(
                    io.BytesIO(placeholder_jpeg(seed.colours)), name=f"demo-{seed.key}.jpg"
                ),
            )
            image.save()
            report.add("image", seed.title)
        result[seed.key] = image
    return result


def _body(seed, images) -> list[tuple[str, object]]:
    blocks = []
    for block_type, value in seed.body:
        if block_type == "paragraph":
            blocks.append(("paragraph", RichText(f"<p>{escape(value)}</p>")))
        elif block_type == "image":
            blocks.append(("image", {"image": images[value], "caption": "", "credit": ""}))
        else:
            blocks.append((block_type, value))
    return blocks


def _article(seed, homes, sections, images, report) -> ArticlePage:
    section = sections[(seed.section, seed.language)]
    article = ArticlePage.objects.child_of(section).filter(slug=seed.slug).first()
    if article is not None:
        return article
    date = dt.datetime.combine(seed.date, dt.time(12, 0), tzinfo=BERLIN)
    article = ArticlePage(
        title=seed.title,
        slug=seed.slug,
        locale=homes[seed.language].locale,
        teaser=seed.teaser,
        body=_body(seed, images),
        hero_image=images[seed.hero] if seed.hero else None,
        editorial_date=date,
        featured=seed.featured,
    )
    article.sections.set([sections[(key, seed.language)] for key in seed.further_sections])
    article.tags.add(*seed.tags)
    section.add_child(instance=article)
    _publish(article, date)
    report.add("article", seed.title)
    return article


def _standard_pages(homes, report) -> None:
    for seed in content.STANDARD_PAGES:
        translation_key = None
        for language in ("tr", "de"):
            home = homes[language]
            page = StandardPage.objects.child_of(home).filter(slug=seed.slugs[language]).first()
            if page is None:
                page = StandardPage(
                    title=seed.titles[language],
                    slug=seed.slugs[language],
                    locale=home.locale,
                    body=seed.bodies[language],
                )
                if translation_key is not None:
                    page.translation_key = translation_key
                home.add_child(instance=page)
                _publish(page)
                report.add("page", seed.titles[language])
            translation_key = page.translation_key


def _password_file():
    return settings.BASE_DIR / "data" / "demo-password"


def _users(password: str | None, report) -> str:
    """The demo's admin, reporter and editor share one password, kept under data/."""
    password_file = _password_file()
    if password is None and password_file.exists():
        password = password_file.read_text().strip()
    if not password:
        password = secrets.token_urlsafe(12)
    User = get_user_model()
    for username, group_name, first_name, last_name in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is not None:
            if not (user.first_name and user.last_name):
                user.first_name, user.last_name = first_name, last_name
                user.save(update_fields=["first_name", "last_name"])
            continue
        names = {"first_name": first_name, "last_name": last_name}
        if group_name is None:
            User.objects.create_superuser(username, f"{username}@example.org", password, **names)
        else:
            user = User.objects.create_user(username, f"{username}@example.org", password, **names)
            user.groups.add(Group.objects.get(name=group_name))
        report.add("user", username)
    password_file.parent.mkdir(parents=True, exist_ok=True)
    if not password_file.exists():
        password_file.write_text(password)
    return password
