"""The demo site's directory as the seed tells it: places, associations, centres, offers, events.

What the seed tells is kept as it tells it: the tea garden in Duisburg's İltis Park, the
Avrupa Zonguldaklılar Derneği of Gelsenkirchen and its evening "Gurbette 59. Yıl" in Marl,
the integration centres of Borken and Steinfurt, KOMM-AN and the offers the lead article
lists. The further entries are made up so that lists, the calendar and "near me" have
something to show; their events are dated relative to the day the demo is built, and one
repeats every week without end, so the calendar is never empty.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from muhabir.directory.models import EVENT_TIME_ZONE, Offer, Place

DIRECTORY_PAGES = {
    "tr": {
        "title": "Rehber",
        "slug": "rehber",
        "intro": "<p>Kuzey Ren-Vestfalya'da buluşma mekânları, dernekler, komünal entegrasyon "
        "merkezleri, hizmetler ve etkinlikler.</p>",
    },
    "de": {
        "title": "Verzeichnis",
        "slug": "verzeichnis",
        "intro": "<p>Treffpunkte, Vereine, Kommunale Integrationszentren, Angebote und "
        "Veranstaltungen in Nordrhein-Westfalen.</p>",
    },
}

PLACES = [
    {
        "slug": "iltis-park-cay-bahcesi",
        "name": "İltis Park Çay Bahçesi",
        "category": Place.Category.TEA_GARDEN,
        "city": "Duisburg",
        "district": "duisburg",
        "latitude": 51.4935,
        "longitude": 6.7716,
        "description_tr": "Duisburg'un Hamborn ile Neumühl semtleri arasındaki İltis Park'ta "
        "hizmet veren çay bahçesi. Semaverde demlenen çayı ve nargile servisiyle "
        "vatandaşların yoğun ilgisini görüyor.",
        "description_de": "Teegarten im İltis-Park zwischen den Duisburger Stadtteilen Hamborn "
        "und Neumühl. Tee aus dem Samowar und Wasserpfeifen ziehen viele Gäste an.",
    },
    {
        "slug": "armoni-palace-marl",
        "name": "Armoni Palace",
        "category": Place.Category.EVENT_HALL,
        "city": "Marl",
        "district": "recklinghausen",
        "latitude": 51.6567,
        "longitude": 7.0900,
        "description_tr": "Marl'da düğün, nişan ve dernek geceleri için kullanılan salon.",
        "description_de": "Festsaal in Marl für Hochzeiten, Verlobungen und Vereinsabende.",
    },
    {
        "slug": "keupstrasse-kultur-kahvesi",
        "name": "Kültür Kahvesi Keupstraße",
        "category": Place.Category.CAFE,
        "street": "Keupstraße",
        "postcode": "51063",
        "city": "Köln",
        "district": "koeln",
        "latitude": 50.9646,
        "longitude": 7.0126,
        "description_tr": "Köln-Mülheim'daki Keupstraße'de çay, kahve ve sohbet için bir buluşma "
        "noktası; duvarlarında semtin göç tarihinden fotoğraflar var.",
        "description_de": "Treffpunkt für Tee, Kaffee und Gespräche auf der Keupstraße in "
        "Köln-Mülheim; an den Wänden hängen Fotos aus der Einwanderungsgeschichte des Viertels.",
        "opening_hours_tr": "Her gün 9.00–22.00",
        "opening_hours_de": "Täglich 9–22 Uhr",
    },
    {
        "slug": "rheinpark-koeln",
        "name": "Rheinpark",
        "category": Place.Category.PARK,
        "city": "Köln",
        "district": "koeln",
        "latitude": 50.9470,
        "longitude": 6.9780,
        "description_tr": "Köln-Deutz'ta Ren kıyısında büyük park; yazın aileler için "
        "piknik ve şenlik alanı.",
        "description_de": "Großer Park am Rheinufer in Köln-Deutz; im Sommer Treffpunkt für "
        "Familien, Picknicks und Feste.",
    },
    {
        "slug": "anadolu-kultur-evi-dortmund",
        "name": "Anadolu Kültür Evi",
        "category": Place.Category.CULTURAL_CENTRE,
        "street": "Münsterstraße",
        "postcode": "44145",
        "city": "Dortmund",
        "district": "dortmund",
        "latitude": 51.5246,
        "longitude": 7.4603,
        "description_tr": "Dortmund Nordstadt'ta dil kursları, müzik ve söyleşiler için kültür "
        "merkezi.",
        "description_de": "Kulturzentrum in der Dortmunder Nordstadt mit Sprachkursen, Musik "
        "und Gesprächsabenden.",
        "opening_hours_tr": "Pazartesi–Cuma 14.00–21.00, Cumartesi 10.00–18.00",
        "opening_hours_de": "Montag bis Freitag 14–21 Uhr, Samstag 10–18 Uhr",
    },
    {
        "slug": "bosporus-lokantasi-bonn",
        "name": "Boğaziçi Lokantası",
        "category": Place.Category.RESTAURANT,
        "city": "Bonn",
        "district": "bonn",
        "latitude": 50.7381,
        "longitude": 7.0985,
        "description_tr": "Bonn'un merkezinde ev yemekleri ve mezeler sunan küçük bir lokanta.",
        "description_de": "Kleines Restaurant in der Bonner Innenstadt mit Hausmannskost und Meze.",
        "opening_hours_tr": "Salı–Pazar 11.30–22.00",
        "opening_hours_de": "Dienstag bis Sonntag 11:30–22 Uhr",
    },
]

ASSOCIATIONS = [
    {
        "slug": "avrupa-zonguldaklilar-dernegi",
        "name": "Avrupa Zonguldaklılar Derneği",
        "city": "Gelsenkirchen",
        "district": "gelsenkirchen",
        "latitude": 51.5078,
        "longitude": 7.0957,
        "description_tr": "Gelsenkirchen'de faaliyet gösteren, Zonguldak'tan Almanya'ya gelenleri "
        "ve ailelerini bir araya getiren dernek. 2019'da göçün 59. yılı anısına Marl'da "
        "„Gurbette 59. Yıl” gecesini düzenledi.",
        "description_de": "Verein in Gelsenkirchen, der Menschen aus Zonguldak und ihre Familien "
        "in Deutschland zusammenbringt. 2019 lud er zum 59. Jahrestag der Einwanderung zum "
        "Abend „Gurbette 59. Yıl“ (59 Jahre in der Fremde) nach Marl ein.",
        "places": ["armoni-palace-marl"],
    },
    {
        "slug": "turk-alman-veliler-birligi-dortmund",
        "name": "Türk-Alman Veliler Birliği Dortmund",
        "founded": 1998,
        "city": "Dortmund",
        "district": "dortmund",
        "latitude": 51.5246,
        "longitude": 7.4603,
        "description_tr": "Okul çağındaki çocukların ebeveynlerine Almanya'daki eğitim sistemi "
        "hakkında bilgi veren ve veli toplantılarına eşlik eden gönüllü birlik.",
        "description_de": "Ehrenamtlicher Elternverein, der Familien das deutsche Schulsystem "
        "erklärt und Eltern zu Elterngesprächen begleitet.",
        "email": "info@veliler-dortmund.example",
        "places": ["anadolu-kultur-evi-dortmund"],
    },
    {
        "slug": "koln-kadin-dayanisma-dernegi",
        "name": "Köln Kadın Dayanışma Derneği",
        "founded": 2004,
        "city": "Köln",
        "district": "koeln",
        "latitude": 50.9646,
        "longitude": 7.0126,
        "description_tr": "Kadınlara danışmanlık, Almanca konuşma grupları ve kültür etkinlikleri "
        "sunan dernek.",
        "description_de": "Verein, der Frauen berät und Deutsch-Gesprächsgruppen sowie "
        "Kulturveranstaltungen anbietet.",
        "places": ["keupstrasse-kultur-kahvesi"],
    },
    {
        "slug": "bonn-genclik-ve-spor-kulubu",
        "name": "Bonn Gençlik ve Spor Kulübü",
        "founded": 1987,
        "city": "Bonn",
        "district": "bonn",
        "latitude": 50.7353,
        "longitude": 7.1022,
        "description_tr": "Gençler için futbol, masa tenisi ve ödev yardımı sunan kulüp.",
        "description_de": "Verein mit Fußball, Tischtennis und Hausaufgabenhilfe für Jugendliche.",
    },
]

CENTRE_TEXTS = {
    "borken": {
        "description_tr": "Borken bölgesinin (Kreis Borken) komünal entegrasyon merkezi, 28 "
        "Haziran 2016'da Kuzey Ren-Vestfalya'nın 51. merkezi olarak çalışmaya başladı. Bölgedeki "
        "göçmenlere yönelik uyum hizmetlerini ve programlarını bir araya getirip koordine "
        "ediyor; genç göçmenlere ve ebeveynlerine danışmanlık ve yönlendirme sunuyor, gönüllüleri "
        "eğitiyor ve okullarla birlikte eğitimciler için hizmet içi eğitimler geliştiriyor.",
        "description_de": "Das Kommunale Integrationszentrum Kreis Borken nahm am 28. Juni 2016 "
        "als 51. Zentrum in Nordrhein-Westfalen seine Arbeit auf. Es bündelt und koordiniert "
        "die Angebote und Programme zur Integration zugewanderter Menschen im Kreis, bietet "
        "Beratung und Orientierungshilfe für junge Zugewanderte und ihre Eltern, qualifiziert "
        "ehrenamtliche Helferinnen und Helfer und entwickelt mit Schulen Fortbildungen für "
        "pädagogische Fachkräfte.",
    },
    "steinfurt": {
        "description_tr": "Steinfurt bölgesinin (Kreis Steinfurt) komünal entegrasyon merkezi, "
        "29 Haziran 2016'da Kuzey Ren-Vestfalya'nın 52. merkezi olarak açıldı; böylece eyalette "
        "neredeyse her bölgeyi kapsayan bir entegrasyon ağı oluştu. Merkez, genç göçmenlere ve "
        "ebeveynlerine danışmanlık veriyor, KOMM-AN kapsamında mülteci yardımındaki gönüllüleri "
        "destekliyor ve eğitimciler için hizmet içi eğitimler düzenliyor.",
        "description_de": "Das Kommunale Integrationszentrum Kreis Steinfurt wurde am 29. Juni "
        "2016 als 52. Zentrum eröffnet; damit hat Nordrhein-Westfalen eine nahezu "
        "flächendeckende Struktur zur Koordination kommunaler Integrationsarbeit. Das Zentrum "
        "berät junge Zugewanderte und ihre Eltern, unterstützt im Rahmen von KOMM-AN "
        "Ehrenamtliche in der Flüchtlingshilfe und bietet Fortbildungen für pädagogische "
        "Fachkräfte an.",
    },
}

# What the lead article says every centre gets from the state.
CENTRE_FUNDING = {
    "staff_posts": Decimal("3.5"),
    "funding_eur": Decimal("170000"),
    "teacher_posts": Decimal("2"),
    "teacher_funding_eur": Decimal("100000"),
}

PROGRAMME = {
    "slug": "komm-an-nrw",
    "name": "KOMM-AN NRW",
    "description_tr": "Kuzey Ren-Vestfalya eyaletinin, mülteci yardımında görev alan "
    "gönüllüleri destekleyen programı. Komünal entegrasyon merkezleri tarafından yerel "
    "düzeyde yürütülüyor; önlemler için 7,05 milyon euro ayrıldı.",
    "description_de": "Landesprogramm Nordrhein-Westfalens, mit dem Ehrenamtliche in der "
    "Flüchtlingshilfe unterstützt werden; die Kommunalen Integrationszentren setzen es vor "
    "Ort um. Dafür stehen Maßnahmemittel in Höhe von 7,05 Millionen Euro zur Verfügung.",
    "budget_eur": Decimal("7050000"),
    "budget_period": "2016",
    "funder": "Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen",
}

# The offers the lead article lists, given by each of the two centres.
OFFERS = [
    {
        "key": "danismanlik",
        "kind": Offer.Kind.COUNSELLING,
        "title_tr": "Genç göçmenler ve ebeveynleri için danışmanlık ve yönlendirme",
        "title_de": "Beratung und Orientierung für junge Zugewanderte und ihre Eltern",
        "description_tr": "Okul, meslek eğitimi ve gündelik hayatla ilgili sorularda genç "
        "göçmenlere ve ebeveynlerine kişisel danışmanlık; doğru kurumlara yönlendirme.",
        "description_de": "Persönliche Beratung junger Zugewanderter und ihrer Eltern zu "
        "Schule, Ausbildung und Alltag; Vermittlung an die passenden Stellen.",
        "target_groups": ["young-immigrants", "parents"],
        "languages": ["de", "tr", "ar", "en"],
        "schedule_tr": "Randevu ile",
        "schedule_de": "Nach Vereinbarung",
        "programme": False,
    },
    {
        "key": "gonullu-egitimi",
        "kind": Offer.Kind.VOLUNTEER_QUALIFICATION,
        "title_tr": "Mülteci yardımında gönüllüler için eğitim (KOMM-AN)",
        "title_de": "Qualifizierung für Ehrenamtliche in der Flüchtlingshilfe (KOMM-AN)",
        "description_tr": "Mültecilere gönüllü olarak yardım edenler için hukuk, iletişim ve "
        "kurumlar hakkında eğitim modülleri; KOMM-AN programı kapsamında.",
        "description_de": "Schulungen für ehrenamtliche Helferinnen und Helfer zu "
        "Rechtsfragen, Kommunikation und Anlaufstellen; im Rahmen von KOMM-AN.",
        "target_groups": ["volunteers"],
        "languages": ["de"],
        "schedule_tr": "Dönemlik modüller, akşamları ve cumartesi günleri",
        "schedule_de": "Module im Halbjahr, abends und samstags",
        "programme": True,
    },
    {
        "key": "ogretmen-egitimi",
        "kind": Offer.Kind.TEACHER_TRAINING,
        "title_tr": "Öğretmenler ve eğitimciler için hizmet içi eğitim",
        "title_de": "Fortbildung für Lehrkräfte und pädagogische Fachkräfte",
        "description_tr": "Okullar ve okul dışı kurumlarla birlikte geliştirilen, çok dilli "
        "sınıflarda öğretim ve yeni gelen öğrencilerin desteklenmesi üzerine eğitimler.",
        "description_de": "Mit schulischen und außerschulischen Partnern entwickelte "
        "Fortbildungen zum Unterricht in mehrsprachigen Klassen und zur Förderung "
        "neu zugewanderter Schülerinnen und Schüler.",
        "target_groups": ["teachers"],
        "languages": ["de"],
        "schedule_tr": "Okul yılı boyunca, duyuruya göre",
        "schedule_de": "Im Schuljahr nach Ankündigung",
        "programme": False,
    },
]

# The seed's articles and the entries they name.
ARTICLE_LINKS = {
    "cay-bahcesinde-caylar-semaverden": {"places": ["iltis-park-cay-bahcesi"]},
    "zonguldaklilar-gocun-59-yili-anisina-gece-duzenledi": {
        "associations": ["avrupa-zonguldaklilar-dernegi"],
        "events": ["gurbette-59-yil"],
        "places": ["armoni-palace-marl"],
    },
    "ein-starkes-signal-fuer-integration": {"integration_centres": ["borken", "steinfurt"]},
}


def _berlin(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=EVENT_TIME_ZONE)


def _weekday_after(day: dt.date, weekday: int, weeks: int = 0) -> dt.date:
    """The first ``weekday`` (0 = Monday) after ``day``, ``weeks`` weeks later."""
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1, weeks=weeks)


def event_seeds(places, associations, centres, districts) -> list[dict]:
    """The events, dated relative to today; ``centres`` missing from the database are left out."""
    today = timezone.localdate(timezone=EVENT_TIME_ZONE)
    borken = centres.get("borken")
    steinfurt = centres.get("steinfurt")
    festival_day = _weekday_after(today, 5, weeks=3)
    seeds = [
        {
            "slug": "gurbette-59-yil",
            "title_tr": "Gurbette 59. Yıl",
            "title_de": "Gurbette 59. Yıl – 59 Jahre in der Fremde",
            "description_tr": "Avrupa Zonguldaklılar Derneği, Zonguldak'tan Almanya'ya göçün "
            "59. yılı anısına Marl'daki Armoni Palace salonunda bir gece düzenledi.",
            "description_de": "Die Avrupa Zonguldaklılar Derneği erinnerte mit einem Abend im "
            "Festsaal Armoni Palace in Marl an 59 Jahre Einwanderung aus Zonguldak.",
            "start": _berlin(dt.date(2019, 11, 16), 19),
            "end": _berlin(dt.date(2019, 11, 16), 23, 30),
            "place": places["armoni-palace-marl"],
            "organiser_association": associations["avrupa-zonguldaklilar-dernegi"],
            "located": places["armoni-palace-marl"],
        },
        {
            "slug": "dil-kafesi-turkce-almanca",
            "title_tr": "Dil kafesi: Türkçe–Almanca sohbet",
            "title_de": "Sprachcafé Türkisch–Deutsch",
            "description_tr": "Her perşembe akşamı çay eşliğinde Türkçe ve Almanca sohbet; "
            "her seviyeden katılımcıya açık.",
            "description_de": "Jeden Donnerstagabend Gespräche auf Türkisch und Deutsch bei "
            "einem Glas Tee; offen für alle Sprachniveaus.",
            "start": _berlin(_weekday_after(today, 3, weeks=-2), 18),
            "end": _berlin(_weekday_after(today, 3, weeks=-2), 20),
            "rrule": "FREQ=WEEKLY;BYDAY=TH",
            "place": places["anadolu-kultur-evi-dortmund"],
            "organiser_association": associations["turk-alman-veliler-birligi-dortmund"],
            "price_tr": "Ücretsiz",
            "price_de": "Eintritt frei",
            "located": places["anadolu-kultur-evi-dortmund"],
        },
        {
            "slug": "rheinpark-kultur-senligi",
            "title_tr": "Rheinpark'ta kültür şenliği",
            "title_de": "Kulturfest im Rheinpark",
            "description_tr": "İki gün boyunca müzik, halk dansları, çocuk etkinlikleri ve "
            "yemek standları.",
            "description_de": "Zwei Tage Musik, Volkstänze, Kinderprogramm und Essensstände.",
            "start": _berlin(festival_day, 0),
            "end": _berlin(festival_day + dt.timedelta(days=1), 0),
            "all_day": True,
            "place": places["rheinpark-koeln"],
            "organiser_association": associations["koln-kadin-dayanisma-dernegi"],
            "price_tr": "Giriş ücretsiz",
            "price_de": "Eintritt frei",
            "located": places["rheinpark-koeln"],
        },
        {
            "slug": "gelsenkirchen-zonguldak-aksami",
            "title_tr": "Zonguldak akşamı",
            "title_de": "Zonguldak-Abend",
            "description_tr": "Derneğin üyeleri ve misafirleri için müzikli, yemekli buluşma.",
            "description_de": "Treffen mit Musik und Essen für Mitglieder und Gäste des Vereins.",
            "start": _berlin(_weekday_after(today, 5, weeks=5), 19),
            "end": _berlin(_weekday_after(today, 5, weeks=5), 23),
            "organiser_association": associations["avrupa-zonguldaklilar-dernegi"],
            "venue_name": "Vereinsheim",
            "located": associations["avrupa-zonguldaklilar-dernegi"],
            "price_tr": "15 €",
            "price_de": "15 €",
        },
    ]
    if borken is not None:
        day = today + dt.timedelta(days=10)
        seeds.append(
            {
                "slug": "borken-veli-bilgilendirme-aksami",
                "title_tr": "Veliler için bilgilendirme akşamı",
                "title_de": "Informationsabend für Eltern",
                "description_tr": "Yeni gelen ailelere okul sistemi ve danışmanlık olanakları "
                "tanıtılıyor. Etkinlik iptal edildi; yeni tarih duyurulacak.",
                "description_de": "Neu zugewanderte Familien erfahren, wie das Schulsystem "
                "funktioniert und wo sie Beratung finden. Abgesagt; ein neuer Termin folgt.",
                "start": _berlin(day, 18, 30),
                "end": _berlin(day, 20, 30),
                "cancelled": True,
                "organiser_centre": borken,
                "venue_name": "Kreishaus Borken",
                "located": borken,
            }
        )
    if steinfurt is not None:
        day = _weekday_after(today, 5, weeks=2)
        seeds.append(
            {
                "slug": "steinfurt-gonullu-egitim-gunu",
                "title_tr": "Gönüllüler için eğitim günü (KOMM-AN)",
                "title_de": "Schulungstag für Ehrenamtliche (KOMM-AN)",
                "description_tr": "Mülteci yardımında gönüllü olanlar için iletişim, hukuk ve "
                "kurumlar üzerine bir günlük eğitim.",
                "description_de": "Ein Tag zu Kommunikation, Rechtsfragen und Anlaufstellen "
                "für Ehrenamtliche in der Flüchtlingshilfe.",
                "start": _berlin(day, 10),
                "end": _berlin(day, 16),
                "organiser_centre": steinfurt,
                "venue_name": "Kommunales Integrationszentrum Kreis Steinfurt",
                "price_tr": "Ücretsiz, kayıt gerekli",
                "price_de": "Kostenlos, Anmeldung erforderlich",
                "located": steinfurt,
            }
        )
    return seeds
