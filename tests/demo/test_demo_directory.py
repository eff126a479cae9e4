"""The demo builds the seed's directory: pages, entries, offers, events, links to articles."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from muhabir.directory.models import (
    Association,
    DirectoryPage,
    District,
    Event,
    IntegrationCentre,
    Offer,
    Place,
    Programme,
)
from muhabir.newsroom.models import ArticlePage
from tests.demo_once import demo_media_copy, demo_site_for_module

BERLIN = ZoneInfo("Europe/Berlin")
PASSWORD = "demo-password-for-tests"

pytestmark = pytest.mark.django_db


def load() -> str:
    output = io.StringIO()
    call_command("load_demo_site", password=PASSWORD, stdout=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def demo_workdir(django_db_setup, django_db_blocker, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("demo-site")
    with demo_site_for_module(django_db_blocker, workdir, password=PASSWORD):
        yield workdir


@pytest.fixture
def demo(demo_workdir, db, media_root):
    demo_media_copy(demo_workdir, media_root)


def test_the_seed_entries_and_pages(demo):
    # One demo build for several checks: building it takes seconds.
    check_a_directory_page_per_language_linked_as_translations()
    check_the_tea_garden_in_iltis_park()
    check_the_association_and_its_evening_in_marl()
    check_the_centres_of_borken_and_steinfurt_with_what_the_article_says()
    check_komm_an_and_the_offers_of_the_lead_article()


def test_links_calendar_and_further_entries(demo):
    check_the_seed_articles_name_the_entries()
    check_the_calendar_has_upcoming_weekly_all_day_and_cancelled_events()
    check_further_entries_spread_over_nrw_for_near_me()


def everything() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (DirectoryPage, Place, Association, IntegrationCentre, Offer, Event, Programme)
    }


def check_a_directory_page_per_language_linked_as_translations():
    turkish = DirectoryPage.objects.get(locale__language_code="tr")
    german = DirectoryPage.objects.get(locale__language_code="de")
    assert (turkish.title, turkish.slug, turkish.url) == ("Rehber", "rehber", "/tr/rehber/")
    assert (german.title, german.slug) == ("Verzeichnis", "verzeichnis")
    assert turkish.translation_key == german.translation_key
    for page in (turkish, german):
        assert page.live and page.show_in_menus
        assert page.get_parent().specific_class.__name__ == "HomePage"


def check_the_tea_garden_in_iltis_park():
    place = Place.objects.get(slug="iltis-park-cay-bahcesi")
    assert place.category == "tea-garden"
    assert (place.latitude, place.longitude) == (51.4935, 6.7716)
    assert place.city == "Duisburg" and place.district.slug == "duisburg"
    assert "Hamborn" in place.description_tr and "Hamborn" in place.description_de
    assert place.live


def check_the_association_and_its_evening_in_marl():
    association = Association.objects.get(name="Avrupa Zonguldaklılar Derneği")
    assert association.city == "Gelsenkirchen" and association.live
    hall = Place.objects.get(name="Armoni Palace")
    assert (hall.category, hall.city) == ("event-hall", "Marl")
    assert hall.district == District.objects.get(slug="recklinghausen")
    event = Event.objects.get(title_tr="Gurbette 59. Yıl")
    assert event.start.astimezone(BERLIN).date() == dt.date(2019, 11, 16)
    assert event.start.astimezone(BERLIN).hour >= 18
    assert event.place == hall
    assert event.organiser_association == association
    assert event.live and not event.cancelled


def check_the_centres_of_borken_and_steinfurt_with_what_the_article_says():
    borken = IntegrationCentre.objects.get(for_district__slug="borken")
    steinfurt = IntegrationCentre.objects.get(for_district__slug="steinfurt")
    assert (borken.ordinal, borken.opened_on) == (51, dt.date(2016, 6, 28))
    assert (steinfurt.ordinal, steinfurt.opened_on) == (52, dt.date(2016, 6, 29))
    for centre in (borken, steinfurt):
        assert centre.staff_posts == Decimal("3.5")
        assert centre.funding_eur == Decimal("170000")
        assert centre.teacher_posts == Decimal("2")
        assert centre.teacher_funding_eur == Decimal("100000")
        assert centre.description_tr and centre.description_de
    assert "51." in borken.description_de and "52." in steinfurt.description_de


def check_komm_an_and_the_offers_of_the_lead_article():
    programme = Programme.objects.get(slug="komm-an-nrw")
    assert programme.budget_eur == Decimal("7050000")
    assert "7,05" in programme.description_de
    for district in ("borken", "steinfurt"):
        offers = Offer.objects.filter(provider_centre__for_district__slug=district, live=True)
        assert {offer.kind for offer in offers} == {
            "counselling",
            "volunteer-qualification",
            "teacher-training",
        }
        counselling = offers.get(kind="counselling")
        assert set(counselling.target_groups.values_list("slug", flat=True)) == {
            "young-immigrants",
            "parents",
        }
        assert {"de", "tr"} <= set(counselling.languages.values_list("code", flat=True))
        volunteers = offers.get(kind="volunteer-qualification")
        assert volunteers.programme == programme
        assert list(volunteers.target_groups.values_list("slug", flat=True)) == ["volunteers"]
        teachers = offers.get(kind="teacher-training")
        assert list(teachers.target_groups.values_list("slug", flat=True)) == ["teachers"]


def check_the_seed_articles_name_the_entries():
    tea_story = ArticlePage.objects.get(slug="cay-bahcesinde-caylar-semaverden")
    assert [p.slug for p in tea_story.places.all()] == ["iltis-park-cay-bahcesi"]
    evening_story = ArticlePage.objects.get(
        slug="zonguldaklilar-gocun-59-yili-anisina-gece-duzenledi"
    )
    assert [a.name for a in evening_story.associations.all()] == ["Avrupa Zonguldaklılar Derneği"]
    assert [e.title_tr for e in evening_story.events.all()] == ["Gurbette 59. Yıl"]
    signal = ArticlePage.objects.get(slug="ein-starkes-signal-fuer-integration")
    assert {c.for_district.slug for c in signal.integration_centres.all()} == {
        "borken",
        "steinfurt",
    }
    # The entries list the article back, and the article's draft keeps the links.
    assert list(Place.objects.get(slug="iltis-park-cay-bahcesi").articles.all()) == [tea_story]
    revision = tea_story.latest_revision.as_object()
    assert [p.slug for p in revision.places.all()] == ["iltis-park-cay-bahcesi"]


def check_the_calendar_has_upcoming_weekly_all_day_and_cancelled_events():
    now = timezone.now()
    live = Event.objects.filter(live=True)
    upcoming = live.filter(last_end__gte=now) | live.filter(last_end__isnull=True)
    assert upcoming.count() >= 4
    weekly = live.get(rrule__icontains="FREQ=WEEKLY")
    assert weekly.last_end is None
    all_day = live.get(all_day=True)
    assert all_day.start > now
    cancelled = live.get(cancelled=True)
    assert cancelled.start > now
    for event in live:
        event.full_clean()


def check_further_entries_spread_over_nrw_for_near_me():
    cities = set(Place.objects.filter(live=True).values_list("city", flat=True))
    assert {"Duisburg", "Marl", "Köln", "Dortmund", "Bonn"} <= cities
    assert Association.objects.filter(live=True).count() >= 4
    assert not Place.objects.filter(live=True, latitude__isnull=True).exists()
    for place in Place.objects.all():
        assert place.description_tr and place.description_de, place.name


def test_loading_twice_creates_no_duplicates(demo):
    before = everything()
    links = ArticlePage.objects.get(slug="cay-bahcesinde-caylar-semaverden").places.count()
    assert "already complete" in load()
    assert everything() == before
    assert ArticlePage.objects.get(slug="cay-bahcesinde-caylar-semaverden").places.count() == links


def test_loading_keeps_what_editors_changed(demo):
    place = Place.objects.get(slug="iltis-park-cay-bahcesi")
    place.description_de = "Von der Redaktion geändert."
    place.save()
    borken = IntegrationCentre.objects.get(for_district__slug="borken")
    borken.staff_posts = Decimal("4")
    borken.save()
    load()
    place.refresh_from_db()
    borken.refresh_from_db()
    assert place.description_de == "Von der Redaktion geändert."
    assert borken.staff_posts == Decimal("4")
