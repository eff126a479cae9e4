"""A fixed bilingual corpus for measuring search, written for these tests.

Short community news from North Rhine-Westphalia in Turkish and German, next to the
seed's own six stories (loaded by the demo loader, keys ``seed:<slug>``). Several stories
share names, towns and topics on purpose, so a query has to find the right one among
look-alikes. ``QUERIES`` lists what readers type and which articles each must find.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CorpusArticle:
    key: str
    language: str
    section: str  # a section key of muhabir.demo.content.SECTIONS
    date: str
    title: str
    body: str
    translation_of: str | None = None


A = CorpusArticle

ARTICLES = [
    # -- Turkish ---------------------------------------------------------------------------
    A("tr-kultur-festivali", "tr", "magazin", "2023-09-10",
      "Köln'de Türk kültür festivali başladı",
      "Köln'ün Ehrenfeld semtinde üç gün sürecek Türk kültür festivali cuma akşamı açıldı. "
      "Festivalde halk dansları, ebru sanatı ve Karadeniz müziği sunuluyor. Düzenleyiciler "
      "bu yıl yirmi binden fazla ziyaretçi bekliyor."),
    A("tr-kultur-merkezi", "tr", "mekanlar", "2022-04-02",
      "Bochum'daki kültür merkezi yeniden açıldı",
      "İki yıl süren tadilatın ardından Bochum-Wattenscheid'daki kültür merkezi kapılarını "
      "yeniden açtı. Merkezde saz kursları, kütüphane ve çay ocağı bulunuyor. Açılışa "
      "belediye başkanı da katıldı."),
    A("tr-gursoy-konferans", "tr", "bilim", "2021-03-18",
      "Dr. Dilek Gürsoy öğrencilerle buluştu",
      "Yapay kalp cerrahı Dr. Dilek Gürsoy, Neuss'taki bir lisede öğrencilere kalp "
      "nakli ve tıp eğitimi üzerine konuştu. Gürsoy'un hayat hikâyesi özellikle kız "
      "öğrencileri etkiledi."),
    A("tr-duisburg-cami", "tr", "toplum", "2020-10-29",
      "Duisburg'da camiler kapılarını açtı",
      "Duisburg'un Marxloh semtindeki Merkez Camii, Açık Cami Günü'nde yüzlerce "
      "ziyaretçiyi ağırladı. Ziyaretçilere çay ve simit ikram edildi, rehberler caminin "
      "tarihini anlattı."),
    A("tr-duisburg-pazar", "tr", "yemek", "2019-05-11",
      "Duisburg Hochfeld pazarında taze ürün bolluğu",
      "Hochfeld'deki haftalık pazarda bu hafta kiraz, taze fasulye ve köy peyniri öne "
      "çıktı. Esnaf, fiyatların geçen yıla göre biraz düştüğünü söylüyor."),
    A("tr-istanbul-konser", "tr", "magazin", "2024-02-14",
      "İstanbul Devlet Senfoni Orkestrası Essen'de",
      "İstanbul Devlet Senfoni Orkestrası, Essen Filarmoni salonunda tek bir konser verdi. "
      "Programda Cemal Reşit Rey ve Ahmed Adnan Saygun'un eserleri vardı. Salon tamamen "
      "doldu."),
    A("tr-istanbul-fotograf", "tr", "magazin", "2018-11-23",
      "Eski İstanbul fotoğrafları Dortmund'da sergileniyor",
      "Ara Güler'in İstanbul'dan kareleri Dortmund Dietrich-Keuning-Haus'ta sergileniyor. "
      "Sergi, şehrin 1950'li ve 1960'lı yıllarını siyah beyaz fotoğraflarla anlatıyor."),
    A("tr-kenter-oyun", "tr", "magazin", "2020-01-25",
      "Kenter'in ünlü oyunu Gelsenkirchen'de sahnelendi",
      "Yıldız Kenter'in yıllarca oynadığı bir oyun, amatör tiyatro topluluğu tarafından "
      "Gelsenkirchen'de sahnelendi. Oyuncular gösteriyi Kenter'in anısına adadı."),
    A("tr-ekmek-firini", "tr", "yemek", "2021-07-07",
      "Dortmund'da taş fırın ekmekleri kuyruk oluşturuyor",
      "Nordstadt'taki küçük fırının taş fırında pişen ekmekleri sabahın erken saatlerinde "
      "tükeniyor. Fırıncı Hasan Yılmaz, ekşi mayayı her gün kendisi hazırladığını söylüyor."),
    A("tr-simit", "tr", "yemek", "2022-12-03",
      "Gelsenkirchen'de simitçi dükkânı açıldı",
      "Gelsenkirchen-Horst'ta açılan simitçi, susamlı simit ve poğaçalarıyla ilgi görüyor. "
      "Dükkân sahibi Ayşe Doğan, tarifleri annesinden öğrendiğini anlatıyor."),
    A("tr-cocuk-kitap", "tr", "toplum", "2023-04-23",
      "23 Nisan'da çocuklara iki dilli kitap hediye edildi",
      "Ulusal Egemenlik ve Çocuk Bayramı'nda Hamm'daki dernek, çocuklara Türkçe ve "
      "Almanca iki dilli kitaplar dağıttı. Çocuklar şiirler okudu ve halk oyunları "
      "oynadı."),
    A("tr-cocuk-yuzme", "tr", "toplum", "2024-06-30",
      "Çocuklar için ücretsiz yüzme kursu",
      "Wuppertal'daki spor kulübü yaz tatilinde çocuklara ücretsiz yüzme kursu veriyor. "
      "Kayıtlar kulübün internet sayfasından yapılabiliyor."),
    A("tr-zonguldak-piknik", "tr", "dernekler", "2022-07-17",
      "Zonguldaklılar Derneği yaz pikniğinde buluştu",
      "Avrupa Zonguldaklılar Derneği üyeleri Marl'daki parkta geleneksel yaz pikniğinde bir "
      "araya geldi. Piknikte madenci türküleri söylendi, mangal yakıldı."),
    A("tr-dernek-genel-kurul", "tr", "dernekler", "2023-03-05",
      "Türk Veliler Derneği yeni başkanını seçti",
      "Essen'deki Türk Veliler Derneği'nin genel kurulunda Fatma Şahin başkanlığa seçildi. "
      "Şahin, derneğin ödev yardımı ve veli seminerlerini genişleteceğini açıkladı."),
    A("tr-dernek-cenaze-fonu", "tr", "dernekler", "2019-09-14",
      "Derneklerin cenaze fonuna ilgi artıyor",
      "Ruhr bölgesindeki birçok dernek, üyelerinin cenazesinin Türkiye'ye nakli için "
      "dayanışma fonu kuruyor. Fon aidatları yılda otuz ile elli avro arasında."),
    A("tr-cay-bahcesi-marl", "tr", "mekanlar", "2021-06-19",
      "Marl'da yeni çay bahçesi sezonu açtı",
      "Marl'ın Hüls semtindeki göl kenarında bulunan çay bahçesi, ince belli bardakta çay "
      "ve gözlemeyle misafirlerini bekliyor. Bahçe ekim ayına kadar her gün açık."),
    A("tr-dugun-salonu", "tr", "mekanlar", "2020-08-08",
      "Düğün salonları yeniden randevu veriyor",
      "Salgın kısıtlamalarının gevşemesiyle Duisburg ve Oberhausen'deki düğün salonları "
      "yeniden randevu almaya başladı. Salon işletmecileri hijyen kurallarına uyulacağını "
      "belirtiyor."),
    A("tr-ogrenci-burs", "tr", "toplum", "2022-10-01",
      "Üniversite öğrencilerine burs desteği",
      "Bielefeld'deki bir vakıf, ilk kuşak üniversite öğrencilerine aylık burs veriyor. "
      "Başvurular kasım sonuna kadar yapılabilir; öğrencilerin not ortalaması aranmıyor."),
    A("tr-ogretmen-kurs", "tr", "toplum", "2024-01-20",
      "Türkçe öğretmenleri için hizmet içi eğitim",
      "Düsseldorf'ta anadili Türkçe dersi veren öğretmenler için iki günlük hizmet içi "
      "eğitim düzenlendi. Eğitimde dijital ders materyalleri tanıtıldı."),
    A("tr-saglik-gunu", "tr", "bilim", "2023-11-11",
      "Gelsenkirchen'de şeker hastalığı bilgilendirme günü",
      "Dünya Diyabet Günü dolayısıyla Gelsenkirchen'de Türkçe bilgilendirme günü yapıldı. "
      "Doktorlar şeker hastalığında beslenme ve hareketin önemini anlattı."),
    A("tr-robot-yarisma", "tr", "bilim", "2024-05-04",
      "Lise öğrencileri robot yarışmasında birinci oldu",
      "Hagen'deki bir lisenin robot takımı, eyalet çapındaki yarışmada birinci oldu. Takım "
      "kaptanı Elif Çelik, robotun çöpleri ayırabildiğini anlattı."),
    A("tr-uzay-konferans", "tr", "bilim", "2019-03-30",
      "Türk asıllı astrofizikçi Bochum'da konuştu",
      "Astrofizikçi Prof. Dr. Canan Işık, Bochum Gözlemevi'nde kara delikler üzerine halka "
      "açık bir konferans verdi. Işık'ın konuşmasını iki yüz kişi dinledi."),
    A("tr-goc-sergisi", "tr", "toplum", "2021-10-30",
      "Göçün 60. yılında Köln'de sergi",
      "Almanya ile Türkiye arasındaki işgücü anlaşmasının 60. yılında Köln'de bir sergi "
      "açıldı. Sergide ilk kuşak göçmenlerin bavulları, mektupları ve fotoğrafları yer "
      "alıyor."),
    A("tr-goc-anilari", "tr", "toplum", "2019-10-26",
      "İlk kuşak göçmenler anılarını anlattı",
      "Dortmund'daki söyleşide 1960'larda Almanya'ya gelen işçiler, madendeki ilk günlerini "
      "ve yurt özlemini anlattı. Gençler göç hikâyelerini not aldı."),
    A("tr-iftar", "tr", "dernekler", "2023-04-08",
      "Mahalle iftarında komşular bir araya geldi",
      "Wuppertal-Elberfeld'deki dernek, ramazan ayında farklı inançlardan komşuları ortak "
      "iftar sofrasında buluşturdu. Sofrada mercimek çorbası ve güllaç vardı."),
    A("tr-ki-danisma", "tr", "toplum", "2022-02-12",
      "Kommunales Integrationszentrum Türkçe danışmanlık veriyor",
      "Recklinghausen Kommunales Integrationszentrum, yeni gelen ailelere okul ve anaokulu "
      "kaydı konusunda Türkçe danışmanlık sunuyor. Danışmanlık ücretsiz ve randevuyla."),
    A("tr-komm-an", "tr", "dernekler", "2018-06-16",
      "KOMM-AN programıyla gönüllülere eğitim",
      "KOMM-AN programı kapsamında Herne'deki dernekler gönüllü eğitimi düzenledi. "
      "Gönüllüler mültecilere resmî dairelerde nasıl yardımcı olacaklarını öğrendi."),
    A("tr-futbol", "tr", "toplum", "2023-08-26",
      "Amatör futbol kulübü şampiyonluğu kutladı",
      "Duisburg'daki Türk amatör futbol kulübü, Kreisliga A şampiyonluğunu taraftarlarıyla "
      "kutladı. Kulüp başkanı altyapıya yatırım yapacaklarını söyledi."),
    A("tr-baklava", "tr", "yemek", "2024-04-10",
      "Bayram öncesi baklava siparişleri rekor kırdı",
      "Essen ve Bottrop'taki tatlıcılar, bayram öncesinde baklava siparişlerinin rekor "
      "kırdığını bildirdi. Fıstıklı baklavanın kilosu kırk avroyu buldu."),
    A("tr-ispanak", "tr", "yemek", "2020-03-14",
      "Ispanaklı börek tarifi: Ayşe Teyze'nin mutfağından",
      "Bu haftaki tarifimiz ıspanaklı kol böreği. Yufkayı ıspanak, soğan ve beyaz peynirle "
      "doldurup fırında kızartıyoruz. Börek sıcak servis edilir."),
    A("tr-igdir-dernegi", "tr", "dernekler", "2021-11-27",
      "Iğdırlılar Derneği kültür gecesi düzenledi",
      "Iğdırlılar Derneği, Bielefeld'de düzenlediği kültür gecesinde yöresel yemekler ve "
      "halk müziğiyle misafirlerini ağırladı. Gecenin geliri öğrenci burslarına "
      "aktarılacak."),
    A("tr-kadin-kahvalti", "tr", "dernekler", "2022-03-08",
      "Kadınlar Günü'nde dayanışma kahvaltısı",
      "Dünya Kadınlar Günü'nde Hamm'daki kadın derneği dayanışma kahvaltısı düzenledi. "
      "Kahvaltıda kadınların iş hayatına katılımı konuşuldu."),
    # -- German ----------------------------------------------------------------------------
    A("de-kulturfestival", "de", "magazin", "2023-09-10",
      "Türkisches Kulturfestival in Köln eröffnet",
      "Im Kölner Stadtteil Ehrenfeld hat am Freitagabend das dreitägige türkische "
      "Kulturfestival begonnen. Zu sehen sind Volkstänze, Ebru-Kunst und Musik von der "
      "Schwarzmeerküste.", translation_of="tr-kultur-festivali"),
    A("de-kulturzentrum", "de", "mekanlar", "2022-04-02",
      "Kulturzentrum in Bochum wiedereröffnet",
      "Nach zwei Jahren Umbau hat das Kulturzentrum in Bochum-Wattenscheid wieder geöffnet. "
      "Es bietet Saz-Kurse, eine Bibliothek und eine Teestube.",
      translation_of="tr-kultur-merkezi"),
    A("de-guersoy-schule", "de", "bilim", "2021-03-18",
      "Herzchirurgin Dilek Gürsoy besucht Neusser Gymnasium",
      "Die Kunstherz-Chirurgin Dr. Dilek Gürsoy sprach mit Schülerinnen und Schülern über "
      "Herztransplantationen und das Medizinstudium. Besonders die Schülerinnen waren von "
      "ihrem Lebensweg beeindruckt.", translation_of="tr-gursoy-konferans"),
    A("de-integrationszentrum-essen", "de", "toplum", "2022-09-15",
      "Kommunales Integrationszentrum Essen zieht in neue Räume",
      "Das Kommunale Integrationszentrum der Stadt Essen ist in die Innenstadt umgezogen. "
      "Die Beratung für neu zugewanderte Familien findet jetzt in der Kettwiger Straße statt."),
    A("de-integrationszentren-bilanz", "de", "toplum", "2024-03-21",
      "Landesweite Bilanz der Integrationszentren",
      "Die Landesweite Koordinierungsstelle hat ihre Jahresbilanz vorgelegt: Die 54 "
      "Integrationszentren in Nordrhein-Westfalen haben mehr als 40.000 Beratungen "
      "durchgeführt."),
    A("de-sprachkurs", "de", "toplum", "2023-01-16",
      "Neue Sprachkurse für Eltern in Gelsenkirchen",
      "Die Volkshochschule Gelsenkirchen bietet ab Februar Deutschkurse für Mütter und "
      "Väter an, während die Kinder betreut werden. Die Kurse sind kostenlos."),
    A("de-elterncafe", "de", "dernekler", "2021-05-08",
      "Elterncafé im Vereinsheim startet wieder",
      "Der Deutsch-Türkische Elternverein in Hamm öffnet sein Elterncafé wieder jeden "
      "Donnerstag. Eltern tauschen sich dort über Schule und Ausbildung aus."),
    A("de-verein-jubilaeum", "de", "dernekler", "2019-08-31",
      "Türkischer Arbeiterverein feiert 50-jähriges Jubiläum",
      "Der älteste türkische Arbeiterverein in Dortmund feierte sein fünfzigjähriges "
      "Bestehen. Gründungsmitglieder erinnerten an die ersten Jahre im Bergbau."),
    A("de-vereinsvorstand", "de", "dernekler", "2023-03-05",
      "Türkischer Elternverein wählt neue Vorsitzende",
      "Der Türkische Elternverein Essen hat Fatma Şahin zur Vorsitzenden gewählt. Sie will "
      "Hausaufgabenhilfe und Elternseminare ausbauen.",
      translation_of="tr-dernek-genel-kurul"),
    A("de-strassenfest", "de", "magazin", "2022-08-20",
      "Straßenfest auf der Keupstraße",
      "Tausende Besucherinnen und Besucher feierten am Wochenende das Straßenfest auf der "
      "Kölner Keupstraße. Die Geschäftsleute boten Spezialitäten und Livemusik."),
    A("de-fussball", "de", "toplum", "2023-08-26",
      "Türkischer Amateurverein feiert Meisterschaft",
      "Der türkische Fußballverein aus Duisburg feierte die Meisterschaft in der Kreisliga "
      "A mit seinen Fans. Der Vorsitzende kündigte Investitionen in die Jugendarbeit an.",
      translation_of="tr-futbol"),
    A("de-moschee", "de", "toplum", "2020-10-29",
      "Tag der offenen Moschee in Duisburg-Marxloh",
      "Die Merkez-Moschee in Marxloh empfing am Tag der offenen Moschee Hunderte Gäste. "
      "Führungen erklärten die Geschichte des Gebäudes.", translation_of="tr-duisburg-cami"),
    A("de-buergermeister", "de", "toplum", "2020-11-04",
      "Oberbürgermeister empfängt Migrantenorganisationen",
      "Der Oberbürgermeister von Gelsenkirchen hat Vertreterinnen und Vertreter von "
      "Migrantenorganisationen ins Rathaus eingeladen. Es ging um Ehrenamt und "
      "Vereinsförderung."),
    A("de-teestube", "de", "mekanlar", "2021-06-19",
      "Teegarten am Marler See öffnet für die Saison",
      "Der Teegarten am See in Marl-Hüls serviert wieder Tee aus tulpenförmigen Gläsern "
      "und Gözleme. Geöffnet ist täglich bis Oktober.", translation_of="tr-cay-bahcesi-marl"),
    A("de-baeckerei", "de", "yemek", "2021-07-07",
      "Lange Schlangen vor der Steinofenbäckerei",
      "Die kleine Bäckerei in der Dortmunder Nordstadt backt ihr Brot im Steinofen; am "
      "frühen Morgen ist es oft ausverkauft. Bäcker Hasan Yılmaz setzt den Sauerteig "
      "täglich selbst an.", translation_of="tr-ekmek-firini"),
    A("de-doener", "de", "yemek", "2024-07-13",
      "Dönerpreise steigen im Ruhrgebiet",
      "In vielen Imbissen zwischen Duisburg und Dortmund kostet ein Döner inzwischen mehr "
      "als sieben Euro. Die Inhaber nennen gestiegene Kosten für Fleisch und Energie."),
    A("de-baklava", "de", "yemek", "2024-04-10",
      "Rekordnachfrage nach Baklava vor dem Fest",
      "Konditoreien in Essen und Bottrop melden vor dem Zuckerfest eine Rekordnachfrage "
      "nach Baklava. Ein Kilo mit Pistazien kostet bis zu vierzig Euro.",
      translation_of="tr-baklava"),
    A("de-grosse-ausstellung", "de", "magazin", "2021-10-30",
      "Große Ausstellung zum Anwerbeabkommen in Köln",
      "Zum 60. Jahrestag des Anwerbeabkommens zwischen Deutschland und der Türkei zeigt "
      "eine Ausstellung in Köln Koffer, Briefe und Fotos der ersten Generation.",
      translation_of="tr-goc-sergisi"),
    A("de-schueler-preis", "de", "bilim", "2024-05-04",
      "Schülerteam aus Hagen gewinnt Robotikwettbewerb",
      "Das Robotikteam eines Hagener Gymnasiums hat den Landeswettbewerb gewonnen. "
      "Teamkapitänin Elif Çelik erklärte, dass der Roboter Müll trennen kann.",
      translation_of="tr-robot-yarisma"),
    A("de-muenster-uni", "de", "bilim", "2022-11-25",
      "Universität Münster erforscht Mehrsprachigkeit",
      "Ein Forschungsprojekt der Universität Münster untersucht, wie Kinder mit Türkisch "
      "und Deutsch aufwachsen. Gesucht werden Familien, die mitmachen."),
    A("de-aachen-mint", "de", "bilim", "2023-06-03",
      "MINT-Tag für Mädchen in Aachen",
      "An der RWTH Aachen konnten Mädchen aus Migrantenfamilien einen Tag lang Labore "
      "besuchen und selbst experimentieren."),
    A("de-oeffnungszeiten", "de", "mekanlar", "2020-05-16",
      "Neue Öffnungszeiten im Begegnungszentrum",
      "Das Begegnungszentrum in Wuppertal-Oberbarmen hat neue Öffnungszeiten: montags bis "
      "freitags von 10 bis 18 Uhr. Am Wochenende bleibt es geschlossen."),
    A("de-ehrenamt-schulung", "de", "dernekler", "2018-06-16",
      "Schulung für Ehrenamtliche im Programm KOMM-AN",
      "Im Rahmen von KOMM-AN haben Vereine in Herne Ehrenamtliche geschult. Sie lernten, "
      "Geflüchtete bei Behördengängen zu begleiten.", translation_of="tr-komm-an"),
    A("de-fluechtlingshilfe", "de", "dernekler", "2016-02-27",
      "Flüchtlingshilfe: Vereine suchen Dolmetscher",
      "Mehrere Vereine in Bielefeld suchen ehrenamtliche Dolmetscherinnen und Dolmetscher "
      "für Arabisch, Farsi und Türkisch. Die Flüchtlingshilfe vermittelt die Einsätze."),
    A("de-istanbul-partnerstadt", "de", "toplum", "2019-04-13",
      "Delegation aus Istanbul besucht Düsseldorf",
      "Eine Delegation der Istanbuler Stadtverwaltung hat Düsseldorf besucht. Die Gäste "
      "informierten sich über Nahverkehr und Radwege."),
    A("de-kenter-nachruf", "de", "magazin", "2019-11-20",
      "Nachruf: Yıldız Kenter, die große Dame des türkischen Theaters",
      "Die Schauspielerin Yıldız Kenter ist in Istanbul gestorben. Mit ihrem Bruder "
      "Müşfik Kenter gründete sie eines der ersten privaten Theater der Türkei."),
    A("de-zeche-museum", "de", "magazin", "2022-05-21",
      "Zechenmuseum erinnert an Bergleute aus der Türkei",
      "Ein neues Museum auf einer ehemaligen Zeche in Bergkamen erzählt die Geschichte der "
      "Bergleute aus der Türkei. Zu den Museen im Ruhrgebiet kommt damit ein weiteres."),
    A("de-ministerium-foerderung", "de", "toplum", "2023-10-12",
      "Ministerium fördert Migrantenselbstorganisationen",
      "Das Integrationsministerium unterstützt Migrantenselbstorganisationen mit zwei "
      "Millionen Euro. Anträge können Vereine bis Ende des Jahres stellen."),
    A("de-kita", "de", "toplum", "2024-09-07",
      "Zweisprachige Kita in Duisburg eröffnet",
      "In Duisburg-Hochfeld hat eine deutsch-türkische Kindertagesstätte eröffnet. Die "
      "Erzieherinnen sprechen mit den Kindern beide Sprachen."),
    A("de-chor", "de", "magazin", "2020-02-08",
      "Türkischer Chor singt mit Kirchenchor",
      "In Bochum sangen ein türkischer Musikverein und ein evangelischer Kirchenchor "
      "gemeinsam Lieder aus beiden Ländern. Das Konzert war ausverkauft."),
]  # fmt: skip


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    expected: tuple[str, ...]
    kind: str


Q = LabelledQuery

SIGNAL = "seed:ein-starkes-signal-fuer-integration"
KENTER = "seed:yildiz-kenter-son-yolculuguna-ugurlandi"
CAY = "seed:cay-bahcesinde-caylar-semaverden"
GURSOY = "seed:yapay-kalp-cerrahi-dr-dilek-gursoya-alman-tip-odulu-verildi"
EKMEK = "seed:ozellikle-cocuklar-dogru-ekmekle-dogru-sekilde-beslenmeli"
ZONGULDAK = "seed:zonguldaklilar-gocun-59-yili-anisina-gece-duzenledi"

QUERIES = [
    # Typed without Turkish or German letters.
    Q("kultur festivali", ("tr-kultur-festivali",), "keyboard"),
    Q("kultur merkezi bochum", ("tr-kultur-merkezi",), "keyboard"),
    Q("gursoy", (GURSOY, "tr-gursoy-konferans", "de-guersoy-schule"), "keyboard"),
    Q("dilek gursoy odul", (GURSOY,), "keyboard"),
    Q("cay bahcesi", (CAY, "tr-cay-bahcesi-marl"), "keyboard"),
    Q("dugun salonu", ("tr-dugun-salonu",), "keyboard"),
    Q("ogrenci bursu", ("tr-ogrenci-burs", "tr-igdir-dernegi"), "keyboard"),
    Q("ogretmenler icin egitim", ("tr-ogretmen-kurs",), "keyboard"),
    Q("seker hastaligi", ("tr-saglik-gunu",), "keyboard"),
    Q("igdirlilar", ("tr-igdir-dernegi",), "keyboard"),
    Q("ispanakli borek", ("tr-ispanak",), "keyboard"),
    Q("Strassenfest Koeln", ("de-strassenfest",), "keyboard"),
    Q("Oeffnungszeiten", ("de-oeffnungszeiten",), "keyboard"),
    Q("Oberburgermeister", ("de-buergermeister",), "keyboard"),
    Q("Fussballverein", ("de-fussball",), "keyboard"),
    Q("Baeckerei Steinofen", ("de-baeckerei",), "keyboard"),
    Q("Dusseldorf", (GURSOY, "tr-ogretmen-kurs", "de-istanbul-partnerstadt"), "keyboard"),
    Q("Munster Universitat", ("de-muenster-uni",), "keyboard"),
    Q("Doener", ("de-doener",), "keyboard"),
    # Inflected forms: the query's form differs from the text's.
    Q("ekmekler", (EKMEK, "tr-ekmek-firini"), "inflection"),
    Q("çocuk kitabı", ("tr-cocuk-kitap",), "inflection"),
    Q("derneği piknik", ("tr-zonguldak-piknik",), "inflection"),
    Q("cenaze", (KENTER, "tr-dernek-cenaze-fonu"), "inflection"),
    Q("göçmen", ("tr-goc-sergisi", "tr-goc-anilari"), "inflection"),
    Q(
        "öğrencilerle",
        ("tr-gursoy-konferans", "tr-ogrenci-burs", "tr-robot-yarisma", "tr-igdir-dernegi"),
        "inflection",
    ),
    Q(
        "Integrationszentrum",
        (SIGNAL, "de-integrationszentrum-essen", "de-integrationszentren-bilanz", "tr-ki-danisma"),
        "compound",
    ),
    Q(
        "Integrationszentren",
        (SIGNAL, "de-integrationszentrum-essen", "de-integrationszentren-bilanz", "tr-ki-danisma"),
        "compound",
    ),
    Q("Kommunale Integrationszentren Steinfurt", (SIGNAL,), "compound"),
    Q("Sprachkurs Eltern", ("de-sprachkurs",), "compound"),
    Q("Museen Bergleuten", ("de-zeche-museum",), "inflection"),
    Q("Ministerien Förderung Vereine", ("de-ministerium-foerderung",), "inflection"),
    Q("Schüler Roboter", ("de-schueler-preis",), "inflection"),
    Q("Ehrenamtlicher Schulung", ("de-ehrenamt-schulung",), "inflection"),
    Q("Städte Kommune Integration", (SIGNAL,), "inflection"),
    # Proper names with Turkish suffixes after an apostrophe, both ways.
    Q("Duisburg çay bahçesi", (CAY,), "name"),
    Q("Duisburg'da cami", ("tr-duisburg-cami",), "name"),
    Q("Kenter", (KENTER, "tr-kenter-oyun", "de-kenter-nachruf"), "name"),
    Q("Kenter'in oyunu", ("tr-kenter-oyun",), "name"),
    Q("İstanbul'dan fotoğraflar", ("tr-istanbul-fotograf",), "name"),
    Q("Gelsenkirchen'deki simitçi", ("tr-simit",), "name"),
    Q("Marl'da piknik", ("tr-zonguldak-piknik",), "name"),
    Q("Işık kara delik", ("tr-uzay-konferans",), "name"),
    Q("Köln'deki sergi göç", ("tr-goc-sergisi",), "name"),
    # Case: Turkish dotted and dotless I, capitals, German capitals.
    Q(
        "ISTANBUL",
        (
            "tr-istanbul-konser",
            "tr-istanbul-fotograf",
            "de-istanbul-partnerstadt",
            "de-kenter-nachruf",
            KENTER,
        ),
        "case",
    ),
    Q("İSTANBUL senfoni", ("tr-istanbul-konser",), "case"),
    Q("istanbul delegation", ("de-istanbul-partnerstadt",), "case"),
    Q("IĞDIR", ("tr-igdir-dernegi",), "case"),
    Q("ZONGULDAKLILAR", (ZONGULDAK, "tr-zonguldak-piknik"), "case"),
    Q("KÜLTÜR GECESİ", ("tr-igdir-dernegi",), "case"),
    Q("DÖNER IMBISS", ("de-doener",), "case"),
    # Phrases and exclusions.
    Q('"Yıldız Kenter"', (KENTER, "tr-kenter-oyun", "de-kenter-nachruf"), "phrase"),
    Q('"Kommunales Integrationszentrum"', ("tr-ki-danisma",), "phrase"),
    Q('"ein starkes Signal"', (SIGNAL,), "phrase"),
    Q(
        "dernek -Zonguldaklılar -cenaze",
        (
            "tr-dernek-genel-kurul",
            "tr-iftar",
            "tr-cocuk-kitap",
            "tr-komm-an",
            "tr-igdir-dernegi",
            "tr-kadin-kahvalti",
        ),
        "exclusion",
    ),
    Q("Baklava -Zuckerfest", ("tr-baklava",), "exclusion"),
    # Across languages: a German word finds the Turkish story about it too.
    Q("KOMM-AN", (SIGNAL, "tr-komm-an", "de-ehrenamt-schulung"), "mixed"),
    Q("Kenter Theater", ("de-kenter-nachruf",), "mixed"),
    Q("Keupstraße", ("de-strassenfest",), "keyboard"),
]
