"""Events, places and organisers for the calendar's tests, built in the test itself."""

from __future__ import annotations

import datetime as dt

from muhabir.directory.models import EVENT_TIME_ZONE, Association, Event, Place


def berlin(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=EVENT_TIME_ZONE)


def event_add(**fields) -> Event:
    """A live event; any field can be given, the title in both languages by default."""
    title = fields.pop("title", "Gurbette 59. Yıl")
    fields.setdefault("title_tr", title)
    fields.setdefault("title_de", fields.pop("title_de_text", title))
    fields.setdefault("start", berlin(2030, 11, 16, 19))
    fields.setdefault("live", True)
    event = Event(**fields)
    event.full_clean()
    event.save()
    return event


def association_add(name="Avrupa Zonguldaklılar Derneği", **fields) -> Association:
    fields.setdefault("city", "Gelsenkirchen")
    fields.setdefault("live", True)
    association = Association(name=name, **fields)
    association.save()
    return association


def place_add(name="Armoni Palace", **fields) -> Place:
    fields.setdefault("category", Place.Category.EVENT_HALL)
    fields.setdefault("city", "Marl")
    fields.setdefault("street", "Bergstraße 228")
    fields.setdefault("postcode", "45770")
    fields.setdefault("live", True)
    place = Place(name=name, **fields)
    place.save()
    return place


def directory_pages_add() -> dict:
    """The directory in both languages, for tests without the directory's fixtures."""
    from muhabir.directory.models import DirectoryPage
    from muhabir.home.models import HomePage

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
