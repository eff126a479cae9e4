"""Directory entries in Turkish and German: published unless a test says ``live=False``.

Names come from Faker's ``tr_TR`` and ``de_DE`` providers, so İ, ı, ş, ß and ü turn up;
a test that asserts a name, a city or a time passes it. Districts and integration centres
are made by the data migration: their factories fetch the existing row by its key.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from muhabir.directory.models import (
    EVENT_TIME_ZONE,
    Association,
    DirectoryPage,
    District,
    Event,
    IntegrationCentre,
    Offer,
    Place,
    Programme,
    SpokenLanguage,
    TargetGroup,
)
from muhabir.home.models import HomePage
from tests.factories.newsroom import sentence

# (name, kind, seat, latitude, longitude): seats of kreisfreie Städte and Kreise, for a
# district the data migration has not made.
DISTRICTS = {
    "duisburg": ("Duisburg", "city", "Duisburg", 51.4344, 6.7623),
    "essen": ("Essen", "city", "Essen", 51.4556, 7.0116),
    "duesseldorf": ("Düsseldorf", "city", "Düsseldorf", 51.2277, 6.7735),
    "koeln": ("Köln", "city", "Köln", 50.9375, 6.9603),
    "dortmund": ("Dortmund", "city", "Dortmund", 51.5136, 7.4653),
    "gelsenkirchen": ("Gelsenkirchen", "city", "Gelsenkirchen", 51.5177, 7.0857),
    "borken": ("Borken", "kreis", "Borken", 51.8439, 6.8574),
    "steinfurt": ("Steinfurt", "kreis", "Steinfurt", 52.1483, 7.338),
}
POINTS = {slug: (values[3], values[4]) for slug, values in DISTRICTS.items()}


def berlin(year, month, day, hour=0, minute=0) -> dt.datetime:
    """A wall-clock time in Germany, as editors enter event times."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=EVENT_TIME_ZONE)


def _district_value(index: int):
    return factory.LazyAttribute(lambda o: DISTRICTS[o.slug][index])


class DistrictFactory(factory.django.DjangoModelFactory):
    """``DistrictFactory(slug="duisburg")``: the migration's district, or one made like it."""

    class Meta:
        model = District
        django_get_or_create = ("slug",)

    slug = "duisburg"
    name = _district_value(0)
    kind = _district_value(1)
    seat = _district_value(2)
    latitude = _district_value(3)
    longitude = _district_value(4)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        # Post-generation hooks only set many-to-many relations, which need no second save.
        skip_postgeneration_save = True

    live = True
    first_published_at = factory.Maybe(
        "live", yes_declaration=factory.LazyFunction(timezone.now), no_declaration=None
    )


class PlaceFactory(EntryFactory):
    class Meta:
        model = Place

    name = factory.Faker("company", locale="tr_TR")
    category = Place.Category.TEA_GARDEN


class AssociationFactory(EntryFactory):
    class Meta:
        model = Association

    name = factory.Faker("company", locale="de_DE")

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        if create and extracted:
            self.places.set(extracted)


class IntegrationCentreFactory(EntryFactory):
    """The centre of ``for_district`` (the migration made one per district) with these fields."""

    class Meta:
        model = IntegrationCentre
        django_get_or_create = ("for_district",)

    for_district = factory.SubFactory(DistrictFactory)
    name = factory.LazyAttribute(lambda o: f"KI {o.for_district.name}")

    @classmethod
    def _get_or_create(cls, model_class, *args, **kwargs):
        # The migration's centre keeps its row; the test's fields and a fresh slug replace
        # its own, as if an editor had entered them.
        fields = dict(kwargs)
        centre = model_class.objects.filter(for_district=fields.pop("for_district")).first()
        if centre is None:
            return super()._get_or_create(model_class, *args, **kwargs)
        centre.slug = ""
        for key, value in fields.items():
            setattr(centre, key, value)
        centre.save()
        return centre


class OfferFactory(EntryFactory):
    class Meta:
        model = Offer

    title_tr = factory.LazyFunction(lambda: sentence("tr", 3))
    title_de = ""
    kind = Offer.Kind.COUNSELLING

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class EventFactory(EntryFactory):
    """An event a week ahead at 19:00 in Germany; ``title`` gives both languages one title."""

    class Meta:
        model = Event

    class Params:
        title = None
        days_ahead = 7

    title_tr = factory.LazyAttribute(lambda o: o.title or sentence("tr", 3))
    title_de = factory.LazyAttribute(lambda o: o.title or "")
    start = factory.LazyAttribute(
        lambda o: (
            (timezone.now() + dt.timedelta(days=o.days_ahead))
            .astimezone(EVENT_TIME_ZONE)
            .replace(hour=19, minute=0, second=0, microsecond=0)
        )
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the admin does: a rule the form would refuse never reaches the database.
        event = model_class(*args, **kwargs)
        event.full_clean()
        event.save()
        return event


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    slug = "parents"
    name_tr = factory.LazyFunction(lambda: sentence("tr", 1))
    name_de = factory.LazyFunction(lambda: sentence("de", 1))


class SpokenLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpokenLanguage
        django_get_or_create = ("code",)

    code = "tr"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = "KOMM-AN NRW"
    slug = "komm-an-nrw"


def directory_pages_add() -> dict:
    """The directory in both languages, for tests without the directory's fixtures."""
    home_tr = HomePage.objects.get(slug="anasayfa")
    home_de = HomePage.objects.get(slug="startseite")
    turkish = DirectoryPage(title="Rehber", slug="rehber", locale=home_tr.locale)
    home_tr.add_child(instance=turkish)
    turkish.save_revision().publish()
    german = DirectoryPage(
        title="Verzeichnis",
        slug="verzeichnis",
        locale=home_de.locale,
        translation_key=turkish.translation_key,
    )
    home_de.add_child(instance=german)
    german.save_revision().publish()
    return {"tr": turkish, "de": german}
