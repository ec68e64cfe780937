"""Unit tests for the social-domain rules (no deduce model needed)."""

from __future__ import annotations

import pytest

from kwartier.knowledge.deid import rules
from kwartier.knowledge.deid.patterns import bsn_is_valid, iban_is_valid, phrase_alternation
from kwartier.knowledge.deid.spans import Span, resolve_overlaps


def found(finder, text: str) -> list[str]:
    """The texts of the merged spans a rule finds."""
    return [span.text for span in resolve_overlaps(text, finder(text))]


def labels(finder, text: str) -> set[str]:
    return {span.label for span in resolve_overlaps(text, finder(text))}


# --- IBAN -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iban",
    ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "BE68539007547034", "DE89370400440532013000"],
)
def test_valid_iban_checksum(iban: str) -> None:
    assert iban_is_valid(iban)
    assert found(rules.find_ibans, f"Op rekening {iban} gestort.") == [iban]


@pytest.mark.parametrize("iban", ["NL91ABNA0417164301", "BE68539007547035", "NL91ABNA04171643"])
def test_invalid_iban_checksum_or_length(iban: str) -> None:
    assert not iban_is_valid(iban)


def test_foreign_iban_with_wrong_checksum_is_not_found() -> None:
    assert found(rules.find_ibans, "Code BE68539007547035 staat er.") == []


def test_dutch_shaped_account_with_typo_is_still_redacted() -> None:
    # A mistyped Dutch account number still points at a person.
    assert found(rules.find_ibans, "rekening NL91ABNA0417164301") == ["NL91ABNA0417164301"]


# --- BSN ------------------------------------------------------------------------------


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "1234.56.782", "123 456 782"])
def test_bsn_passing_eleven_test_is_found_without_context(bsn: str) -> None:
    assert bsn_is_valid(bsn)
    assert found(rules.find_bsns, f"Het nummer {bsn} stond erop.") == [bsn]


def test_bsn_failing_eleven_test_needs_context() -> None:
    assert not bsn_is_valid("123456789")
    assert found(rules.find_bsns, "Het nummer 123456789 stond erop.") == []
    assert found(rules.find_bsns, "Mijn BSN is 123456789.") == ["123456789"]


def test_bsn_inside_longer_number_is_ignored() -> None:
    assert found(rules.find_bsns, "Code 1111222333 en 0,123456782") == []


# --- licence plates -------------------------------------------------------------------


@pytest.mark.parametrize(
    "plate",
    [
        "AB-12-34",  # 1
        "12-34-AB",  # 2
        "12-AB-34",  # 3
        "AB-12-CD",  # 4
        "AB-CD-12",  # 5
        "12-AB-CD",  # 6
        "12-ABC-3",  # 7
        "1-ABC-23",  # 8
        "AB-123-C",  # 9
        "A-123-BC",  # 10
        "ABC-12-D",  # 11
        "A-12-BCD",  # 12
        "1-AB-234",  # 13
        "123-AB-4",  # 14
    ],
)
def test_every_side_code_with_dashes(plate: str) -> None:
    assert found(rules.find_license_plates, f"Ik zag {plate} rijden.") == [plate]


def test_plate_without_dashes_needs_vehicle_context() -> None:
    assert found(rules.find_license_plates, "Mijn auto met kenteken 12ABC3 is weg.") == ["12ABC3"]
    assert found(rules.find_license_plates, "Formulier 12ABC3 ingevuld.") == []


def test_dashed_non_plates_are_ignored() -> None:
    assert found(rules.find_license_plates, "Op 12-04-2019 en 06-12-34 belde ik.") == []


# --- phone numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 12 34 56 78",
        "0612345678",
        "06-1234 5678",
        "+31 6 12345678",
        "+31 (0)6 12345678",
        "+31612345678",
        "0031 6 1234 5678",
        "010-1234567",
        "010 123 45 67",
        "0297-790451",
        "(020) 123 45 67",
        "(0297) 79 04 51",
        "0800-1234",
        "0900 1234567",
        "088-1234567",
        "+32 470 12 34 56",
    ],
)
def test_phone_formats(phone: str) -> None:
    assert found(rules.find_phone_numbers, f"Bel {phone} als het nodig is.") == [phone]


@pytest.mark.parametrize(
    "text", ["Op 12-04-2019 ging het mis.", "Ik had 2000 euro schuld.", "0612"]
)
def test_no_phone_in_dates_amounts_or_fragments(text: str) -> None:
    assert found(rules.find_phone_numbers, text) == []


# --- e-mail and URLs ------------------------------------------------------------------


def test_email_and_url() -> None:
    text = "Mail naar jan.de.vries+werk@gmail.com of kijk op https://www.voorbeeld.nl/a?b=1."
    assert found(rules.find_emails, text) == ["jan.de.vries+werk@gmail.com"]
    assert "https://www.voorbeeld.nl/a?b=1" in found(rules.find_urls, text)


def test_bare_domain_url_but_not_email_domain() -> None:
    assert found(rules.find_urls, "Zie schuldenhulp.nl/verhalen.") == ["schuldenhulp.nl/verhalen"]
    assert found(rules.find_urls, "Mail piet@ziggo.nl") == []


# --- ages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Toen ik 28 was, ging ik weg.", "28"),
        ("Ik was 34 toen het misging.", "34"),
        ("Hij is 34 jaar oud.", "34 jaar oud"),
        ("Op mijn 17e ging ik het huis uit.", "17e"),
        ("Sinds mijn twintigste ben ik alleen.", "twintigste"),
        ("Ik was zeventien jaar toen ik vertrok.", "zeventien jaar"),
        ("Toen ik zeventien jaar was, vertrok ik.", "zeventien jaar"),
        ("Als 15-jarige stond ik er alleen voor.", "15-jarige"),
        ("Ik ben nu 52.", "52"),
        ("Mijn zoon van 12 woont bij zijn vader.", "12"),
        ("Op de leeftijd van 16 jaar begon het.", "16 jaar"),
        ("Mijn moeder (72) belt elke dag.", "72"),
        ("Met 17 jaar ging ik het huis uit.", "17 jaar"),
        ("Toen ik achtentwintig werd, kreeg ik hulp.", "achtentwintig"),
    ],
)
def test_ages_in_context(text: str, age: str) -> None:
    assert found(rules.find_ages, text) == [age]


@pytest.mark.parametrize(
    "text",
    [
        "Na twee jaar kreeg ik een huis.",
        "Ik was vijf jaar dakloos.",
        "Ik ben 3 keer verhuisd.",
        "Ik ben 5 kilo afgevallen.",
        "We waren met z'n vieren.",
        "Wij twee zijn vrienden.",
        "Op mijn eerste werkdag was ik zenuwachtig.",
        "Een tweejarige opleiding heb ik afgemaakt.",
        "Elke dinsdag om 10 uur was er inloop.",
    ],
)
def test_durations_and_counts_are_no_age(text: str) -> None:
    assert found(rules.find_ages, text) == []


def test_deduce_duration_filter() -> None:
    text = "Ik zat 4 jaar in de schuldsanering. Een vrouw van 45 jaar met twee kinderen."
    assert not rules.deduce_age_is_plausible(text, 7, 8)
    start = text.index("45")
    assert rules.deduce_age_is_plausible(text, start, start + 2)


# --- case numbers and documents -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("In het dossier met nummer WMO/9511629 stond het.", "WMO/9511629"),
        ("Mijn zaaknummer is 2019-04512.", "2019-04512"),
        ("Mijn cliëntnummer: CL-448192.", "CL-448192"),
        ("Onder kenmerk ZK/2020/00417 kwam een brief.", "ZK/2020/00417"),
        ("Registratienummer 4471-2203 staat erop.", "4471-2203"),
        ("Het ging om DOS641057 en verder niets.", "DOS641057"),
        ("Zaak SHV-2916106 werd gesloten.", "SHV-2916106"),
        ("Mijn paspoortnummer is NXC3D1RP4.", "NXC3D1RP4"),
    ],
)
def test_case_and_document_numbers(text: str, number: str) -> None:
    assert number in found(rules.find_id_numbers, text)


@pytest.mark.parametrize(
    "text",
    ["Mijn huisnummer 12a.", "In mijn dossier van 2015 stond niets.", "Nummer 3 op de lijst."],
)
def test_no_case_number_without_identifier_shape(text: str) -> None:
    assert found(rules.find_id_numbers, text) == []


# --- addresses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Ik woonde aan de Julianalaan 64.", "Julianalaan 64"),
        ("Mijn adres was Prinses Irenestraat 64-2, toen.", "Prinses Irenestraat 64-2"),
        ("Op de Kerkstraat 139a woonde ik.", "Kerkstraat 139a"),
        ("Het was Stationsplein 236 bis.", "Stationsplein 236 bis"),
        ("We woonden aan de Burgemeester de Vlugtlaan 12-III.", "Burgemeester de Vlugtlaan 12-III"),
        ("Laan van Meerdervoort 523 was mijn huis.", "Laan van Meerdervoort 523"),
        ("Ik woonde op de Oudegracht 231 bis.", "Oudegracht 231 bis"),
    ],
)
def test_street_addresses(text: str, address: str) -> None:
    assert address in found(rules.find_addresses, text)


def test_postcode_with_place_and_postbus() -> None:
    text = "Stuur het naar Postbus 1234, 3500 AA Utrecht of 3725SP Deventer."
    assert found(rules.find_addresses, text) == [
        "Postbus 1234",
        "3500 AA Utrecht",
        "3725SP Deventer",
    ]


def test_street_without_number_after_preposition() -> None:
    assert found(rules.find_addresses, "Ik woonde in de Kerkstraat.") == ["Kerkstraat"]
    assert found(rules.find_addresses, "Ik sliep op straat.") == []


# --- places, organisations, persons ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ons huis stond in Overvecht.", "Overvecht"),
        ("We woonden in de Rivierenwijk.", "Rivierenwijk"),
        ("Ik woonde in de wijk Lombok.", "Lombok"),
        ("Ik ben geboren op 1 mei 1980 in Paramaribo.", "Paramaribo"),
        ("Ik kom uit Eritrea.", "Eritrea"),
    ],
)
def test_places_and_neighbourhoods(text: str, place: str) -> None:
    assert place in found(rules.find_places, text)


def test_country_of_residence_is_too_wide() -> None:
    assert found(rules.find_places, "Ik kwam naar Nederland.") == []


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Bij Leger des Heils kreeg ik een bed.", "Leger des Heils"),
        ("Ik ging naar Stichting Exodus.", "Stichting Exodus"),
        ("Woonstichting De Key belde.", "Woonstichting De Key"),
        ("Ik zat bij GGZ inGeest.", "GGZ inGeest"),
        ("Een brief van de gemeente Den Haag.", "gemeente Den Haag"),
        ("De deurwaarder van Flanderijn stond voor de deur.", "Flanderijn"),
        ("Ik kreeg hulp van Parnassia Groep.", "Parnassia Groep"),
    ],
)
def test_organisations(text: str, organisation: str) -> None:
    assert organisation in found(rules.find_organisations, text)


@pytest.mark.parametrize(
    "text",
    ["Het wijkteam kwam langs.", "Een brief van de gemeente.", "De Participatiewet en de Wmo."],
)
def test_generic_organisation_words_are_no_names(text: str) -> None:
    assert found(rules.find_organisations, text) == []
    assert found(rules.find_names_after_prepositions, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mijn schuldhulpverlener Esra belde.", "Esra"),
        ("Mevrouw Bouzid was streng.", "Bouzid"),
        ("Bouzid van het wijkteam hielp me.", "Bouzid"),
        ("Samen met Kevin van den Berg ging ik.", "Kevin van den Berg"),
        ("Ze heet Els.", "Els"),
    ],
)
def test_persons_by_context(text: str, name: str) -> None:
    assert found(rules.find_persons, text) == [name]


def test_nationality_after_role_is_no_name() -> None:
    assert found(rules.find_persons, "Mijn vader Marokkaans en mijn moeder Turks.") == []


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Op 15 jun. 2016 kreeg ik de sleutel.", "15 jun. 2016"),
        ("Op 18 maa. 2020 kreeg ik de sleutel.", "18 maa. 2020"),
        ("De brief kwam op 3 maart binnen.", "3 maart"),
        ("Op 12-04-2019 tekende ik.", "12-04-2019"),
        ("Op 17/7/1980 tekende ik.", "17/7/1980"),
        ("Op 2019-04-12 tekende ik.", "2019-04-12"),
        ("In maart 2019 verhuisde ik.", "maart 2019"),
    ],
)
def test_dates(text: str, date: str) -> None:
    assert found(rules.find_dates, text) == [date]


@pytest.mark.parametrize(
    "text", ["Ik had 2000 euro schuld.", "Om 10 uur was er inloop.", "Op 32-13-2019 niet."]
)
def test_no_dates_in_amounts_times_or_impossible_dates(text: str) -> None:
    assert found(rules.find_dates, text) == []


# --- helpers --------------------------------------------------------------------------


def test_phrase_alternation_prefers_longest() -> None:
    import re

    pattern = re.compile(phrase_alternation(["Leger", "Leger des Heils", "Lentis"]))
    assert [m[0] for m in pattern.finditer("Leger des Heils, Lentis, Leger")] == [
        "Leger des Heils",
        "Lentis",
        "Leger",
    ]


def test_resolve_overlaps_takes_union_and_longest_label() -> None:
    text = "Kerkstraat 12-2 in Utrecht"
    merged = resolve_overlaps(text, [(0, 13, "LOCATION"), (0, 15, "ADDRESS"), (19, 26, "LOCATION")])
    assert merged == [
        Span(0, 15, "ADDRESS", "Kerkstraat 12-2"),
        Span(19, 26, "LOCATION", "Utrecht"),
    ]
