"""REFI-QDA, CSV and JSON exchange through the pages and the API (decision 0106):
only what the exporter may see, logged; import with Dutch errors, never a 500."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from kwartier.accounts.models import Role
from kwartier.collective import refi, services
from kwartier.collective.models import Code
from kwartier.core.models import AccessLog, Job
from kwartier.knowledge.models import Visibility
from kwartier.knowledge.services import sharing
from tests.collective.factories import code_in, coding_on, shared_story
from tests.conftest import login
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    api_auth,
)

REFI_DIR = Path(__file__).parent / "refi"
TEXTS = [
    "Ik opende de brieven niet meer. De schulden groeiden elke maand.",
    "Mijn schulden maakten me eenzaam. Niemand wist ervan.",
    "Door de schuldhulp kreeg ik rust. Eindelijk overzicht.",
]
HIDDEN = "Alleen voor Stichting Ander. Dit mag de codeur niet zien."


def schema(name):
    return etree.XMLSchema(etree.parse(str(REFI_DIR / name)))


@pytest.fixture
def setup(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    network = NetworkFactory(name="Regio Uit", slug="regio-uit")
    home = OrganisationFactory(name="Huis Een", slug="een")
    other = OrganisationFactory(name="Huis Twee", slug="twee")
    for org in (home, other):
        org.networks.add(network)
    coder, coder2, pro = UserFactory(), UserFactory(), UserFactory()
    MembershipFactory(user=coder, organisation=home, role=Role.EXPERIENCE_WORKER)
    MembershipFactory(user=coder2, organisation=other, role=Role.KWARTIERMAKER)
    MembershipFactory(user=pro, organisation=home, role=Role.EMPLOYEE)
    stories = [shared_story(home, text=t, visibility=Visibility.NETWORK) for t in TEXTS]
    hidden = shared_story(other, text=HIDDEN, visibility=Visibility.ORGANISATION)
    codebook = services.codebook_create(name="Netwerk", by=coder, network=network)
    parent = code_in(codebook, coder, "Bestaanszekerheid", colour="#336699")
    code = code_in(codebook, coder, "Geldzorgen", definition="Schulden", parent=parent)
    codings = [coding_on(s, code, coder, home) for s in stories]
    hidden_coding = coding_on(hidden, code, coder2, other)
    services.memo_create(
        author=coder, organisation=home, text="Let op de schaamte.", coding=codings[0]
    )
    insight = services.insight_create(
        codebook=codebook, organisation=home, by=coder, statement="Schulden maken stil."
    )
    for c in codings:
        services.evidence_add(insight=insight, coding=c, by=coder, stance="supports")
    return {
        "home": home,
        "coder": coder,
        "coder2": coder2,
        "pro": pro,
        "stories": stories,
        "hidden": hidden,
        "hidden_coding": hidden_coding,
        "codebook": codebook,
        "code": code,
        "insight": insight,
    }


def test_qdc_download_is_valid_and_logged(client, setup):
    login(client, setup["pro"])
    url = reverse("collective:export", args=[setup["codebook"].pk, "qdc"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.qdc"')
    schema("Codebook.xsd").assertValid(etree.fromstring(response.content))
    codes = refi.read_codebook(response.content)
    assert codes[0].name == "Bestaanszekerheid"
    assert codes[0].children[0].name == "Geldzorgen"
    assert codes[0].children[0].guid == str(setup["code"].uuid)
    assert AccessLog.objects.filter(
        actor=setup["pro"], action="export", object_type="collective_codebook", detail="qdc"
    ).exists()


def test_qdpx_job_holds_only_what_the_exporter_may_see(
    client, setup, django_capture_on_commit_callbacks
):
    # The withdrawn story and its coding disappear from the export at once.
    sharing.experience_withdraw(experience=setup["stories"][2], user=setup["stories"][2].author)
    login(client, setup["coder"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("collective:export_project", args=[setup["codebook"].pk]))
    job = Job.objects.get(created_by=setup["coder"], kind="wij-kennis-project")
    assert response.status_code == 302 and job.state == "done"
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        schema("Project.xsd").assertValid(etree.fromstring(archive.read("project.qde")))
    project = refi.read_project(data)
    texts = [s.text for s in project.sources]
    assert sorted(texts) == sorted(TEXTS[:2])
    assert all(HIDDEN not in t and "Jan de Vries" not in t for t in texts)
    first = next(s for s in project.sources if s.text == TEXTS[0])
    selection = first.selections[0]
    assert first.text[selection.start : selection.end] == "Ik opende de brieven niet meer"
    assert selection.codings[0].code_guid == str(setup["code"].uuid)
    notes = {n.guid: n for n in project.notes}
    refs = [notes[g].text for g in selection.note_refs]
    assert "Let op de schaamte." in refs and "Schulden maken stil." in refs
    assert {u.name for u in project.users} == {setup["coder"].full_name}
    # logged: the export as a whole, and each non-public story for its author
    assert AccessLog.objects.filter(actor=setup["coder"], detail__startswith="qdpx").count() == 3


def test_qdpx_of_another_user_is_not_downloadable(
    client, setup, django_capture_on_commit_callbacks
):
    login(client, setup["coder"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("collective:export_project", args=[setup["codebook"].pk]))
    job = Job.objects.get(created_by=setup["coder"])
    login(client, setup["pro"])
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == 404


def test_csv_and_json_of_codes_and_insights(client, setup):
    login(client, setup["pro"])
    book = setup["codebook"].pk
    codes = client.get(reverse("collective:export", args=[book, "codes.json"])).json()
    assert [c["name"] for c in codes] == ["Bestaanszekerheid", "Geldzorgen"]
    csv = client.get(reverse("collective:export", args=[book, "codes.csv"])).content.decode()
    assert "Geldzorgen" in csv
    # a professional sees published insights only: the draft is not exported
    assert client.get(reverse("collective:export", args=[book, "insights.json"])).json() == []
    login(client, setup["coder"])
    insights = client.get(reverse("collective:export", args=[book, "insights.json"])).json()
    assert insights[0]["statement"] == "Schulden maken stil."
    assert len(insights[0]["evidence"]) == 3
    assert client.get(reverse("collective:export", args=[book, "nope"])).status_code == 404


def test_import_qdc_adds_codes_with_history_and_keeps_guids(client, setup):
    tree = [
        refi.RefiCode(
            refi.new_guid("x", "1"),
            "Wonen",
            "#aa0000",
            "Huis en buurt",
            True,
            [refi.RefiCode(refi.new_guid("x", "2"), "Dakloos", "#00aa00")],
        ),
        refi.RefiCode(str(setup["code"].uuid), "Geldzorgen", "#123456"),
    ]
    login(client, setup["coder"])
    url = reverse("collective:exchange", args=[setup["codebook"].pk])
    upload = SimpleUploadedFile("boek.qdc", refi.write_codebook(tree), "application/xml")
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    wonen = Code.objects.get(codebook=setup["codebook"], name="Wonen")
    assert str(wonen.uuid) == refi.new_guid("x", "1")
    assert Code.objects.get(name="Dakloos").parent_id == wonen.pk
    assert wonen.changes.filter(kind="created").exists()
    assert Code.objects.filter(codebook=setup["codebook"], name="Geldzorgen").count() == 1


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"geen xml",
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>',
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="1" name="x" '
        b'isCodable="true"/></Codes></CodeBook>',
    ],
)
def test_import_refuses_bad_files_in_dutch_and_changes_nothing(client, setup, content):
    login(client, setup["coder"])
    before = Code.objects.count()
    url = reverse("collective:exchange", args=[setup["codebook"].pk])
    response = client.post(url, {"file": SimpleUploadedFile("x.qdc", content)})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Code.objects.count() == before


def test_import_is_for_coders_only(client, setup):
    login(client, setup["pro"])
    url = reverse("collective:exchange", args=[setup["codebook"].pk])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("b.qdc", refi.write_codebook([refi.RefiCode(refi.new_guid(), "A")]))
    assert client.post(url, {"file": upload}).status_code == 404


def test_api_export_and_import(client, setup):
    book = setup["codebook"].pk
    response = client.get(f"/api/knowledge/codebooks/{book}/export/qdc/", **api_auth(setup["pro"]))
    assert response.status_code == 200
    assert refi.read_codebook(response.content)[0].name == "Bestaanszekerheid"
    bad = client.post(
        f"/api/knowledge/codebooks/{book}/import/",
        {"file": SimpleUploadedFile("x.qdc", b"<nope")},
        **api_auth(setup["coder"]),
    )
    assert bad.status_code == 400
    assert bad.json()["field"] == "file" and "XML" in bad.json()["detail"]
    good = client.post(
        f"/api/knowledge/codebooks/{book}/import/",
        {
            "file": SimpleUploadedFile(
                "x.qdc", refi.write_codebook([refi.RefiCode(refi.new_guid(), "Nieuw")])
            )
        },
        **api_auth(setup["coder"]),
    )
    assert good.status_code == 201 and good.json() == {"created": 1, "skipped": 0}
    refused = client.post(
        f"/api/knowledge/codebooks/{book}/import/",
        {"file": SimpleUploadedFile("x.qdc", b"x")},
        **api_auth(setup["pro"]),
    )
    assert refused.status_code == 403


def test_api_export_of_another_networks_codebook_is_404(client, setup):
    stranger = UserFactory()
    MembershipFactory(user=stranger, organisation=OrganisationFactory(), role=Role.EMPLOYEE)
    book = setup["codebook"].pk
    response = client.get(f"/api/knowledge/codebooks/{book}/export/qdc/", **api_auth(stranger))
    assert response.status_code == 404
    assert json.loads(response.content)


def test_insight_page_and_publish_api_warn_about_a_rare_story(client, setup):
    """Re-identification risk before an insight is published (decision 0105)."""
    lonely = shared_story(
        setup["home"],
        text="Als jongere had ik schulden.",
        visibility=Visibility.NETWORK,
        life_phase="jeugd",
    )
    coding = coding_on(lonely, setup["code"], setup["coder"], setup["home"])
    services.evidence_add(
        insight=setup["insight"], coding=coding, by=setup["coder"], stance="supports"
    )
    login(client, setup["coder"])
    page = client.get(reverse("collective:insight", args=[setup["insight"].pk]))
    body = page.content.decode()
    assert "herkenbare combinatie" in body
    assert f"Verhaal {lonely.pk} (k = 1)" in body
    for story in setup["stories"]:
        assert f"Verhaal {story.pk} (k" not in body
    data = client.get(
        f"/api/knowledge/insights/{setup['insight'].pk}/publish/", **api_auth(setup["coder"])
    ).json()
    assert [r["experience_id"] for r in data["reidentification_risk"]] == [lonely.pk]
