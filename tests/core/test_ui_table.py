"""The `{% table %}` component: caption, headers, numeric columns, empty state, pagination."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import login
from tests.factories import TeamFactory

TABLE = (
    "{% load kwartier_ui %}"
    '{% table rows _("Naam") _("Aantal") actions caption="Leden" id="leden-caption" '
    'numeric="2" empty_title=t empty_text="Nodig iemand uit." %}'
    '{% for row in rows %}<tr class="utrecht-table__row"><td>{{ row }}</td></tr>{% endfor %}'
    "{% endtable %}"
)


def render(rows, **extra) -> str:
    request = RequestFactory().get("/lijst/", {"q": "an"})
    return Template(TABLE).render(Context({"rows": rows, "request": request, **extra}))


def test_rows_come_with_caption_labelled_region_and_column_headers():
    html = render(["Anna", "Bert"], t="Leeg")
    assert '<caption class="utrecht-table__caption" id="leden-caption">Leden</caption>' in html
    assert 'role="region" aria-labelledby="leden-caption"' in html
    assert 'tabindex="0"' in html
    headers = re.findall(r"<th scope=\"col\" class=\"([^\"]+)\">([^<]+)</th>", html)
    assert headers == [
        ("utrecht-table__header-cell", "Naam"),
        ("utrecht-table__header-cell utrecht-table__header-cell--numeric-column", "Aantal"),
    ]
    assert "<td>Anna</td>" in html and "<td>Bert</td>" in html
    assert "Leeg" not in html


def test_an_unset_header_leaves_its_column_out_and_a_set_one_adds_it():
    assert "Acties" not in render(["Anna"])
    assert '<th scope="col" class="utrecht-table__header-cell">Acties</th>' in render(
        ["Anna"], actions="Acties"
    )


def test_no_rows_shows_the_empty_state_and_no_table():
    html = render([], t="Nog geen leden")
    assert "<table" not in html
    assert "Nog geen leden" in html and "Nodig iemand uit." in html
    assert "kwartier-empty-state" in html


def test_no_rows_and_no_empty_title_renders_nothing():
    assert render([]).strip() == ""


def test_a_page_gets_previous_and_next_links_keeping_the_query():
    page = Paginator(list(range(30)), 10).page(2)
    html = render(page, t="Leeg")
    assert "<td>10</td>" in html and "<td>9</td>" not in html
    assert 'href="?q=an&amp;pagina=1" rel="prev"' in html
    assert 'href="?q=an&amp;pagina=3" rel="next"' in html
    assert "Pagina 2 van 3" in html


def test_team_list_renders_through_the_component(alice_client, tenant_a):
    TeamFactory(organisation=tenant_a.organisation, name="Wijkteam Noord")
    html = alice_client.get(reverse("accounts:teams")).content.decode()
    assert 'role="region" aria-labelledby="teams-caption"' in html
    assert '<th scope="col" class="utrecht-table__header-cell">Acties</th>' in html
    assert "Wijkteam Noord" in html


def test_member_list_hides_the_actions_column_from_members(client, tenant_a):
    login(client, tenant_a.member)
    html = client.get(reverse("accounts:members")).content.decode()
    assert 'aria-labelledby="members-caption"' in html
    assert "Acties" not in html
