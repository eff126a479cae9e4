"""The 53 districts of NRW with one integration centre each, target groups and languages.

The data is a frozen copy of ``muhabir.directory.data.nrw`` as it was when this migration
was written, so later edits to that module do not change what this migration does.
Existing rows are kept: a district, group or language already there is left as it is,
and a district that already has a centre keeps it.
"""

import datetime as dt

from django.db import migrations
from django.utils import timezone

from muhabir.core import text

DISTRICTS = [
    ("Borken", "borken", "kreis", "Borken", 51.8439, 6.8574),
    ("Coesfeld", "coesfeld", "kreis", "Coesfeld", 51.9459, 7.1677),
    ("Düren", "dueren", "kreis", "Düren", 50.8036, 6.4826),
    ("Ennepe-Ruhr-Kreis", "ennepe-ruhr-kreis", "kreis", "Schwelm", 51.2865, 7.2939),
    ("Euskirchen", "euskirchen", "kreis", "Euskirchen", 50.6608, 6.7872),
    ("Gütersloh", "guetersloh", "kreis", "Gütersloh", 51.9066, 8.3787),
    ("Heinsberg", "heinsberg", "kreis", "Heinsberg", 51.0633, 6.0981),
    ("Herford", "herford", "kreis", "Herford", 52.1146, 8.6734),
    ("Hochsauerlandkreis", "hochsauerlandkreis", "kreis", "Meschede", 51.3494, 8.2838),
    ("Höxter", "hoexter", "kreis", "Höxter", 51.7747, 9.3813),
    ("Kleve", "kleve", "kreis", "Kleve", 51.7886, 6.1386),
    ("Lippe", "lippe", "kreis", "Detmold", 51.9377, 8.8791),
    ("Märkischer Kreis", "maerkischer-kreis", "kreis", "Lüdenscheid", 51.2193, 7.6322),
    ("Mettmann", "mettmann", "kreis", "Mettmann", 51.2504, 6.9766),
    ("Minden-Lübbecke", "minden-luebbecke", "kreis", "Minden", 52.2887, 8.9167),
    ("Oberbergischer Kreis", "oberbergischer-kreis", "kreis", "Gummersbach", 51.0266, 7.5647),
    ("Olpe", "olpe", "kreis", "Olpe", 51.0289, 7.8515),
    ("Paderborn", "paderborn", "kreis", "Paderborn", 51.7189, 8.7544),
    ("Recklinghausen", "recklinghausen", "kreis", "Recklinghausen", 51.6141, 7.1979),
    ("Rhein-Erft-Kreis", "rhein-erft-kreis", "kreis", "Bergheim", 50.955, 6.6397),
    ("Rhein-Kreis Neuss", "rhein-kreis-neuss", "kreis", "Neuss", 51.198, 6.69),
    ("Rhein-Sieg-Kreis", "rhein-sieg-kreis", "kreis", "Siegburg", 50.7989, 7.2074),
    (
        "Rheinisch-Bergischer Kreis",
        "rheinisch-bergischer-kreis",
        "kreis",
        "Bergisch Gladbach",
        50.9864,
        7.1318,
    ),
    ("Siegen-Wittgenstein", "siegen-wittgenstein", "kreis", "Siegen", 50.8748, 8.0243),
    ("Soest", "soest", "kreis", "Soest", 51.5711, 8.1061),
    ("Steinfurt", "steinfurt", "kreis", "Steinfurt", 52.1483, 7.338),
    ("Unna", "unna", "kreis", "Unna", 51.5348, 7.6892),
    ("Viersen", "viersen", "kreis", "Viersen", 51.255, 6.3944),
    ("Warendorf", "warendorf", "kreis", "Warendorf", 51.9539, 7.9912),
    ("Wesel", "wesel", "kreis", "Wesel", 51.6589, 6.6178),
    ("StädteRegion Aachen", "staedteregion-aachen", "kreis", "Aachen", 50.7756, 6.0836),
    ("Bielefeld", "bielefeld", "city", "Bielefeld", 52.0211, 8.5325),
    ("Bochum", "bochum", "city", "Bochum", 51.4818, 7.2162),
    ("Bonn", "bonn", "city", "Bonn", 50.7353, 7.1022),
    ("Bottrop", "bottrop", "city", "Bottrop", 51.5225, 6.9291),
    ("Dortmund", "dortmund", "city", "Dortmund", 51.5136, 7.4653),
    ("Duisburg", "duisburg", "city", "Duisburg", 51.4344, 6.7623),
    ("Düsseldorf", "duesseldorf", "city", "Düsseldorf", 51.2262, 6.7717),
    ("Essen", "essen", "city", "Essen", 51.4556, 7.0116),
    ("Gelsenkirchen", "gelsenkirchen", "city", "Gelsenkirchen", 51.5078, 7.0957),
    ("Hagen", "hagen", "city", "Hagen", 51.3594, 7.4747),
    ("Hamm", "hamm", "city", "Hamm", 51.6806, 7.815),
    ("Herne", "herne", "city", "Herne", 51.5381, 7.2199),
    ("Köln", "koeln", "city", "Köln", 50.9384, 6.9592),
    ("Krefeld", "krefeld", "city", "Krefeld", 51.3329, 6.5646),
    ("Leverkusen", "leverkusen", "city", "Leverkusen", 51.0316, 6.9866),
    ("Mönchengladbach", "moenchengladbach", "city", "Mönchengladbach", 51.1929, 6.4338),
    ("Mülheim an der Ruhr", "muelheim-an-der-ruhr", "city", "Mülheim an der Ruhr", 51.4275, 6.8828),
    ("Münster", "muenster", "city", "Münster", 51.9621, 7.628),
    ("Oberhausen", "oberhausen", "city", "Oberhausen", 51.4713, 6.8525),
    ("Remscheid", "remscheid", "city", "Remscheid", 51.179, 7.1934),
    ("Solingen", "solingen", "city", "Solingen", 51.1714, 7.0845),
    ("Wuppertal", "wuppertal", "city", "Wuppertal", 51.2562, 7.1508),
]

CENTRE_OPENINGS = [("borken", "2016-06-28", 51), ("steinfurt", "2016-06-29", 52)]

TARGET_GROUPS = [
    ("young-immigrants", "genç göçmenler", "junge Zugewanderte"),
    ("parents", "ebeveynler", "Eltern"),
    ("volunteers", "gönüllüler", "Ehrenamtliche"),
    ("teachers", "öğretmenler", "Lehrkräfte"),
    ("children", "çocuklar", "Kinder"),
    ("youth", "gençler", "Jugendliche"),
    ("women", "kadınlar", "Frauen"),
    ("seniors", "yaşlılar", "Seniorinnen und Senioren"),
    ("refugees", "mülteciler", "Geflüchtete"),
    ("families", "aileler", "Familien"),
    ("everyone", "herkes", "alle"),
]

SPOKEN_LANGUAGES = [
    "tr",
    "de",
    "en",
    "ar",
    "ku",
    "fa",
    "ru",
    "pl",
    "ro",
    "bg",
    "uk",
    "fr",
    "it",
    "el",
    "sq",
    "bs",
    "hr",
    "sr",
]

LANGUAGES = ("tr", "de")


def centre_name(name, kind):
    if kind == "city":
        return f"Kommunales Integrationszentrum Stadt {name}"
    if "kreis" in name.lower() or name.startswith("StädteRegion"):
        return f"Kommunales Integrationszentrum {name}"
    return f"Kommunales Integrationszentrum Kreis {name}"


def search_text(*values):
    # The same folded words DirectoryEntry.save() stores, so the centres are found by
    # the directory's text search before anyone edits them.
    from muhabir.core.text_analysis import document_terms

    terms = []
    for value in values:
        for language in LANGUAGES:
            terms.extend(document_terms(value, language))
    return " " + " ".join(dict.fromkeys(terms)) + " "


def unique_slug(model, base):
    candidate, number = base, 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def forwards(apps, schema_editor):
    District = apps.get_model("directory", "District")
    IntegrationCentre = apps.get_model("directory", "IntegrationCentre")
    TargetGroup = apps.get_model("directory", "TargetGroup")
    SpokenLanguage = apps.get_model("directory", "SpokenLanguage")

    openings = {
        slug: (dt.date.fromisoformat(day), ordinal) for slug, day, ordinal in CENTRE_OPENINGS
    }
    now = timezone.now()
    for name, slug, kind, seat, latitude, longitude in DISTRICTS:
        district, _created = District.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "seat": seat,
                "latitude": latitude,
                "longitude": longitude,
            },
        )
        opened_on, ordinal = openings.get(slug, (None, None))
        if (
            ordinal is not None
            and IntegrationCentre.objects.filter(ordinal=ordinal)
            .exclude(for_district=district)
            .exists()
        ):
            ordinal = None
        centre = IntegrationCentre.objects.filter(for_district=district).first()
        if centre is None:
            title = centre_name(district.name, district.kind)
            IntegrationCentre.objects.create(
                name=title,
                slug=unique_slug(IntegrationCentre, text.slug(title, "tr")[:100]),
                for_district=district,
                opened_on=opened_on,
                ordinal=ordinal,
                city=district.seat,
                district=district,
                latitude=district.latitude,
                longitude=district.longitude,
                live=True,
                first_published_at=now,
                last_published_at=now,
                search_text=search_text(title, district.seat),
            )
            continue
        changed = []
        if centre.opened_on is None and opened_on is not None:
            centre.opened_on = opened_on
            changed.append("opened_on")
        if centre.ordinal is None and ordinal is not None:
            centre.ordinal = ordinal
            changed.append("ordinal")
        if changed:
            centre.save(update_fields=changed)

    for slug, name_tr, name_de in TARGET_GROUPS:
        TargetGroup.objects.get_or_create(
            slug=slug, defaults={"name_tr": name_tr, "name_de": name_de}
        )
    for code in SPOKEN_LANGUAGES:
        SpokenLanguage.objects.get_or_create(code=code)


def backwards(apps, schema_editor):
    # Deleting a centre deletes its offers with it (Offer.provider_centre cascades).
    District = apps.get_model("directory", "District")
    IntegrationCentre = apps.get_model("directory", "IntegrationCentre")
    TargetGroup = apps.get_model("directory", "TargetGroup")
    SpokenLanguage = apps.get_model("directory", "SpokenLanguage")

    slugs = [row[1] for row in DISTRICTS]
    IntegrationCentre.objects.filter(for_district__slug__in=slugs).delete()
    District.objects.filter(slug__in=slugs).delete()
    TargetGroup.objects.filter(slug__in=[row[0] for row in TARGET_GROUPS]).delete()
    SpokenLanguage.objects.filter(code__in=SPOKEN_LANGUAGES).delete()


class Migration(migrations.Migration):
    # After the articles can name centres, so that undoing this migration also removes
    # those links instead of leaving them pointing at deleted centres.
    dependencies = [
        ("directory", "0001_initial"),
        ("newsroom", "0009_articlepage_associations_articlepage_events_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
