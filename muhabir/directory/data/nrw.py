"""The 53 districts of North Rhine-Westphalia and the lists offers are described with.

A district is a Kreis (31, counting the StädteRegion Aachen) or a kreisfreie Stadt (22).
Coordinates are those of the seat's town centre (market square, town hall or cathedral),
in decimal degrees (WGS 84), four places (about ten metres).
"""

from __future__ import annotations

from typing import NamedTuple


class DistrictSeed(NamedTuple):
    name: str
    slug: str
    kind: str  # "kreis" | "city"
    seat: str
    latitude: float
    longitude: float


KREISE = [
    DistrictSeed("Borken", "borken", "kreis", "Borken", 51.8439, 6.8574),
    DistrictSeed("Coesfeld", "coesfeld", "kreis", "Coesfeld", 51.9459, 7.1677),
    DistrictSeed("Düren", "dueren", "kreis", "Düren", 50.8036, 6.4826),
    DistrictSeed("Ennepe-Ruhr-Kreis", "ennepe-ruhr-kreis", "kreis", "Schwelm", 51.2865, 7.2939),
    DistrictSeed("Euskirchen", "euskirchen", "kreis", "Euskirchen", 50.6608, 6.7872),
    DistrictSeed("Gütersloh", "guetersloh", "kreis", "Gütersloh", 51.9066, 8.3787),
    DistrictSeed("Heinsberg", "heinsberg", "kreis", "Heinsberg", 51.0633, 6.0981),
    DistrictSeed("Herford", "herford", "kreis", "Herford", 52.1146, 8.6734),
    DistrictSeed("Hochsauerlandkreis", "hochsauerlandkreis", "kreis", "Meschede", 51.3494, 8.2838),
    DistrictSeed("Höxter", "hoexter", "kreis", "Höxter", 51.7747, 9.3813),
    DistrictSeed("Kleve", "kleve", "kreis", "Kleve", 51.7886, 6.1386),
    DistrictSeed("Lippe", "lippe", "kreis", "Detmold", 51.9377, 8.8791),
    DistrictSeed("Märkischer Kreis", "maerkischer-kreis", "kreis", "Lüdenscheid", 51.2193, 7.6322),
    DistrictSeed("Mettmann", "mettmann", "kreis", "Mettmann", 51.2504, 6.9766),
    DistrictSeed("Minden-Lübbecke", "minden-luebbecke", "kreis", "Minden", 52.2887, 8.9167),
    DistrictSeed(
        "Oberbergischer Kreis", "oberbergischer-kreis", "kreis", "Gummersbach", 51.0266, 7.5647
    ),
    DistrictSeed("Olpe", "olpe", "kreis", "Olpe", 51.0289, 7.8515),
    DistrictSeed("Paderborn", "paderborn", "kreis", "Paderborn", 51.7189, 8.7544),
    DistrictSeed("Recklinghausen", "recklinghausen", "kreis", "Recklinghausen", 51.6141, 7.1979),
    DistrictSeed("Rhein-Erft-Kreis", "rhein-erft-kreis", "kreis", "Bergheim", 50.9550, 6.6397),
    DistrictSeed("Rhein-Kreis Neuss", "rhein-kreis-neuss", "kreis", "Neuss", 51.1980, 6.6900),
    DistrictSeed("Rhein-Sieg-Kreis", "rhein-sieg-kreis", "kreis", "Siegburg", 50.7989, 7.2074),
    DistrictSeed(
        "Rheinisch-Bergischer Kreis",
        "rheinisch-bergischer-kreis",
        "kreis",
        "Bergisch Gladbach",
        50.9864,
        7.1318,
    ),
    DistrictSeed("Siegen-Wittgenstein", "siegen-wittgenstein", "kreis", "Siegen", 50.8748, 8.0243),
    DistrictSeed("Soest", "soest", "kreis", "Soest", 51.5711, 8.1061),
    DistrictSeed("Steinfurt", "steinfurt", "kreis", "Steinfurt", 52.1483, 7.3380),
    DistrictSeed("Unna", "unna", "kreis", "Unna", 51.5348, 7.6892),
    DistrictSeed("Viersen", "viersen", "kreis", "Viersen", 51.2550, 6.3944),
    DistrictSeed("Warendorf", "warendorf", "kreis", "Warendorf", 51.9539, 7.9912),
    DistrictSeed("Wesel", "wesel", "kreis", "Wesel", 51.6589, 6.6178),
    DistrictSeed("StädteRegion Aachen", "staedteregion-aachen", "kreis", "Aachen", 50.7756, 6.0836),
]

KREISFREIE_STAEDTE = [
    DistrictSeed("Bielefeld", "bielefeld", "city", "Bielefeld", 52.0211, 8.5325),
    DistrictSeed("Bochum", "bochum", "city", "Bochum", 51.4818, 7.2162),
    DistrictSeed("Bonn", "bonn", "city", "Bonn", 50.7353, 7.1022),
    DistrictSeed("Bottrop", "bottrop", "city", "Bottrop", 51.5225, 6.9291),
    DistrictSeed("Dortmund", "dortmund", "city", "Dortmund", 51.5136, 7.4653),
    DistrictSeed("Duisburg", "duisburg", "city", "Duisburg", 51.4344, 6.7623),
    DistrictSeed("Düsseldorf", "duesseldorf", "city", "Düsseldorf", 51.2262, 6.7717),
    DistrictSeed("Essen", "essen", "city", "Essen", 51.4556, 7.0116),
    DistrictSeed("Gelsenkirchen", "gelsenkirchen", "city", "Gelsenkirchen", 51.5078, 7.0957),
    DistrictSeed("Hagen", "hagen", "city", "Hagen", 51.3594, 7.4747),
    DistrictSeed("Hamm", "hamm", "city", "Hamm", 51.6806, 7.8150),
    DistrictSeed("Herne", "herne", "city", "Herne", 51.5381, 7.2199),
    DistrictSeed("Köln", "koeln", "city", "Köln", 50.9384, 6.9592),
    DistrictSeed("Krefeld", "krefeld", "city", "Krefeld", 51.3329, 6.5646),
    DistrictSeed("Leverkusen", "leverkusen", "city", "Leverkusen", 51.0316, 6.9866),
    DistrictSeed("Mönchengladbach", "moenchengladbach", "city", "Mönchengladbach", 51.1929, 6.4338),
    DistrictSeed(
        "Mülheim an der Ruhr",
        "muelheim-an-der-ruhr",
        "city",
        "Mülheim an der Ruhr",
        51.4275,
        6.8828,
    ),
    DistrictSeed("Münster", "muenster", "city", "Münster", 51.9621, 7.6280),
    DistrictSeed("Oberhausen", "oberhausen", "city", "Oberhausen", 51.4713, 6.8525),
    DistrictSeed("Remscheid", "remscheid", "city", "Remscheid", 51.1790, 7.1934),
    DistrictSeed("Solingen", "solingen", "city", "Solingen", 51.1714, 7.0845),
    DistrictSeed("Wuppertal", "wuppertal", "city", "Wuppertal", 51.2562, 7.1508),
]

DISTRICTS = KREISE + KREISFREIE_STAEDTE

# (district slug, opened on (ISO date), ordinal) where the record is known.
CENTRE_OPENINGS = [
    ("borken", "2016-06-28", 51),
    ("steinfurt", "2016-06-29", 52),
]

# slug, Turkish name, German name.
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

# ISO 639-1 codes; the names come from the Unicode CLDR in the reader's language.
SPOKEN_LANGUAGES = [
    "tr", "de", "en", "ar", "ku", "fa", "ru", "pl", "ro",
    "bg", "uk", "fr", "it", "el", "sq", "bs", "hr", "sr",
]  # fmt: skip


def centre_name(district: DistrictSeed) -> str:
    """ "Kommunales Integrationszentrum Kreis Borken", "… Stadt Köln", "… StädteRegion Aachen"."""
    if district.kind == "city":
        return f"Kommunales Integrationszentrum Stadt {district.name}"
    if "kreis" in district.name.lower() or district.name.startswith("StädteRegion"):
        return f"Kommunales Integrationszentrum {district.name}"
    return f"Kommunales Integrationszentrum Kreis {district.name}"
