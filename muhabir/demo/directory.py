"""Loading the demo site's directory (``directory_seed``) without touching what exists."""

from __future__ import annotations

from django.utils import timezone

from muhabir.demo.directory_seed import (
    ARTICLE_LINKS,
    ASSOCIATIONS,
    CENTRE_FUNDING,
    CENTRE_TEXTS,
    DIRECTORY_PAGES,
    OFFERS,
    PLACES,
    PROGRAMME,
    event_seeds,
)
from muhabir.directory.models import (
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
from muhabir.newsroom.models import ArticlePage


def directory_load(homes, report) -> None:
    """Create whatever of the demo directory is missing; leave existing entries as they are."""
    _pages(homes, report)
    districts = {district.slug: district for district in District.objects.all()}
    places = {seed["slug"]: _place(seed, districts, report) for seed in PLACES}
    associations = {
        seed["slug"]: _association(seed, districts, places, report) for seed in ASSOCIATIONS
    }
    centres = _centres(report)
    programme = _programme(report)
    _offers(centres, programme, report)
    events = _events(places, associations, centres, districts, report)
    _link_articles(places, associations, centres, events)


def _pages(homes, report) -> None:
    translation_key = None
    for language in ("tr", "de"):
        seed = DIRECTORY_PAGES[language]
        home = homes[language]
        page = DirectoryPage.objects.child_of(home).first()
        if page is None:
            page = DirectoryPage(
                title=seed["title"],
                slug=seed["slug"],
                locale=home.locale,
                intro=seed["intro"],
                show_in_menus=True,
            )
            if translation_key is not None:
                page.translation_key = translation_key
            home.add_child(instance=page)
            page.save_revision().publish()
            report.add("directory page", seed["title"])
        translation_key = page.translation_key


def _live(entry) -> None:
    now = timezone.now()
    entry.live = True
    entry.first_published_at = entry.first_published_at or now
    entry.last_published_at = entry.last_published_at or now


def _located(seed: dict, districts) -> dict:
    values = {key: seed[key] for key in ("street", "postcode", "city") if key in seed}
    values["district"] = districts.get(seed.get("district"))
    values["latitude"] = seed.get("latitude")
    values["longitude"] = seed.get("longitude")
    return values


def _place(seed, districts, report) -> Place:
    place = Place.objects.filter(slug=seed["slug"]).first()
    if place is not None:
        return place
    fields = {
        key: value
        for key, value in seed.items()
        if key not in ("street", "postcode", "city", "district", "latitude", "longitude")
    }
    place = Place(**fields, **_located(seed, districts))
    _live(place)
    place.save()
    report.add("place", place.name)
    return place


def _association(seed, districts, places, report) -> Association:
    association = Association.objects.filter(slug=seed["slug"]).first()
    if association is not None:
        return association
    skip = ("street", "postcode", "city", "district", "latitude", "longitude", "places")
    fields = {key: value for key, value in seed.items() if key not in skip}
    association = Association(**fields, **_located(seed, districts))
    _live(association)
    association.save()
    association.places.set([places[slug] for slug in seed.get("places", ())])
    report.add("association", association.name)
    return association


def _centres(report) -> dict[str, IntegrationCentre]:
    """The two centres of the seed come from the migration; fill in what the article says."""
    centres = {}
    for district_slug, texts in CENTRE_TEXTS.items():
        centre = IntegrationCentre.objects.filter(for_district__slug=district_slug).first()
        if centre is None:
            continue
        changed = False
        for name, value in {**texts, **CENTRE_FUNDING}.items():
            if getattr(centre, name) in (None, ""):
                setattr(centre, name, value)
                changed = True
        if changed:
            centre.save()
            report.add("integration centre", centre.name)
        centres[district_slug] = centre
    return centres


def _programme(report) -> Programme:
    programme = Programme.objects.filter(slug=PROGRAMME["slug"]).first()
    if programme is None:
        programme = Programme.objects.create(**PROGRAMME)
        report.add("programme", programme.name)
    return programme


def _offers(centres, programme, report) -> None:
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    languages = {language.code: language for language in SpokenLanguage.objects.all()}
    for district_slug, centre in centres.items():
        for seed in OFFERS:
            slug = f"{seed['key']}-{district_slug}"
            if Offer.objects.filter(slug=slug).exists():
                continue
            offer = Offer(
                slug=slug,
                kind=seed["kind"],
                title_tr=seed["title_tr"],
                title_de=seed["title_de"],
                description_tr=seed["description_tr"],
                description_de=seed["description_de"],
                schedule_tr=seed["schedule_tr"],
                schedule_de=seed["schedule_de"],
                cost_tr="Ücretsiz",
                cost_de="Kostenlos",
                free_of_charge=True,
                provider_centre=centre,
                district=centre.for_district,
                programme=programme if seed["programme"] else None,
                email=centre.email,
            )
            _live(offer)
            offer.save()
            offer.target_groups.set([groups[g] for g in seed["target_groups"] if g in groups])
            offer.languages.set([languages[c] for c in seed["languages"] if c in languages])
            report.add("offer", f"{offer.title_de} ({centre.name})")


def _events(places, associations, centres, districts, report) -> dict[str, Event]:
    events = {}
    for seed in event_seeds(places, associations, centres, districts):
        event = Event.objects.filter(slug=seed["slug"]).first()
        if event is None:
            located = seed.pop("located")
            event = Event(
                **seed,
                street=located.street,
                postcode=located.postcode,
                city=located.city,
                district=located.district,
                latitude=located.latitude,
                longitude=located.longitude,
            )
            _live(event)
            event.full_clean()
            event.save()
            report.add("event", event.title)
        events[event.slug] = event
    return events


def _link_articles(places, associations, centres, events) -> None:
    """Name the entries in the seed's articles; the latest revision gets the links too."""
    entries = {
        "places": places,
        "associations": associations,
        "integration_centres": centres,
        "events": events,
    }
    for slug, links in ARTICLE_LINKS.items():
        article = ArticlePage.objects.filter(slug=slug).first()
        if article is None:
            continue
        changed = []
        for relation, keys in links.items():
            manager = getattr(article, relation)
            present = {entry.pk for entry in manager.all()}
            wanted = [entries[relation][key] for key in keys if key in entries[relation]]
            missing = [entry for entry in wanted if entry.pk not in present]
            if missing:
                manager.add(*missing)
                changed.append(relation)
        if not changed:
            continue
        article.save(clean=False, update_fields=changed)
        revision = article.latest_revision
        if revision is not None:
            revision.content = article.serializable_data()
            revision.save(update_fields=["content"])
