"""Volunteer-allowance check (issue 9, point 8): the sourced figures, the worked examples
from the cited pages, and properties over random allowances."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal as D
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.workforce import allowance
from kwartier.workforce.allowance import (
    CANNOT_COMPUTE,
    BadEntry,
    MonthEntry,
    YearWithoutFigures,
    age_for_year,
    age_on,
    check,
    euro,
    income_exemption_indication,
    known_years,
    limits_for,
    parse_figures,
)

BELASTINGDIENST = "https://www.belastingdienst.nl/"


# --- the figures -----------------------------------------------------------------------


def test_2024_figures_are_the_tax_authoritys():
    limits = limits_for(2024)
    assert (limits.hourly_21_plus, limits.hourly_under_21, limits.monthly, limits.yearly) == (
        D("5.50"),
        D("3.25"),
        D("210"),
        D("2100"),
    )
    assert limits.from_tax_authority
    assert all(url.startswith(BELASTINGDIENST) for url in limits.sources)


def test_2023_figures_are_the_tax_authoritys():
    limits = limits_for(2023)
    assert (limits.hourly_21_plus, limits.hourly_under_21, limits.monthly, limits.yearly) == (
        D("5.00"),
        D("2.75"),
        D("190"),
        D("1900"),
    )
    assert all(url.startswith(BELASTINGDIENST) for url in limits.sources)


def test_2025_is_marked_secondary_and_says_so():
    limits = limits_for(2025)
    assert not limits.from_tax_authority
    result = check(year=2025, age=40, hourly=False, months=[MonthEntry(1, D(50))])
    assert any(r.code == "secondary" for r in result.summary)


def test_every_number_in_the_data_file_has_a_source_url():
    text = resources.files("kwartier.workforce").joinpath("data/allowance.toml").read_text()
    data = tomllib.loads(text)
    for year, entry in data["volunteer"].items():
        for name in ("hourly_21_plus", "hourly_under_21", "monthly", "yearly"):
            assert entry[name]["source"].startswith("https://"), (year, name)
        assert entry["checked"]
    for name in ("rate", "max_months", "min_age"):
        assert data["income_exemption"][name]["source"].startswith("https://")


def test_a_number_without_a_source_is_refused_when_reading():
    text = resources.files("kwartier.workforce").joinpath("data/allowance.toml").read_text()
    data = tomllib.loads(text)
    del data["volunteer"]["2024"]["monthly"]["source"]
    with pytest.raises(ValueError, match="source URL"):
        parse_figures(data)


@pytest.mark.parametrize("year", [1999, 2022, 2026, 2027])
def test_a_year_without_figures_is_refused_with_the_reason(year):
    with pytest.raises(YearWithoutFigures) as caught:
        limits_for(year)
    assert caught.value.field == "year"
    assert f"Voor {year} zijn geen bevestigde bedragen" in str(caught.value)
    assert "ander jaar" in str(caught.value)
    with pytest.raises(YearWithoutFigures):
        check(year=year, age=30, hourly=False, months=[MonthEntry(1, D(10))])


# --- worked examples from the cited sources ----------------------------------------------


def test_belastingdienst_example_208_a_month_is_over_the_2023_maximum():
    """Belastingdienst, 'Vergoeding voor inzet en voor kosten' (2023): a volunteer older
    than 21 gets € 4 an hour and, with travel costs, € 208 a month. 'Dat is meer dan het
    maximum per maand. U ontvangt geen vrijwilligersvergoeding.'"""
    result = check(year=2023, age=30, hourly=True, months=[MonthEntry(1, D(208), D(52))])
    month = result.months[0]
    assert month.hourly_rate == D(4)  # the hourly amount itself is within € 5,00
    assert not month.within
    assert [r.code for r in month.reasons] == ["monthly"]
    assert (
        str(month.reasons[0]) == "€ 208,00 is meer dan het maximum van € 190,00 per maand in 2023."
    )
    assert not result.within_limits
    assert any("hele vergoeding" in str(r) for r in result.summary)


def test_belastingdienst_2024_every_limit_counts_hour_month_and_year():
    """Belastingdienst, 'Vrijwilligersvergoedingen' (2024): 'Zowel uw vergoeding per uur,
    per maand als per jaar mag niet hoger zijn dan de genoemde bedragen.'"""
    at_max = check(year=2024, age=21, hourly=True, months=[MonthEntry(3, D("210"), D(40))])
    assert at_max.within_limits  # € 5,25 an hour, € 210 a month
    per_hour = check(year=2024, age=20, hourly=True, months=[MonthEntry(3, D("140"), D(40))])
    assert not per_hour.within_limits  # € 3,50 an hour for someone under 21: above € 3,25
    assert per_hour.hourly_limit == D("3.25")
    assert per_hour.months[0].reasons[0].code == "hourly"
    twelve = [MonthEntry(m, D("180")) for m in range(1, 13)]  # € 2.160 in a year
    per_year = check(year=2024, age=40, hourly=False, months=twelve)
    assert all(m.within for m in per_year.months)
    assert not per_year.year_within and not per_year.within_limits
    assert str(per_year.summary[0]) == (
        "Het totaal over 2024 (€ 2.160,00) is meer dan het jaarmaximum van € 2.100,00."
    )


def test_the_issues_example_body():
    result = check(year=2024, age=30, hourly=True, months=[MonthEntry(1, D("110.0"), D(20))])
    assert result.within_limits
    assert result.months[0].hourly_rate == D("5.5")
    assert result.year_total == D("110.0")
    assert result.sources == limits_for(2024).sources


def test_uithoorn_example_100_earned_keeps_25():
    """Gemeente Uithoorn, 'Inkomstenvrijlating': 'als u in een maand netto € 100,- verdient
    met werken, mag u € 25,- houden' (25%, maximum € 264,00 per maand, tarief 2024)."""
    result = income_exemption_indication(year=2024, age=35, earned_per_month=D(100))
    assert result.applies and result.exempt == D(25)
    capped = income_exemption_indication(year=2024, age=35, earned_per_month=D(2000))
    assert capped.exempt == D("264.00")


# --- the check's behaviour ---------------------------------------------------------------


def test_without_hourly_agreement_hours_are_optional_and_not_tested():
    result = check(year=2024, age=18, hourly=False, months=[MonthEntry(1, D(200), D(10))])
    assert result.within_limits  # € 20 an hour, but no hourly allowance was agreed
    assert result.hourly_limit is None
    assert result.months[0].hourly_rate == D(20)


def test_hourly_allowance_without_hours_is_not_within():
    result = check(year=2024, age=30, hourly=True, months=[MonthEntry(1, D(50), D(0))])
    assert not result.within_limits
    assert result.months[0].reasons[0].code == "hourly_no_hours"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": "2024"}, "year"),
        ({"age": -1}, "age"),
        ({"age": 300}, "age"),
        ({"months": []}, "months"),
        ({"months": [MonthEntry(m, D(1), D(1)) for m in range(1, 14)]}, "months"),
        ({"months": [MonthEntry(13, D(1), D(1))]}, "months[0].month"),
        ({"months": [MonthEntry(1, D(1), D(1)), MonthEntry(1, D(1), D(1))]}, "months[1].month"),
        ({"months": [MonthEntry(1, D(-1), D(1))]}, "months[0].amount"),
        ({"months": [MonthEntry(1, D("NaN"), D(1))]}, "months[0].amount"),
        ({"months": [MonthEntry(1, D(1), D(-2))]}, "months[0].hours"),
        ({"months": [MonthEntry(1, D(1), D(1000))]}, "months[0].hours"),
        ({"months": [MonthEntry(1, D(1), None)]}, "months[0].hours"),
    ],
)
def test_bad_input_names_its_field_in_dutch(kwargs, field):
    arguments = {"year": 2024, "age": 30, "hourly": True, "months": [MonthEntry(1, D(1), D(1))]}
    arguments.update(kwargs)
    with pytest.raises(BadEntry) as caught:
        check(**arguments)
    assert caught.value.field == field
    assert caught.value.detail.endswith(".")


def test_reasons_render_through_a_translation():
    result = check(year=2024, age=30, hourly=False, months=[MonthEntry(1, D(300))])
    rendered = result.months[0].reasons[0].render(lambda m: m.replace("meer dan", "more than"))
    assert rendered.startswith("€ 300,00 is more than")


def test_euro_is_dutch_and_rounds_only_for_display():
    assert euro(D("1234.5")) == "€ 1.234,50"
    assert euro(D("5.505")) == "€ 5,50"  # banker's rounding, display only
    assert euro(D("0")) == "€ 0,00"


# --- the income-exemption indication -----------------------------------------------------


def test_indication_is_honest_about_what_it_cannot_compute():
    result = income_exemption_indication(year=2024, age=30, earned_per_month=D(400))
    assert result.cannot_compute == CANNOT_COMPUTE
    assert {r.code for r in result.cannot_compute} >= {"benefit_amount", "allowances"}
    assert any("proefberekening" in c.url for c in result.calculators)
    assert all(s.source.startswith("https://") for s in result.certain)
    assert "geen advies" in str(result.disclaimer)


def test_indication_for_a_year_without_a_maximum_gives_no_amount():
    result = income_exemption_indication(year=2026, age=30, earned_per_month=D(400))
    assert result.exempt is None and result.monthly_maximum is None
    assert any(s.reason.code == "maximum_unknown" for s in result.certain)


def test_indication_not_under_27_and_not_after_six_months():
    assert not income_exemption_indication(year=2024, age=26, earned_per_month=D(100)).applies
    used = income_exemption_indication(
        year=2024, age=30, earned_per_month=D(100), months_already_exempted=6
    )
    assert not used.applies and used.exempt is None


def test_indication_refuses_bad_input():
    with pytest.raises(BadEntry) as caught:
        income_exemption_indication(year=2024, age=30, earned_per_month=D(-5))
    assert caught.value.field == "earned_per_month"


# --- properties --------------------------------------------------------------------------

years = st.sampled_from(known_years())
ages = st.integers(min_value=0, max_value=120)
amounts = st.decimals(min_value=0, max_value=600, places=2)
hours = st.decimals(min_value=0, max_value=200, places=1)


@st.composite
def allowances(draw):
    chosen = draw(st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True))
    return [MonthEntry(m, draw(amounts), draw(hours)) for m in chosen]


@settings(max_examples=150, deadline=None)
@given(years, ages, st.booleans(), allowances())
def test_year_total_is_the_sum_and_verdict_is_all_limits(year, age, hourly, months):
    result = check(year=year, age=age, hourly=hourly, months=months)
    assert result.year_total == sum((m.amount for m in months), D(0))
    assert result.within_limits == (
        result.year_total <= result.limits.yearly and all(m.within for m in result.months)
    )
    assert [m.month for m in result.months] == sorted(m.month for m in months)
    assert all(m.reasons for m in result.months)


@settings(max_examples=150, deadline=None)
@given(years, ages, st.booleans(), st.integers(1, 12), st.decimals(1, 200, places=1))
def test_a_month_at_exactly_the_maximum_is_within(year, age, hourly, month, worked):
    limits = limits_for(year)
    cap = limits.monthly
    if hourly:
        cap = min(cap, limits.hourly_for(age) * worked)
    result = check(year=year, age=age, hourly=hourly, months=[MonthEntry(month, cap, worked)])
    assert result.months[0].within and result.within_limits
    over = check(
        year=year, age=age, hourly=hourly, months=[MonthEntry(month, cap + D("0.01"), worked)]
    )
    assert not over.within_limits


@settings(max_examples=150, deadline=None)
@given(years, ages, st.booleans(), allowances(), st.data())
def test_raising_an_amount_never_turns_over_into_within(year, age, hourly, months, data):
    before = check(year=year, age=age, hourly=hourly, months=months)
    index = data.draw(st.integers(0, len(months) - 1))
    raise_by = data.draw(st.decimals(min_value=0, max_value=500, places=2))
    raised = list(months)
    raised[index] = MonthEntry(
        months[index].month, months[index].amount + raise_by, months[index].hours
    )
    after = check(year=year, age=age, hourly=hourly, months=raised)
    if not before.within_limits:
        assert not after.within_limits
    month = months[index].month
    was = next(m for m in before.months if m.month == month)
    now = next(m for m in after.months if m.month == month)
    if not was.within:
        assert not now.within


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1900, max_value=2200), ages, st.booleans(), allowances())
def test_an_unknown_year_is_always_refused(year, age, hourly, months):
    if year in known_years():
        return
    with pytest.raises(YearWithoutFigures):
        check(year=year, age=age, hourly=hourly, months=months)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=0, max_value=10_000, places=2), st.integers(27, 120))
def test_exemption_never_exceeds_the_share_or_the_maximum(earned, age):
    result = income_exemption_indication(year=2024, age=age, earned_per_month=earned)
    assert result.exempt is not None
    assert result.exempt <= earned * D("0.25")
    assert result.exempt <= D("264.00")


def test_figures_are_read_once():
    assert allowance.figures() is allowance.figures()


def test_age_for_a_year_is_taken_on_the_first_of_january():
    born = dt.date(2003, 6, 15)
    assert age_on(born, dt.date(2024, 6, 14)) == 20
    assert age_on(born, dt.date(2024, 6, 15)) == 21
    assert age_for_year(born, 2024) == 20  # turns 21 in 2024: the lower hourly maximum
    assert age_for_year(dt.date(2030, 1, 1), 2024) == 0


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(1900, 1, 1), dt.date(2024, 12, 31)), st.integers(0, 100))
def test_age_grows_by_one_on_each_birthday(born, years):
    if born.month == 2 and born.day == 29:
        return
    try:
        birthday = born.replace(year=born.year + years)
    except ValueError:
        return
    assert age_on(born, birthday) == years
    if years:
        assert age_on(born, birthday - dt.timedelta(days=1)) == years - 1


def test_errors_render_through_a_translation():
    with pytest.raises(YearWithoutFigures) as year:
        limits_for(2026)
    english = year.value.render(lambda m: m.replace("zijn geen bevestigde bedragen", "NO FIGURES"))
    assert english.startswith("Voor 2026 NO FIGURES")
    with pytest.raises(BadEntry) as bad:
        check(year=2024, age=30, hourly=False, months=[MonthEntry(4, D(1)), MonthEntry(4, D(2))])
    assert str(bad.value) == "Maand 4 staat er twee keer in."
    assert bad.value.render(lambda m: m.replace("Maand", "Month")).startswith("Month 4")
