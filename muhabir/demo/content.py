"""The demo site's content: the page "Muhabirce NRW" of ../shared/seed/, as data.

Texts are the seed's own, letter for letter; the structure (which passage is a
quote, a subheading, a caption) is read off the seed's layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SITE_NAME = "Muhabirce NRW"


@dataclass(frozen=True)
class SectionSeed:
    key: str
    names: dict[str, str]  # language -> name
    slugs: dict[str, str]


# In the seed's order.
SECTIONS = [
    SectionSeed(
        "magazin",
        {"tr": "Magazin & Kültür", "de": "Magazin & Kultur"},
        {"tr": "magazin-kultur", "de": "magazin-kultur"},
    ),
    SectionSeed("mekanlar", {"tr": "Mekanlar", "de": "Orte"}, {"tr": "mekanlar", "de": "orte"}),
    SectionSeed(
        "toplum", {"tr": "Toplum", "de": "Gesellschaft"}, {"tr": "toplum", "de": "gesellschaft"}
    ),
    SectionSeed(
        "bilim",
        {"tr": "Bilim & Teknik", "de": "Wissenschaft & Technik"},
        {"tr": "bilim-teknik", "de": "wissenschaft-technik"},
    ),
    SectionSeed(
        "yemek",
        {"tr": "Yemek Köşesi", "de": "Köstlichkeiten"},
        {"tr": "yemek-kosesi", "de": "koestlichkeiten"},
    ),
    SectionSeed(
        "dernekler", {"tr": "Dernekler", "de": "Vereine"}, {"tr": "dernekler", "de": "vereine"}
    ),
]


@dataclass(frozen=True)
class ImageSeed:
    key: str
    title: str
    alt: str
    caption: str
    credit: str
    colours: tuple[str, str]


@dataclass(frozen=True)
class ArticleSeed:
    language: str
    slug: str
    title: str
    date: dt.date
    section: str
    further_sections: tuple[str, ...] = ()
    teaser: str = ""
    # (block type, value) pairs; values of "quote" are dicts, of "image" ImageSeed keys.
    body: tuple = ()
    hero: str | None = None
    featured: bool = False
    tags: tuple[str, ...] = ()


IMAGES = {
    "klute": ImageSeed(
        key="klute",
        title="Staatssekretär Thorsten Klute (Platzhalter)",
        alt="Platzhalterbild für ein Foto von Staatssekretär Thorsten Klute",
        caption="Staatssekretäre Thorsen Klute",
        credit="Foto: Wilfried Meyer",
        colours=("#2f4858", "#86bbd8"),
    ),
    "hecke": ImageSeed(
        key="hecke",
        title="Staatssekretär Ludwig Hecke (Platzhalter)",
        alt="Platzhalterbild für ein Foto von Staatssekretär Ludwig Hecke",
        caption="Staatssekretär Ludwig Hecke NRW",
        credit="Foto: M. Hermenau",
        colours=("#33658a", "#f6ae2d"),
    ),
}

SIGNAL_BODY = (
    (
        "paragraph",
        "In den Kreisen Borken und Steinfurt nahmen am 28. und 29. Juni 2016 gleich zwei "
        "neue Kommunale Integrationszentren ihre Arbeit auf.",
    ),
    (
        "paragraph",
        "Zur Eröffnung des 51. Zentrums in Borken würdigte der Staatssekretär im Ministerium "
        "für Schule und Weiterbildung, Ludwig Hecke, den beispielhaften Einsatz aller "
        "Beteiligten.",
    ),
    (
        "quote",
        {
            "text": "„Die Neueröffnung sendet ein starkes Signal, dass wir uns in "
            "Nordrhein-Westfalen um die nachhaltige Integration von zugewanderten Menschen "
            "in ihrem unmittelbaren Lebensumfeld in den Kommunen und Kreisen kümmern. Durch "
            "die Kommunalen Integrationszentren hat die Landesregierung der "
            "jahrzehntelangen, guten Integrationsarbeit in Nordrhein-Westfalen noch einmal "
            "einen kräftigen Schub verliehen.“",
            "speaker": "Ludwig Hecke",
            "role": "Staatssekretär im Ministerium für Schule und Weiterbildung",
        },
    ),
    ("subheading", "Ein starkes Signal für Integration"),
    (
        "paragraph",
        "Mit der Eröffnung des 52. Kommunalen Integrationszentrums im Kreis Steinfurt durch "
        "den Staatssekretär für Integration im Ministerium für Arbeit, Integration und "
        "Soziales, Thorsten Klute, bietet Nordrhein-Westfalen eine nahezu flächendeckende "
        "Struktur zur Koordination kommunaler Integrationsarbeit in den Kreisen und "
        "kreisfreien Städten, die bundesweit herausragend ist. „Mit der Integration ist es ein "
        "bisschen wie beim Fußball – entscheidend ist, was auf dem Platz passiert. Und auf dem "
        "Platz bedeutet in diesem Fall, dass das entscheidend ist, was wir in den Städten und "
        "Kommunen an Integration leisten. Es ist wichtig, dass wir uns gemeinsam um gelingende "
        "Integrationsprozesse kümmern. Mit den Kommunalen Integrationszentren haben wir dazu "
        "einen starken Verbund geschaffen“, so der Integrationsstaatsekretär anlässlich der "
        "Eröffnung.",
    ),
    ("image", "hecke"),
    ("subheading", "Die Kommunalen Integrationszentren übernehmen mehr Aufgaben"),
    (
        "paragraph",
        "Die Kommunalen Integrationszentren und deren landesweite Koordinierungsstelle sind "
        "ein wesentlicher Bestandteil des 2012 vom nordrhein-westfälischen Landtag "
        "verabschiedeten Teilhabe- und Integrationsgesetzes. Sie haben sich zu einem "
        "bundesweit beachteten Erfolgsmodell entwickelt. Ihre zentrale Aufgabe besteht in der "
        "Bündelung und Koordination der vielfältigen Angebote und Programme zur Integration "
        "zugewanderter Menschen in den Kommunen. In enger Zusammenarbeit mit schulischen und "
        "außerschulischen Partnern entwickeln sie darüber hinaus seit Jahren erfolgreich "
        "Konzepte zu Bildungs- und Förderangeboten sowie zur Fortbildung von pädagogischen "
        "Fachkräften. Zusätzlich bieten die Zentren unter anderem Beratung und "
        "Orientierungshilfe für junge Zugewanderte und für deren Eltern sowie die "
        "Qualifikation ehrenamtlicher Helferinnen und Helfer. Gerade bei der Integration "
        "Geflüchteter übernehmen die Kommunalen Integrationszentren zunehmend mehr Aufgaben. "
        "Aktuell werden im Rahmen von KOMM-AN Ehrenamtliche in der Flüchtlingshilfe "
        "unterstützt. Hierfür stehen Maßnahmemittel in Höhe von 7,05 Millionen Euro zur "
        "Verfügung.",
    ),
    (
        "paragraph",
        "Das Integrationsministerium finanziert in jedem Zentrum mit 170.000 Euro 3,5 "
        "Personalstellen. Aus dem Etat des Ministeriums für Schule und Weiterbildung werden "
        "jeweils zusätzlich zwei Lehrerstellen für insgesamt rund 100.000 Euro zur Verfügung "
        "gestellt.",
    ),
)


def _turkish_story(slug, title, date, section, teaser, further=(), tags=()) -> ArticleSeed:
    # The seed shows only the start of each Turkish story: that start is the
    # article's text, and the seed's teaser (cut with "...") is kept as it stands.
    return ArticleSeed(
        language="tr",
        slug=slug,
        title=title,
        date=date,
        section=section,
        further_sections=further,
        teaser=teaser,
        body=(("paragraph", teaser.removesuffix("...")),),
        tags=tags,
    )


ARTICLES = [
    ArticleSeed(
        language="de",
        slug="ein-starkes-signal-fuer-integration",
        title="Ein starkes Signal für Integration",
        # The seed gives no date; the article reports the openings of 28 and 29 June 2016.
        date=dt.date(2016, 6, 29),
        section="toplum",
        body=SIGNAL_BODY,
        hero="klute",
        featured=True,
        tags=("Kommunale Integrationszentren", "KOMM-AN", "Borken", "Steinfurt"),
    ),
    _turkish_story(
        "yildiz-kenter-son-yolculuguna-ugurlandi",
        "Yıldız Kenter son yolculuğuna uğurlandı",
        dt.date(2019, 11, 19),
        "magazin",
        "İstanbul'da tedavi gördüğü hastanede pazar günü hayatını kaybeden Yıldız Kenter bugün "
        "son yolculuğuna uğurlandı. Kenter için ilk tören Kenter Tiyatrosu’nda düzenlendi. "
        "Kenter'in cenazesi tören için...",
        further=("toplum",),
        tags=("Yıldız Kenter", "Tiyatro"),
    ),
    _turkish_story(
        "cay-bahcesinde-caylar-semaverden",
        "Çay bahçesinde çaylar semaverden",
        dt.date(2019, 6, 15),
        "mekanlar",
        "Duisburg'un Hamborn semtindeki İltis Park'ta hizmet veren çay bahçesi, semaver çayı ve "
        "nargile servisiyle vatandaşların yoğun ilgisiyle karşılaşıyor. Duisburg'un Hamborn ile "
        "Neumühl semtleri arasında...",
        tags=("Duisburg",),
    ),
    _turkish_story(
        "yapay-kalp-cerrahi-dr-dilek-gursoya-alman-tip-odulu-verildi",
        "Yapay kalp cerrahı Dr. Dilek Gürsoy’a Alman Tıp Ödülü verildi",
        dt.date(2019, 11, 19),
        "bilim",
        "Yapay kalp cerrahı Dr. Dilek Gürsoy, Almanya'nın Düsseldorf kentinde düzenlenen "
        "törenle Alman Tıp Ödülü'nü aldı. Düsseldorf Kongre Merkezi'ndeki törende \"German "
        'Medical Award 2019" ödülüne layık...',
        tags=("Dilek Gürsoy", "Düsseldorf"),
    ),
    _turkish_story(
        "ozellikle-cocuklar-dogru-ekmekle-dogru-sekilde-beslenmeli",
        "Özellikle çocuklar doğru ekmekle doğru şekilde beslenmeli",
        dt.date(2019, 2, 22),
        "yemek",
        "Ankara'da 12 yıldır ekmek sektöründe bulunan Mine Ataman (40), Anadolu'da ekmeklerin "
        'ekşi maya ve uzun fermantasyonlarla yapıldığını söyleyerek, "Ekşi maya ve uzun '
        "fermantasyonla ekmek yaptığımızda...",
        tags=("Ekmek",),
    ),
    _turkish_story(
        "zonguldaklilar-gocun-59-yili-anisina-gece-duzenledi",
        "Zonguldaklılar, göçün 59. yılı anısına gece düzenledi",
        dt.date(2019, 11, 16),
        "dernekler",
        "Almanya'nın Gelsenkirchen kentinde faaliyet gösteren Avrupa Zonguldaklılar Derneği "
        "Marl şehrinde Gurbette 59. Yıl adı altında bir etkinlik düzenledi. Armoni Palace Marl "
        "Salonu'nda yoğun bir...",
        tags=("Gelsenkirchen", "Marl"),
    ),
]


@dataclass(frozen=True)
class StandardPageSeed:
    key: str
    titles: dict[str, str]
    slugs: dict[str, str]
    bodies: dict[str, str] = field(default_factory=dict)


STANDARD_PAGES = [
    StandardPageSeed(
        "impressum",
        {"tr": "Künye", "de": "Impressum"},
        {"tr": "kunye", "de": "impressum"},
        {
            "tr": "<p>Bu bir demo sitesidir. Yayıncının adı, adresi ve iletişim bilgileri "
            "yönetim panelinden girilir.</p>",
            "de": "<p>Dies ist eine Demo-Website. Name, Anschrift und Kontakt der "
            "Herausgeberin werden in der Verwaltung eingetragen.</p>",
        },
    ),
    StandardPageSeed(
        "datenschutz",
        {"tr": "Gizlilik", "de": "Datenschutz"},
        {"tr": "gizlilik", "de": "datenschutz"},
        {
            "tr": "<p>Bu site izleme yapmaz, reklam göstermez ve başka sunuculardan içerik "
            "yüklemez.</p><p>Yalnızca siz yazı boyutu (-A +A) veya yüksek kontrast "
            "düğmelerini kullandığınızda, seçiminizi hatırlamak için tarayıcınıza "
            "'muhabir_text_size' ve 'muhabir_contrast' adlı iki küçük "
            "çerez yazılır. Bunlar başka hiçbir amaçla kullanılmaz.</p>",
            "de": "<p>Diese Website verfolgt niemanden, zeigt keine Werbung und lädt keine "
            "Inhalte von anderen Servern.</p><p>Nur wenn Sie die Schriftgröße (-A +A) oder den "
            "hohen Kontrast einstellen, merkt sich Ihr Browser die Wahl in zwei kleinen Cookies, "
            "'muhabir_text_size' und 'muhabir_contrast'. Sie dienen "
            "keinem anderen Zweck.</p>",
        },
    ),
]
