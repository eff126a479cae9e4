"""The rules every directory entry keeps: slugs, both languages, providers, times, places."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from muhabir.directory.models import (
    District,
    Event,
    IntegrationCentre,
    Offer,
    Place,
)
from muhabir.directory.models.events import rrule_is_endless, rrule_parse
from muhabir.directory.selectors import text_filter
from tests.factories.directory import AssociationFactory, EventFactory, OfferFactory, PlaceFactory

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC

pytestmark = pytest.mark.django_db


def berlin(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def event(**values) -> Event:
    values.setdefault("title_tr", "Etkinlik")
    values.setdefault("start", berlin(2024, 5, 4, 19))
    return Event(**values)


@pytest.fixture
def centre():
    return IntegrationCentre.objects.get(for_district__slug="borken")


@pytest.fixture
def association():
    return AssociationFactory(name="Avrupa Zonguldaklılar Derneği", live=True)


# Slugs


def test_slug_is_made_from_the_name_with_turkish_letters_spelled_out():
    place = PlaceFactory(name="İltis Park Çay Bahçesi", category="tea-garden")
    assert place.slug == "iltis-park-cay-bahcesi"


def test_slugs_stay_unique():
    first = PlaceFactory(name="Çay Bahçesi", category="tea-garden")
    second = PlaceFactory(name="Çay Bahçesi", category="tea-garden")
    third = PlaceFactory(name="Çay Bahçesi", category="tea-garden")
    assert [first.slug, second.slug, third.slug] == [
        "cay-bahcesi",
        "cay-bahcesi-2",
        "cay-bahcesi-3",
    ]


def test_saving_again_keeps_the_slug():
    place = PlaceFactory(name="Çay Bahçesi", category="tea-garden")
    place.name = "Yeni Çay Bahçesi"
    place.save()
    place.refresh_from_db()
    assert place.slug == "cay-bahcesi"


def test_an_editor_given_slug_is_kept():
    place = PlaceFactory(name="Çay Bahçesi", category="tea-garden", slug="semaver")
    assert place.slug == "semaver"


def test_offer_and_event_slugs_come_from_the_turkish_title_else_the_german(centre):
    offer = OfferFactory(
        title_tr="", title_de="Beratung für Eltern", kind="counselling", provider_centre=centre
    )
    assert offer.slug == "beratung-fur-eltern"
    turkish = event(title_tr="Gurbette 59. Yıl", title_de="59 Jahre")
    turkish.save()
    assert turkish.slug == "gurbette-59-yil"


def test_the_same_slug_may_be_used_by_two_kinds_of_entry(association):
    place = PlaceFactory(name="Avrupa Zonguldaklılar Derneği", category="other")
    assert place.slug == association.slug


# Both languages


def test_bilingual_text_falls_back_to_the_other_language():
    place = Place(name="Kahve", description_tr="Türkçe metin", description_de="")
    assert place.text("description", "de") == "Türkçe metin"
    assert place.text("description", "de").language == "tr"
    place.description_de = "Deutscher Text"
    assert place.text("description", "de") == "Deutscher Text"
    assert place.text("description", "tr") == "Türkçe metin"


def test_bilingual_text_follows_the_active_language():
    place = Place(name="Kahve", description_tr="Türkçe", description_de="Deutsch")
    with translation.override("de"):
        assert place.description == "Deutsch"
    with translation.override("tr"):
        assert place.description == "Türkçe"
    with translation.override("en"):
        assert place.description == "Türkçe"


def test_a_title_is_needed_in_at_least_one_language(centre):
    offer = Offer(kind="counselling", provider_centre=centre)
    with pytest.raises(ValidationError) as raised:
        offer.full_clean()
    assert "title_tr" in raised.value.message_dict
    offer.title_de = "Beratung"
    offer.full_clean()


# Offers


def test_an_offer_needs_a_provider(centre):
    offer = Offer(title_tr="Danışmanlık", kind="counselling")
    with pytest.raises(ValidationError) as raised:
        offer.full_clean()
    assert "provider_centre" in raised.value.message_dict


def test_an_offer_has_only_one_provider(centre, association):
    offer = Offer(
        title_tr="Danışmanlık",
        kind="counselling",
        provider_centre=centre,
        provider_association=association,
    )
    with pytest.raises(ValidationError) as raised:
        offer.full_clean()
    assert "provider_centre" in raised.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        offer.save()


def test_an_offer_by_an_association_is_valid(association):
    offer = Offer(title_tr="Dil kursu", kind="language-course", provider_association=association)
    offer.full_clean()
    offer.save()
    assert offer.provider == association


# Events


def test_an_event_cannot_end_before_it_starts():
    wrong = event(start=berlin(2019, 11, 16, 19), end=berlin(2019, 11, 16, 18))
    with pytest.raises(ValidationError) as raised:
        wrong.full_clean()
    assert list(raised.value.message_dict) == ["end"]
    event(start=berlin(2019, 11, 16, 19), end=berlin(2019, 11, 16, 19)).full_clean()


@pytest.mark.parametrize(
    "rule",
    ["FREQ=WEEKLY;BYDAY=TU;COUNT=10", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1", "freq=daily;count=3"],
)
def test_recurrence_rules_are_accepted(rule):
    event(rrule=rule).full_clean()


@pytest.mark.parametrize(
    "rule",
    [
        "every tuesday",
        "FREQ=SOMETIMES",
        "FREQ=WEEKLY;BYDAY=XX",
        "DTSTART:20240101T100000\nRRULE:FREQ=DAILY",
        "FREQ=WEEKLY\nFREQ=DAILY",
        "FREQ=DAILY;UNTIL=2024-13-45",
    ],
)
def test_text_that_is_not_one_recurrence_rule_is_refused(rule):
    with pytest.raises(ValidationError) as raised:
        event(rrule=rule).full_clean()
    assert "rrule" in raised.value.message_dict


def test_until_in_local_time_includes_that_whole_day():
    start = berlin(2024, 3, 28, 19)
    occurrences = list(rrule_parse("FREQ=DAILY;UNTIL=20240331", start))
    assert occurrences[-1] == berlin(2024, 3, 31, 19)
    assert len(occurrences) == 4


def test_until_in_local_time_with_a_time_is_berlin_time():
    # 19:00 in Berlin on 31 March 2024 is 17:00 UTC (summer time since 02:00 that night).
    start = berlin(2024, 3, 28, 19)
    assert list(rrule_parse("FREQ=DAILY;UNTIL=20240331T190000", start))[-1] == berlin(
        2024, 3, 31, 19
    )
    assert list(rrule_parse("FREQ=DAILY;UNTIL=20240331T185959", start))[-1] == berlin(
        2024, 3, 30, 19
    )


def test_until_in_utc_is_taken_as_utc():
    start = berlin(2024, 3, 28, 19)
    # 17:00 UTC on the 31st is exactly 19:00 CEST: included; 16:59 UTC is not.
    assert list(rrule_parse("FREQ=DAILY;UNTIL=20240331T170000Z", start))[-1] == berlin(
        2024, 3, 31, 19
    )
    assert list(rrule_parse("FREQ=DAILY;UNTIL=20240331T165900Z", start))[-1] == berlin(
        2024, 3, 30, 19
    )


def test_a_weekly_event_keeps_its_wall_clock_time_across_the_change_to_summer_time():
    start = dt.datetime(2024, 3, 21, 18, tzinfo=UTC)  # 19:00 CET
    occurrences = list(rrule_parse("FREQ=WEEKLY;COUNT=3", start))
    assert [o.astimezone(BERLIN).hour for o in occurrences] == [19, 19, 19]
    # Summer time starts on 31 March: 19:00 on 4 April is 17:00 UTC.
    assert [o.astimezone(UTC).hour for o in occurrences] == [18, 18, 17]


def test_last_end_is_the_end_of_the_last_occurrence_in_summer_time():
    weekly = event(
        start=berlin(2024, 3, 21, 19), end=berlin(2024, 3, 21, 21), rrule="FREQ=WEEKLY;COUNT=3"
    )
    weekly.save()
    weekly.refresh_from_db()
    # The third Thursday, 4 April, is in summer time: 21:00 CEST is 19:00 UTC.
    assert weekly.last_end == dt.datetime(2024, 4, 4, 19, tzinfo=UTC)


def test_last_end_of_a_weekly_event_across_the_change_back_to_winter_time():
    weekly = event(
        start=berlin(2024, 10, 17, 19), end=berlin(2024, 10, 17, 21), rrule="FREQ=WEEKLY;COUNT=3"
    )
    weekly.save()
    weekly.refresh_from_db()
    # 31 October is in winter time again: 21:00 CET is 20:00 UTC.
    assert weekly.last_end == dt.datetime(2024, 10, 31, 20, tzinfo=UTC)
    # Saving again from the value read back (in UTC) gives the same.
    weekly.save()
    weekly.refresh_from_db()
    assert weekly.last_end == dt.datetime(2024, 10, 31, 20, tzinfo=UTC)


def test_last_end_of_an_all_day_event_over_the_change_of_time_is_midnight():
    festival = event(start=berlin(2024, 10, 26), end=berlin(2024, 10, 27), all_day=True)
    festival.save()
    assert festival.last_end == berlin(2024, 10, 28)
    festival.refresh_from_db()
    festival.save()
    festival.refresh_from_db()
    assert festival.last_end == berlin(2024, 10, 28)


def test_last_end_is_empty_for_an_endless_rule():
    weekly = event(rrule="FREQ=WEEKLY;BYDAY=TH")
    weekly.save()
    assert weekly.last_end is None
    assert rrule_is_endless(rrule_parse(weekly.rrule, weekly.start))


def test_last_end_of_a_single_event_without_end_is_its_start():
    single = event(start=berlin(2019, 11, 16, 19))
    single.save()
    assert single.last_end == berlin(2019, 11, 16, 19)


# Coordinates


@pytest.mark.parametrize(("latitude", "longitude"), [(51.49, None), (None, 6.77)])
def test_coordinates_are_both_given_or_neither(latitude, longitude):
    place = Place(name="Çay", category="tea-garden", latitude=latitude, longitude=longitude)
    with pytest.raises(ValidationError) as raised:
        place.full_clean()
    assert raised.value.error_dict["__all__"][0].code == "coordinates"


def test_coordinates_within_range():
    Place(name="Çay", category="tea-garden", latitude=51.4935, longitude=6.7716).full_clean()
    Place(name="Çay", category="tea-garden").full_clean()
    with pytest.raises(ValidationError):
        Place(name="Çay", category="tea-garden", latitude=91, longitude=6.7).full_clean()


# Search text


def test_search_text_folds_case_turkish_letters_and_marks():
    place = PlaceFactory(
        name="İSTANBUL Kültür Evi",
        category="cultural-centre",
        city="Köln",
        description_de="Ein Ort für Begegnungen",
        description_tr="Duisburg'un kalbinde",
    )
    assert " istanbul " in place.search_text
    assert " kultur " in place.search_text
    assert " koln " in place.search_text
    assert " duisburg " in place.search_text  # the apostrophe and its suffix go
    assert place.search_text == place.search_text.lower()


@pytest.mark.parametrize("query", ["istanbul", "İstanbul", "ISTANBUL", "kultur", "KÜLTÜR", "köln"])
def test_the_text_filter_finds_entries_whatever_the_spelling(query):
    place = PlaceFactory(name="İstanbul Kültür Evi", category="other", city="Köln")
    PlaceFactory(name="Ankara Lokantası", category="restaurant", city="Bonn")
    assert list(text_filter(Place.objects.all(), query)) == [place]


def test_search_text_follows_edits():
    place = PlaceFactory(name="Eski Ad", category="other")
    place.name = "Semaver Evi"
    place.save(update_fields=["name"])
    place.refresh_from_db()
    assert " semaver " in place.search_text
    assert " eski " not in place.search_text


def test_district_ordering_and_text():
    assert str(District.objects.first()) == "Bielefeld"


def test_an_event_names_its_organiser_only_while_the_organiser_is_published():
    association = AssociationFactory(name="Gizli Dernek", live=False)
    event = EventFactory(organiser_association=association, organiser_name="Komşular")
    assert event.organiser_shown is None
    assert event.organiser == "Komşular"
    association.live = True
    association.save()
    event.refresh_from_db()
    assert event.organiser == "Gizli Dernek"


def test_readers_see_offers_only_of_published_providers(centre):
    shown = OfferFactory(title_tr="Açık", provider_centre=centre)
    hidden_provider = AssociationFactory(name="Taslak Dernek", live=False)
    OfferFactory(title_tr="Gizli", provider_association=hidden_provider)
    OfferFactory(title_tr="Taslak", provider_centre=centre, live=False)
    assert list(Offer.objects.public()) == [shown]
