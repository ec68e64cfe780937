"""Lookup lists for the social-domain rules.

These are general lists (organisation types, well-known organisations of the Dutch
social domain, well-known neighbourhoods, role nouns, number words). They must never
contain values copied from an evaluation set: the product is measured on stories that
we do not have, so a list only helps when it describes the domain, not a sample of it.

Dutch municipalities and residences are not repeated here: deduce ships them and
:func:`load_deduce_placenames` reads them from its package data.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

# Well-known organisations of the Dutch social domain: shelters, addiction and mental
# health care, debt help, housing corporations, national agencies. Matched as whole
# phrases, case-sensitive (they are proper names).
SOCIAL_DOMAIN_ORGANISATIONS: tuple[str, ...] = (
    # Shelter, social care and welfare
    "Leger des Heils",
    "Humanitas",
    "Kwintes",
    "Lister",
    "Exodus",
    "Kwadraad",
    "Cordaan",
    "Vluchtelingenwerk",
    "VluchtelingenWerk",
    "Schuldhulpmaatje",
    "SchuldHulpMaatje",
    "Het Kopland",
    "HVO-Querido",
    "HVO Querido",
    "De Regenboog Groep",
    "Regenboog Groep",
    "Moviera",
    "Perspektief",
    "Limor",
    "Neos",
    "Valente",
    "RIBW",
    "Kessler Stichting",
    "De Hoop",
    "MEE",
    "Sociaal Raadslieden",
    "Juridisch Loket",
    "Het Juridisch Loket",
    "Raad voor de Kinderbescherming",
    "Veilig Thuis",
    "William Schrikker",
    "Reclassering Nederland",
    "Bureau Jeugdzorg",
    "Zorgbelang",
    "Vitree",
    "Enver",
    "Pameijer",
    "Lucertis",
    "Youz",
    "Accare",
    "Levvel",
    "Timon",
    "Youké",
    "Pluryn",
    "Amarant",
    "Philadelphia",
    "'s Heeren Loo",
    "Ipse de Bruggen",
    "Welzijn Lelystad",
    "Wijkracht",
    "Welzijn Rotterdam",
    "Stichting Mens",
    "Sterk Huis",
    "Blijf Groep",
    "Kruispost",
    "Dak- en thuislozenzorg",
    "Nibud",
    "NIBUD",
    "Stichting Urgente Noden",
    "Armoedefonds",
    "Rode Kruis",
    "Het Rode Kruis",
    "Salvation Army",
    "Stichting Present",
    "Thuisgekookt",
    "Samen Sterk zonder Stigma",
    "MIND",
    "Ixta Noa",
    "Anoniem Alcoholisten",
    "113 Zelfmoordpreventie",
    "Sensoor",
    "De Luisterlijn",
    "Luisterlijn",
    "Kindertelefoon",
    "De Kindertelefoon",
    # Mental health care and addiction care
    "Parnassia",
    "Parnassia Groep",
    "Jellinek",
    "Tactus",
    "Iriszorg",
    "IrisZorg",
    "Arkin",
    "GGZ inGeest",
    "GGZ Centraal",
    "GGZ Noord-Holland-Noord",
    "GGZ Drenthe",
    "GGZ Friesland",
    "GGZ Breburg",
    "GGZ Delfland",
    "GGZ Rivierduinen",
    "GGZ Oost Brabant",
    "GGZ Westelijk Noord-Brabant",
    "GGZ Noord-Brabant",
    "GGZ Eindhoven",
    "GGZ Zuid-Limburg",
    "Mondriaan",
    "Altrecht",
    "Dimence",
    "Lentis",
    "Emergis",
    "Pro Persona",
    "Reinier van Arkel",
    "Yulius",
    "Antes",
    "Bouman GGZ",
    "Brijder",
    "Novadic-Kentron",
    "Victas",
    "Mentrum",
    "Vincent van Gogh",
    "Verslavingszorg Noord Nederland",
    "VNN",
    "Mediant",
    "Propersona",
    "Indigo",
    "Kenniscentrum Phrenos",
    "Trimbos-instituut",
    "Fivoor",
    "Inforsa",
    "De Forensische Zorgspecialisten",
    "Triora",
    "Bavo Europoort",
    "Rivierduinen",
    "Riagg",
    "RIAGG",
    "Enik Recovery College",
    "Recovery College",
    # Housing corporations
    "De Key",
    "Ymere",
    "Eigen Haard",
    "Stadgenoot",
    "Rochdale",
    "De Alliantie",
    "Vestia",
    "Havensteder",
    "Woonbron",
    "Woonstad Rotterdam",
    "Woonstad",
    "Staedion",
    "Haag Wonen",
    "HaagWonen",
    "Vidomes",
    "Mitros",
    "Portaal",
    "Bo-Ex",
    "Woonbedrijf",
    "Trudo",
    "Talis",
    "Woonwaard",
    "Wonen Limburg",
    "Lefier",
    "Elkien",
    "WoonFriesland",
    "Domesta",
    "Woonstede",
    "Vivare",
    "Volkshuisvesting Arnhem",
    "Mooiland",
    "Habion",
    "Woonzorg Nederland",
    "Com.wonen",
    "Parteon",
    "Woonstichting De Key",
    "Wooninc",
    "Woonmeander",
    "Acantus",
    "Accolade",
    "Dudok Wonen",
    "Lieven de Key",
    "Woonbedrijf ieder1",
    "Zayaz",
    "Mozaïek Wonen",
    "Woonpunt",
    "Servatius",
    "Rhiant",
    # Local and regional public bodies (national agencies identify no one and are not
    # listed: see policy.NATIONAL_AGENCIES and docs/decisions/0040).
    "Dienst Werk en Inkomen",
    "DWI",
    "Stadsbank Oost Nederland",
    "Plangroep",
    # National businesses a story may name (businesses are redacted by the policy)
    "Zilveren Kruis",
    "Menzis",
    "VGZ",
    "CZ",
    "Achmea",
    "Eneco",
    "Vattenfall",
    "Essent",
    "Ziggo",
    "KPN",
    "Vodafone",
    "Stichting Hulp bij Schulden",
    "Landelijk Informatiepunt Schulden",
    "Geldfit",
    "Humanitas Thuisadministratie",
)

# Generic nouns for businesses and local places before their name: "kapsalon Knipoog",
# "snackbar De Vork", "buurthuis De Schakel". The noun stays; the name is redacted.
BUSINESS_NOUNS: tuple[str, ...] = (
    "kapsalon", "kapper", "barbershop", "snackbar", "cafetaria", "friettent", "café",
    "cafe", "bar", "kroeg", "restaurant", "eetcafé", "lunchroom", "pizzeria", "shoarmazaak",
    "bakkerij", "bakker", "slagerij", "slager", "groenteboer", "toko", "supermarkt",
    "buurtsuper", "winkel", "kringloopwinkel", "kringloop", "tweedehandswinkel",
    "fietsenmaker", "fietsenwinkel", "garage", "autobedrijf", "tankstation", "sportschool",
    "fitnesscentrum", "sportclub", "voetbalclub", "vereniging", "buurthuis", "wijkcentrum",
    "buurtcentrum", "inloophuis", "dorpshuis", "clubhuis", "jongerencentrum", "nagelstudio",
    "schoonheidssalon", "tattooshop", "wasserette", "stomerij", "hotel", "pension",
    "camping", "kinderopvang", "kinderdagverblijf", "crèche", "peuterspeelzaal", "bso",
    "basisschool", "school", "kerk", "moskee", "tempel", "gebedshuis", "apotheek",
    "tandarts", "tandartspraktijk", "fysio", "fysiotherapeut", "praktijk", "kliniek",
    "verzorgingshuis", "verpleeghuis", "zorgboerderij", "dagbesteding", "werkplaats",
    "drukkerij", "schoonmaakbedrijf", "bouwbedrijf", "koeriersbedrijf", "distributiecentrum",
    "magazijn", "callcenter", "uitzendbureau", "makelaar", "makelaardij", "notaris",
    "advocatenkantoor", "boekhandel", "bibliotheek", "theater", "bioscoop", "zwembad",
    "manege", "dierenwinkel", "bloemenwinkel", "bloemist", "azc",
)

# Well-known towns abroad that people in the Dutch social domain come from, for texts
# that name them without a verb of living or moving ("Uit Asmara, in Eritrea.").
FOREIGN_TOWNS: tuple[str, ...] = (
    # Eritrea, Ethiopia, Sudan, Somalia
    "Asmara", "Keren", "Massawa", "Mendefera", "Barentu", "Assab", "Dekemhare", "Adi Keyh",
    "Addis Abeba", "Addis Ababa", "Gondar", "Mekele", "Dire Dawa", "Khartoum", "Kassala",
    "Mogadishu", "Mogadishu", "Hargeisa", "Kismayo", "Baidoa", "Beledweyne", "Bosaso",
    "Garowe", "Burao", "Galkayo",
    # Morocco, Algeria, Tunisia
    "Casablanca", "Rabat", "Tanger", "Tangier", "Nador", "Al Hoceima", "Al-Hoceima",
    "Oujda", "Tetouan", "Tétouan", "Fez", "Fès", "Marrakech", "Meknes", "Agadir", "Berkane",
    "Algiers", "Oran", "Tunis",
    # Turkey
    "Istanbul", "İstanbul", "Ankara", "Izmir", "İzmir", "Konya", "Kayseri", "Gaziantep",
    "Antep", "Diyarbakır", "Diyarbakir", "Adana", "Bursa", "Trabzon", "Sivas", "Yozgat",
    "Afyon", "Eskişehir", "Samsun", "Mersin", "Antalya", "Kars", "Mardin",
    # Syria, Iraq, Afghanistan, Iran, Yemen
    "Aleppo", "Damascus", "Damascus", "Homs", "Hama", "Idlib", "Latakia", "Deir ez-Zor",
    "Raqqa", "Daraa", "Qamishli", "Afrin", "Kobani", "Bagdad", "Baghdad", "Mosul", "Erbil",
    "Basra", "Kirkuk", "Kabul", "Herat", "Kandahar", "Mazar-i-Sharif", "Teheran", "Tehran",
    "Shiraz", "Isfahan", "Sanaa", "Aden",
    # Poland, Romania, Bulgaria, Ukraine
    "Warschau", "Warszawa", "Krakau", "Kraków", "Gdańsk", "Gdansk", "Wrocław", "Wroclaw",
    "Poznań", "Poznan", "Łódź", "Lodz", "Lublin", "Szczecin", "Katowice", "Białystok",
    "Rzeszów", "Boekarest", "Bucharest", "Cluj", "Iași", "Timișoara", "Constanța", "Sofia",
    "Plovdiv", "Varna", "Kiev", "Kyiv", "Charkiv", "Odessa", "Lviv", "Dnipro",
    # Suriname and the Caribbean
    "Paramaribo", "Nickerie", "Moengo", "Albina", "Lelydorp", "Wanica", "Willemstad",
    "Oranjestad", "Kralendijk", "Philipsburg",
    # Other frequent places of origin
    "Lagos", "Accra", "Kinshasa", "Luanda", "Praia", "Mindelo", "Karachi", "Lahore",
    "Islamabad", "Dhaka", "Colombo", "Jakarta", "Beiroet", "Beirut", "Amman", "Caïro",
    "Cairo", "Tripoli", "Benghazi", "Lissabon", "Porto", "Madrid", "Barcelona", "Parijs",
    "Londen", "Brussel", "Antwerpen", "Gent", "Luik", "Keulen", "Düsseldorf", "Berlijn",
    "Hamburg", "Aken",
)

# First names common among people in the Netherlands with roots in Poland, Eritrea and
# Ethiopia, Somalia, Morocco, Turkey, Suriname and Syria, which deduce's (mostly Dutch)
# list lacks. Written for this project from general knowledge of naming customs (no
# copied list, so no licence applies); used only to recognise a lower-case or unusual
# name in a context that already points at a person ("ik zei tegen ruben").
FIRST_NAMES_EXTRA: tuple[str, ...] = (
    # Polish
    "Wojciech", "Małgorzata", "Malgorzata", "Łukasz", "Lukasz", "Agnieszka", "Krzysztof",
    "Katarzyna", "Grzegorz", "Paweł", "Pawel", "Piotr", "Tomasz", "Michał", "Michal",
    "Marcin", "Mariusz", "Dariusz", "Jarosław", "Przemysław", "Bartłomiej", "Bartosz",
    "Kamil", "Jakub", "Mateusz", "Szymon", "Zbigniew", "Stanisław", "Andrzej", "Ewa",
    "Joanna", "Magdalena", "Dorota", "Beata", "Jolanta", "Urszula", "Grażyna", "Bożena",
    "Zofia", "Łucja", "Wiktoria", "Aleksandra", "Karolina", "Justyna", "Izabela",
    "Sylwia", "Marzena", "Renata", "Halina", "Wiesław", "Zdzisław", "Henryk",
    # Eritrean and Ethiopian
    "Senait", "Habtom", "Yonas", "Yohannes", "Selam", "Tesfay", "Tesfaye", "Mebrat",
    "Berhane", "Luwam", "Filmon", "Robel", "Samson", "Dawit", "Biniam", "Semhar",
    "Saba", "Helen", "Yordanos", "Mussie", "Mehari", "Kidane", "Ghirmay", "Tekle",
    "Haile", "Abraham", "Merhawi", "Aman", "Ermias", "Eden", "Hiwet", "Letay",
    "Mulugeta", "Awet", "Natnael", "Simon", "Yemane", "Tsega", "Feven", "Ruta",
    "Abrehet", "Aster", "Elsa", "Mesfin", "Negash", "Goitom", "Zerai", "Ghebre",
    # Somali
    "Abdirahman", "Abdikarim", "Abdullahi", "Abdi", "Hodan", "Faadumo", "Fadumo", "Ayaan",
    "Sahra", "Warsame", "Idil", "Hawa", "Halima", "Asha", "Ifrah", "Nimco", "Hamdi",
    "Ubah", "Muna", "Sagal", "Deeqa", "Fartun", "Ilhan", "Mohamud", "Mahamed", "Abdiaziz",
    "Abdiwali", "Abdinasir", "Yusuf", "Guled", "Liban", "Jama", "Farah", "Omar", "Nasra",
    "Khadra", "Shukri", "Samatar", "Hassan", "Ismail", "Bashir",
    # Moroccan and other Maghreb
    "Youssef", "Yousef", "Khadija", "Nordin", "Noureddine", "Samira", "Hamza", "Zineb",
    "Mustapha", "Mustafa", "Naima", "Mohammed", "Mohamed", "Mohamed", "Ahmed", "Rachid",
    "Rachida", "Karim", "Khalid", "Said", "Saïd", "Brahim", "Driss", "Abdelkader",
    "Abdelhak", "Mourad", "Redouan", "Redouane", "Soufiane", "Ilias", "Ilyas", "Anouar",
    "Bilal", "Mehdi", "Yassine", "Ayoub", "Imane", "Fatima", "Fatma", "Malika", "Latifa",
    "Loubna", "Hanane", "Houda", "Nadia", "Salma", "Soumaya", "Hafsa", "Ikram", "Meryem",
    "Najat", "Fouad", "Hicham", "Jamal", "Aziz", "Hakim", "Abdel", "Nabil",
    # Turkish
    "Emre", "Ayşe", "Ayse", "Mehmet", "Elif", "Burak", "Zeynep", "Oğuz", "Oguz", "Hatice",
    "Mustafa", "Hüseyin", "Huseyin", "Hasan", "İbrahim", "Ibrahim", "Murat", "Ömer",
    "Omer", "Yusuf", "Ali", "Ahmet", "Kemal", "Serkan", "Volkan", "Onur", "Cem", "Can",
    "Kaan", "Tolga", "Selin", "Esra", "Büşra", "Busra", "Merve", "Emine", "Fadime",
    "Sevgi", "Gül", "Gülsen", "Derya", "Dilek", "Özlem", "Ozlem", "Songül", "Sibel",
    "Tuba", "Yasemin", "Yıldız", "Nurcan", "Hülya", "Cansu", "Ebru", "Kübra", "Berk",
    "Eren", "Furkan", "Gökhan", "Halil", "İsmail", "Recep", "Süleyman", "Ufuk",
    # Surinamese (Creole, Hindustani, Javanese)
    "Sharon", "Rishi", "Romano", "Chandra", "Glenn", "Priya", "Djamila", "Ravi",
    "Anil", "Sunil", "Ramesh", "Rajesh", "Sanjay", "Shanti", "Sita", "Radha", "Kavita",
    "Sunita", "Anita", "Ashwin", "Navin", "Vishal", "Dinesh", "Soekarno", "Soenita",
    "Wiedjaja", "Sariman", "Mariska", "Rodney", "Rinaldo", "Clarence", "Ginger",
    "Shirley", "Cynthia", "Marlon", "Dwight", "Earl", "Roy", "Xaviera", "Jermaine",
    "Quincy", "Dennis", "Natasja", "Chantal", "Jurgen", "Kenneth", "Ricardo", "Roshni",
    # Syrian and other Arabic
    "Rami", "Lina", "Bashar", "Nour", "Fadi", "Rasha", "Yazan", "Hiba", "Ammar", "Amer",
    "Anas", "Bassel", "Firas", "Ghassan", "Hani", "Issa", "Jihad", "Kinan", "Majd",
    "Maher", "Nizar", "Omar", "Qusai", "Samer", "Tarek", "Wael", "Yamen", "Zaid", "Ziad",
    "Alaa", "Aya", "Dana", "Farah", "Ghada", "Hala", "Heba", "Joud", "Lama", "Layla",
    "Leila", "Maya", "Nada", "Noor", "Raghad", "Rana", "Reem", "Rima", "Ruba", "Sara",
    "Shahd", "Souad", "Walaa", "Yara", "Zeina", "Ahmad", "Mahmoud", "Khaled", "Abdullah",
    # Afghan, Iraqi, Iranian, Kurdish
    "Ahmad", "Farid", "Jawad", "Wahid", "Zahra", "Maryam", "Parisa", "Reza", "Hamid",
    "Mehdi", "Nasrin", "Shirin", "Soraya", "Arash", "Dilan", "Rojda", "Azad", "Baran",
)

# Nationalities, languages and peoples (Dutch capitalises them): never a name or place.
NATIONALITIES: tuple[str, ...] = tuple(
    word
    for stem in (
        "Nederland", "Marokkaan", "Turk", "Surinamer", "Antilliaan", "Pool", "Syriër",
        "Eritreeër", "Somaliër", "Afghaan", "Irakees", "Iraniër", "Ethiopiër", "Koerd",
        "Roemeen", "Bulgaar", "Oekraïner", "Rus", "Duitser", "Belg", "Fransman", "Brit",
        "Engelsman", "Spanjaard", "Italiaan", "Portugees", "Chinees", "Indonesiër",
        "Molukker", "Hindoestaan", "Creool", "Javaan", "Ghanees", "Nigeriaan", "Kaapverdiaan",
        "Algerijn", "Tunesiër", "Egyptenaar", "Soedanees", "Jemeniet", "Pakistaan",
        "Indiër", "Afrikaan", "Europeaan", "Amerikaan", "Arabier", "Berber", "Amazigh",
    )
    for word in (stem, stem + "s", stem + "en", stem + "se")
) + (
    "Nederlands", "Nederlandse", "Turks", "Turkse", "Marokkaans", "Marokkaanse", "Surinaams",
    "Surinaamse", "Antilliaans", "Antilliaanse", "Pools", "Poolse", "Syrisch", "Syrische",
    "Eritrees", "Eritrese", "Somalisch", "Somalische", "Afghaans", "Afghaanse", "Iraaks",
    "Iraakse", "Iraans", "Iraanse", "Ethiopisch", "Ethiopische", "Koerdisch", "Koerdische",
    "Roemeens", "Roemeense", "Bulgaars", "Bulgaarse", "Oekraïens", "Oekraïense", "Russisch",
    "Russische", "Duits", "Duitse", "Belgisch", "Belgische", "Frans", "Franse", "Brits",
    "Britse", "Engels", "Engelse", "Spaans", "Spaanse", "Italiaans", "Italiaanse",
    "Portugees", "Portugese", "Chinees", "Chinese", "Indonesisch", "Indonesische",
    "Moluks", "Molukse", "Hindoestaans", "Hindoestaanse", "Creools", "Creoolse", "Javaans",
    "Javaanse", "Arabisch", "Arabische", "Berbers", "Berberse", "Tigrinya", "Tigrinya's",
    "Amhaars", "Dari", "Farsi", "Pasjtoe", "Papiaments", "Sranantongo", "Sranan",
    "Kaapverdisch", "Kaapverdische", "Ghanees", "Ghanese", "Nigeriaans", "Nigeriaanse",
    "Algerijns", "Algerijnse", "Tunesisch", "Tunesische", "Egyptisch", "Egyptische",
    "Pakistaans", "Pakistaanse", "Afrikaans", "Afrikaanse", "Europees", "Europese",
    "Amerikaans", "Amerikaanse", "Islamitisch", "Islamitische", "Christelijk",
    "Christelijke", "Joods", "Joodse", "Katholiek", "Katholieke", "Protestants",
    "Protestantse", "Moslim", "Moslims", "Christen", "Christenen", "Hindoe", "Hindoes",
)

# Words that open the name of an organisation: "Stichting Exodus", "Woonstichting
# De Key", "GGZ Centraal", "gemeente Utrecht", "Wijkteam Noord". The rule needs at
# least one capitalised word after the head, so generic uses ("het wijkteam",
# "de gemeente") stay untouched.
ORGANISATION_HEADS: tuple[str, ...] = (
    "Stichting",
    "stichting",
    "Woonstichting",
    "Woningstichting",
    "Woningcorporatie",
    "woningcorporatie",
    "Woningbouwvereniging",
    "Wooncorporatie",
    "Zorggroep",
    "Zorginstelling",
    "Zorgcentrum",
    "Zorgboerderij",
    "Vereniging",
    "Coöperatie",
    "GGZ",
    "GGD",
    "Ggz",
    "Verslavingszorg",
    "Verslavingskliniek",
    "Kliniek",
    "Ziekenhuis",
    "Wijkteam",
    "Sociaal Wijkteam",
    "Buurtteam",
    "Jeugdteam",
    "Stadsteam",
    "Gebiedsteam",
    "Dorpsteam",
    "Voedselbank",
    "voedselbank",
    "Kledingbank",
    "Kringloop",
    "Kringloopwinkel",
    "Inloophuis",
    "Buurthuis",
    "Wijkcentrum",
    "Buurtcentrum",
    "Dagbesteding",
    "Nachtopvang",
    "Dagopvang",
    "Opvang",
    "Huisartsenpraktijk",
    "Praktijk",
    "Gemeente",
    "gemeente",
    "Provincie",
    "Bureau",
    "Centrum",
    "Instituut",
    "Fonds",
    "Basisschool",
    "Hogeschool",
    "Universiteit",
    "ROC",
    "Stadsbank",
    "Kredietbank",
    "Humanitas",
    "Leger des Heils",
    "Vluchtelingenwerk",
    "Parnassia",
    "Veilig Thuis",
    "Welzijn",
    "Welzijnsorganisatie",
    "Schuldhulpverlening",
)

# Closing words of organisation names: "Parnassia Groep", "Reclassering Nederland".
ORGANISATION_TAILS: tuple[str, ...] = (
    "Groep",
    "Welzijn",
    "Instituut",
    "Academie",
    "Kliniek",
    "Stichting",
    "Foundation",
    "Zorggroep",
    "Woonzorg",
)

# Well-known neighbourhoods of Dutch cities, for texts that name them without a
# context word ("ons huis in Overvecht"). Neighbourhoods with a context word or a
# -wijk/-buurt name are found by pattern instead.
NEIGHBOURHOODS: tuple[str, ...] = (
    # Amsterdam
    "Bijlmer",
    "Bijlmermeer",
    "Bijlmerdreef",
    "Holendrecht",
    "Gaasperdam",
    "Ganzenhoef",
    "Kraaiennest",
    "Venserpolder",
    "Reigersbos",
    "Osdorp",
    "Slotervaart",
    "Geuzenveld",
    "Slotermeer",
    "Nieuw-West",
    "De Pijp",
    "Jordaan",
    "De Jordaan",
    "Indische Buurt",
    "Dapperbuurt",
    "Transvaalbuurt",
    "Oosterparkbuurt",
    "Kolenkit",
    "Bos en Lommer",
    "De Baarsjes",
    "Buikslotermeer",
    "Tuindorp Oostzaan",
    "Banne Buiksloot",
    "Volewijck",
    "Van der Pekbuurt",
    "IJburg",
    "Zeeburg",
    "Watergraafsmeer",
    "Spaarndammerbuurt",
    "Staatsliedenbuurt",
    "Kinkerbuurt",
    # Rotterdam
    "Pendrecht",
    "Charlois",
    "Feijenoord",
    "Afrikaanderwijk",
    "Tarwewijk",
    "Carnisse",
    "Hillesluis",
    "Bloemhof",
    "Vreewijk",
    "Delfshaven",
    "Spangen",
    "Bospolder",
    "Tussendijken",
    "Oude Westen",
    "Het Oude Westen",
    "Ommoord",
    "Zevenkamp",
    "Lombardijen",
    "IJsselmonde",
    "Beverwaard",
    "Crooswijk",
    "Overschie",
    "Hoogvliet",
    "Katendrecht",
    "Zuidplein",
    "Prins Alexander",
    "Schiebroek",
    "Hillegersberg",
    "Kralingen",
    # The Hague
    "Schilderswijk",
    "Transvaal",
    "Moerwijk",
    "Laak",
    "Escamp",
    "Morgenstond",
    "Bouwlust",
    "Vrederust",
    "Mariahoeve",
    "Duindorp",
    "Scheveningen",
    "Spoorwijk",
    "Stationsbuurt",
    "Regentessekwartier",
    "Zuiderpark",
    "Ypenburg",
    "Leidschenveen",
    "Wateringse Veld",
    # Utrecht
    "Kanaleneiland",
    "Overvecht",
    "Lombok",
    "Ondiep",
    "Zuilen",
    "Hoograven",
    "Lunetten",
    "Tuindorp",
    "Leidsche Rijn",
    "Vleuten-De Meern",
    "Rivierenwijk",
    "Transwijk",
    "Wittevrouwen",
    "Oog in Al",
    "Votulast",
    "Halve Maan",
    # Arnhem, Nijmegen
    "Malburgen",
    "Presikhaaf",
    "Klarendal",
    "Geitenkamp",
    "Het Broek",
    "Rijkerswoerd",
    "Hatert",
    "Dukenburg",
    "Lindenholt",
    "Neerbosch-Oost",
    "Willemskwartier",
    "Bottendaal",
    "Wolfskuil",
    # Eindhoven, Tilburg, Den Bosch, Breda
    "Woensel",
    "Woensel-Noord",
    "Tongelre",
    "Doornakkers",
    "Strijp",
    "Gestel",
    "Stratum",
    "Kruidenbuurt",
    "Groenewoud",
    "Tilburg-Noord",
    "De Kruiskamp",
    "Kruiskamp",
    "Hambaken",
    "Graafsewijk",
    "Hoge Vucht",
    "Tuinzigt",
    "Noordhoek",
    # Groningen, Leeuwarden, Zwolle, Enschede, Almere, Lelystad, Zaandam
    "Selwerd",
    "Vinkhuizen",
    "Paddepoel",
    "Lewenborg",
    "Beijum",
    "De Hoogte",
    "Oosterparkwijk",
    "Heechterp",
    "Schieringen",
    "Camminghaburen",
    "Bilgaard",
    "Vrijheidswijk",
    "Holtenbroek",
    "Dieze",
    "Aa-landen",
    "Velve-Lindenhof",
    "Deppenbroek",
    "Pathmos",
    "Stadsveld",
    "Wesselerbrink",
    "Almere Haven",
    "Almere Buiten",
    "Almere Poort",
    "Waterwijk",
    "Kruidenwijk",
    "Stedenwijk",
    "Poelenburg",
    "Peldersveld",
    "Kolkwijk",
    "Rosmolenwijk",
    "Ganzenpoort",
    "Nieuwland",
    "Zuidwijk",
    "Nieuw Crooswijk",
    "Het Laar",
    "Kattenbroek",
    "Vathorst",
    "Zuilen-West",
)

# Role nouns that introduce a person's name: "mijn schuldhulpverlener Esra",
# "buurvrouw Anja", "mevrouw Bakker".
PERSON_ROLE_NOUNS: tuple[str, ...] = (
    "schuldhulpverlener",
    "hulpverlener",
    "hulpverleenster",
    "begeleider",
    "begeleidster",
    "woonbegeleider",
    "trajectbegeleider",
    "coach",
    "jobcoach",
    "gezinscoach",
    "maatje",
    "buddy",
    "mentor",
    "casemanager",
    "consulent",
    "klantmanager",
    "maatschappelijk werker",
    "maatschappelijk werkster",
    "wijkagent",
    "wijkverpleegkundige",
    "verpleegkundige",
    "huisarts",
    "psychiater",
    "psycholoog",
    "therapeut",
    "behandelaar",
    "bewindvoerder",
    "mentor",
    "advocaat",
    "advocate",
    "jurist",
    "deurwaarder",
    "ervaringsdeskundige",
    "collega",
    "moeder",
    "vader",
    "broer",
    "broertje",
    "zus",
    "zusje",
    "zuster",
    "oom",
    "tante",
    "opa",
    "oma",
    "neef",
    "nicht",
    "vriend",
    "vriendin",
    "partner",
    "man",
    "vrouw",
    "ex",
    "zoon",
    "dochter",
    "buurman",
    "buurvrouw",
    "stiefvader",
    "stiefmoeder",
    "pleegvader",
    "pleegmoeder",
    "juf",
    "meester",
    "docent",
    "leraar",
    "lerares",
    "baas",
    "leidinggevende",
    "dominee",
    "imam",
    "pastor",
    "pastoor",
    "wijkcoach",
    "sociaal werker",
    "vrijwilliger",
    "vrijwilligster",
    "schuldhulpmaatje",
)

# Forms of address that precede a name.
HONORIFICS: tuple[str, ...] = (
    "meneer",
    "mevrouw",
    "mevr.",
    "mw.",
    "dhr.",
    "de heer",
    "mr.",
    "dr.",
    "drs.",
    "ir.",
    "juffrouw",
    "dokter",
    "Meneer",
    "Mevrouw",
    "Mevr.",
    "Mw.",
    "Dhr.",
    "De heer",
    "Mr.",
    "Dr.",
    "Drs.",
    "Ir.",
    "Juffrouw",
    "Dokter",
)

# Cardinal number words 2..99 are built from these in patterns.py.
NUMBER_UNITS: tuple[str, ...] = (
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
)
NUMBER_TEENS: tuple[str, ...] = (
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
)
NUMBER_TENS: tuple[str, ...] = (
    "twintig",
    "dertig",
    "veertig",
    "vijftig",
    "zestig",
    "zeventig",
    "tachtig",
    "negentig",
)


def _deduce_lookup_dir() -> Path:
    """Folder with deduce's lookup source lists (inside the installed package).

    Found with ``find_spec`` so that reading the lists does not import deduce itself
    (importing it configures logging and loads docdeid, which the rule tests avoid).
    """
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("deduce is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _read_items(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip())


@functools.cache
def load_deduce_placenames() -> frozenset[str]:
    """All Dutch municipalities and residences that deduce ships.

    deduce writes some names with an upper-case article ("'S-Hertogenbosch"); the
    customary spelling is added next to it.
    """
    base = _deduce_lookup_dir() / "locations" / "lst_placename"
    names: set[str] = set()
    for sub in ("lst_municipality", "lst_residence"):
        names |= _read_items(base / sub / "items.txt")
    names |= {name.replace("'S-", "'s-") for name in names}
    names |= {"Den Bosch", "Den Haag", "Den Helder"}
    return frozenset(names)


@functools.cache
def load_deduce_first_names() -> frozenset[str]:
    """deduce's first names, lower-cased, with our extra ones (see FIRST_NAMES_EXTRA)."""
    names = _read_items(_deduce_lookup_dir() / "names" / "lst_first_name" / "items.txt")
    return frozenset(name.lower() for name in names | set(FIRST_NAMES_EXTRA))


@functools.cache
def load_deduce_municipalities() -> frozenset[str]:
    """Dutch municipality names, lower-cased (for places written in lower case)."""
    base = _deduce_lookup_dir() / "locations" / "lst_placename" / "lst_municipality"
    names = {name.replace("'S-", "'s-") for name in _read_items(base / "items.txt")}
    return frozenset(name.lower() for name in names)


@functools.cache
def load_deduce_disease_eponyms() -> frozenset[str]:
    """The person names in deduce's eponymous diseases ("Alzheimer", "Crohn", "Down")."""
    base = _deduce_lookup_dir() / "whitelist" / "lst_eponymous_disease"
    items = _read_items(base / "items.txt") | _read_items(
        base / "lst_eponymous_single" / "items.txt"
    )
    words = set()
    for item in items:
        for word in item.replace("-", " ").split():
            if word[:1].isupper() and word not in ("Ziekte", "Syndroom", "Van", "De"):
                words.add(word.rstrip("'s").rstrip("'"))
    return frozenset(words)


@functools.cache
def load_deduce_stop_words() -> frozenset[str]:
    """Lower-case Dutch function words ("de", "toen", "maar"): never a name."""
    words = _read_items(_deduce_lookup_dir() / "whitelist" / "lst_stop_word" / "items.txt")
    return frozenset(word.lower() for word in words)


@functools.cache
def load_deduce_common_words() -> frozenset[str]:
    """Lower-case Dutch common and stop words (deduce's whitelist): never a name."""
    base = _deduce_lookup_dir() / "whitelist"
    words = _read_items(base / "lst_common_word" / "items.txt")
    words |= _read_items(base / "lst_stop_word" / "items.txt")
    return frozenset(word.lower() for word in words)
