"""Every write of Resultaten, in transactions.

* :func:`contribution_create` logs a contribution; :func:`contribution_delete` removes
  one of one's own.
* :func:`signal_create`, :func:`signal_respond`, :func:`signal_outcome`: a signal's life
  (``open`` → ``answered`` → ``change_planned`` → ``change_made``, or ``no_change``).
  A step out of order is a :class:`~django.core.exceptions.ValidationError` with the
  reason; a step by someone who is not the owner is refused (PermissionDenied).
* :func:`settings_update`: the deadline and the public page.
* :func:`impact_daily_enqueue`: the daily job (reminders and escalations, `reminders.py`).

Free texts pass the de-identification engine first (:func:`check_identifying`): when it
finds something, nothing is saved and :class:`IdentifyingText` lists what it found. The
writer rewrites, or confirms that it identifies nobody by sending back the fingerprint of
exactly the texts that were checked (the knowledge bank's pattern: a decision about one
text, never a blanket "skip the check").
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwartier.accounts.models import ExperienceRole, Organisation, Team, User
from kwartier.impact import deid, mail, selectors, tasks
from kwartier.impact.deid import Span
from kwartier.impact.models import (
    Contribution,
    ContributionKind,
    ImpactSettings,
    Level,
    Signal,
    SignalState,
    SignalStep,
    StepKind,
)

# --- the de-identification check ------------------------------------------------------------

LABEL_NAMES = {
    "PERSON": gettext_lazy("naam"),
    "LOCATION": gettext_lazy("plaats"),
    "ADDRESS": gettext_lazy("adres"),
    "ORGANISATION": gettext_lazy("organisatie"),
    "DATE": gettext_lazy("datum"),
    "AGE": gettext_lazy("leeftijd"),
    "BSN": gettext_lazy("BSN"),
    "IBAN": gettext_lazy("rekeningnummer"),
    "PHONE": gettext_lazy("telefoonnummer"),
    "EMAIL": gettext_lazy("e-mailadres"),
    "URL": gettext_lazy("webadres"),
    "LICENSE_PLATE": gettext_lazy("kenteken"),
    "ID_NUMBER": gettext_lazy("nummer"),
}


def label_name(label: str) -> str:
    return str(LABEL_NAMES.get(label, label.lower()))


class IdentifyingText(ValidationError):
    """Free text that looks identifying: per field the spans found, and the fingerprint
    that confirms exactly these texts."""

    def __init__(self, findings: Mapping[str, list[Span]], fingerprint: str) -> None:
        self.findings = dict(findings)
        self.fingerprint = fingerprint
        super().__init__(
            {
                field: [
                    _(
                        "Dit lijkt iemand aan te wijzen: %(found)s. Herschrijf het, of bevestig "
                        "dat het niemand aanwijst."
                    )
                    % {
                        "found": ", ".join(
                            f"„{span.text}” ({label_name(span.label)})" for span in spans
                        )
                    }
                ]
                for field, spans in findings.items()
            }
        )


def fingerprint(texts: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for field in sorted(texts):
        digest.update(field.encode())
        digest.update(b"\0")
        digest.update(texts[field].encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def check_identifying(texts: Mapping[str, str], *, confirmed: str = "") -> None:
    """Raise :class:`IdentifyingText` when a text looks identifying, unless ``confirmed``
    is the fingerprint of exactly these texts."""
    findings = {field: deid.find_identifying(text) for field, text in texts.items()}
    findings = {field: spans for field, spans in findings.items() if spans}
    if not findings:
        return
    print_ = fingerprint(texts)
    if confirmed and confirmed == print_:
        return
    raise IdentifyingText(findings, print_)


def _clean_text(value: str) -> str:
    return (value or "").strip()


# --- contributions --------------------------------------------------------------------------


def _team_of(organisation: Organisation, team: Team | int | None, field: str) -> Team | None:
    if team is None or team == "":
        return None
    team_id = team.pk if isinstance(team, Team) else team
    found = Team.objects.filter(organisation=organisation, pk=team_id).first()
    if found is None:
        raise ValidationError({field: [_("Kies een team van uw organisatie.")]})
    return found


def contribution_create(
    *,
    organisation: Organisation,
    author: User,
    date: datetime.date | None,
    role: str,
    level: str,
    kind: str,
    minutes: int,
    team: Team | int | None = None,
    theme: str = "",
    note: str = "",
    confirmed: str = "",
) -> Contribution:
    if not author.has_perm("impact.log_contribution", organisation):
        raise PermissionDenied(_("U mag hier geen werk vastleggen."))
    contribution = Contribution(
        organisation=organisation,
        author=author,
        date=date or timezone.localdate(),
        role=role,
        level=level,
        kind=kind,
        minutes=minutes,
        team=_team_of(organisation, team, "team"),
        theme=_clean_text(theme),
        note=_clean_text(note),
    )
    errors: dict[str, list[str]] = {}
    if role not in ExperienceRole.values:
        errors["role"] = [_("Kies een rol uit de lijst.")]
    if level not in Level.values:
        errors["level"] = [_("Kies een niveau uit de lijst.")]
    if kind not in ContributionKind.values:
        errors["kind"] = [_("Kies een soort uit de lijst.")]
    if contribution.date > timezone.localdate() + datetime.timedelta(days=1):
        errors["date"] = [_("Een bijdrage ligt niet in de toekomst.")]
    if errors:
        raise ValidationError(errors)
    contribution.full_clean(exclude=["organisation", "author"])
    check_identifying({"note": contribution.note, "theme": contribution.theme}, confirmed=confirmed)
    contribution.save()
    return contribution


@transaction.atomic
def contribution_delete(*, contribution: Contribution, user: User) -> None:
    if contribution.author_id != user.pk:
        raise PermissionDenied(_("U verwijdert alleen uw eigen bijdragen."))
    contribution.delete()


# --- signals --------------------------------------------------------------------------------


def _step(
    signal: Signal, kind: str, *, by: User | None, text: str = "", **extra: Any
) -> SignalStep:
    return SignalStep.objects.create(
        signal=signal, kind=kind, state_after=signal.state, by=by, text=text, **extra
    )


def _tell_raiser(signal: Signal, subject: str, template: str, **context: object) -> None:
    if signal.raised_by is not None:
        mail.send_signal_mail(
            recipients=[signal.raised_by],
            subject=subject,
            template=template,
            signal=signal,
            **context,
        )


def signal_create(
    *,
    organisation: Organisation,
    raised_by: User,
    title: str,
    description: str,
    level: str,
    theme: str = "",
    owner_team: Team | int | None = None,
    owner: User | int | None = None,
    anonymous: bool = False,
    on_behalf_of_team: Team | int | None = None,
    confirmed: str = "",
    now: datetime.datetime | None = None,
) -> Signal:
    if not raised_by.has_perm("impact.raise_signal", organisation):
        raise PermissionDenied(_("U mag hier geen signalen geven."))
    errors: dict[str, list[str]] = {}
    team = _team_of(organisation, owner_team, "owner_team")
    behalf = _team_of(organisation, on_behalf_of_team, "on_behalf_of_team")
    person = None
    if owner not in (None, ""):
        owner_id = owner.pk if isinstance(owner, User) else owner
        person = selectors.owner_person_list(organisation=organisation).filter(pk=owner_id).first()
        if person is None:
            errors["owner"] = [_("Kies een persoon van uw organisatie.")]
        elif person.pk == raised_by.pk:
            errors["owner"] = [_("U kunt niet zelf eigenaar zijn van uw eigen signaal.")]
    if team is None and person is None and "owner" not in errors:
        errors["owner_team"] = [_("Kies het team of de persoon die moet reageren.")]
    if level not in Level.values:
        errors["level"] = [_("Kies een niveau uit de lijst.")]
    if errors:
        raise ValidationError(errors)
    moment = now or timezone.now()
    days = selectors.settings_for(organisation=organisation).response_days
    signal = Signal(
        organisation=organisation,
        raised_by=raised_by,
        anonymous=bool(anonymous),
        on_behalf_of_team=behalf,
        title=_clean_text(title),
        description=_clean_text(description),
        level=level,
        theme=_clean_text(theme),
        owner_team=team,
        owner=person,
        state=SignalState.OPEN,
        raised_at=moment,
        due_at=moment + datetime.timedelta(days=days),
    )
    signal.full_clean(exclude=["organisation", "raised_by", "owner_team", "owner"])
    # Checked before the transaction: loading the engine may take seconds, and a write
    # transaction (SQLite: BEGIN IMMEDIATE) would hold the database meanwhile.
    check_identifying(
        {"title": signal.title, "description": signal.description, "theme": signal.theme},
        confirmed=confirmed,
    )
    with transaction.atomic():
        signal.save()
        _step(signal, StepKind.RAISED, by=raised_by)
        mail.send_signal_mail(
            recipients=selectors.signal_responders(signal),
            subject=_("Nieuw signaal voor u: %(title)s") % {"title": signal.title},
            template="new_signal",
            signal=signal,
        )
    return signal


def _locked(signal: Signal) -> Signal:
    # of=("self",): PostgreSQL locks no row of the outer-joined (nullable) raiser.
    return (
        Signal.objects.select_for_update(of=("self",)).select_related("raised_by").get(pk=signal.pk)
    )


def _require_owner(signal: Signal, user: User) -> None:
    if not user.has_perm("impact.respond_signal", signal):
        raise PermissionDenied(_("Alleen de eigenaar van dit signaal reageert erop."))


@transaction.atomic
def signal_respond(
    *, signal: Signal, user: User, text: str, now: datetime.datetime | None = None
) -> Signal:
    """The owner's first response: ``open`` → ``answered``."""
    _require_owner(signal, user)
    signal = _locked(signal)
    if signal.state != SignalState.OPEN:
        raise ValidationError(
            {"text": [_("Op dit signaal is al gereageerd; leg nu de uitkomst vast.")]}
        )
    text = _clean_text(text)
    if not text:
        raise ValidationError({"text": [_("Schrijf uw reactie.")]})
    moment = now or timezone.now()
    signal.state = SignalState.ANSWERED
    signal.answered_at = moment
    signal.save(update_fields=["state", "answered_at"])
    _step(signal, StepKind.RESPONSE, by=user, text=text, at=moment)
    _tell_raiser(signal, _("Reactie op uw signaal: %(title)s") % {"title": signal.title}, "step")
    return signal


# from-state -> the outcomes that may follow it
ALLOWED_OUTCOMES: dict[str, tuple[str, ...]] = {
    SignalState.ANSWERED: (
        SignalState.CHANGE_PLANNED,
        SignalState.CHANGE_MADE,
        SignalState.NO_CHANGE,
    ),
    SignalState.CHANGE_PLANNED: (SignalState.CHANGE_MADE, SignalState.NO_CHANGE),
}
OUTCOMES = (SignalState.CHANGE_PLANNED, SignalState.CHANGE_MADE, SignalState.NO_CHANGE)


def outcome_refusal(signal: Signal, outcome: str) -> str | None:
    """Why ``outcome`` cannot follow the signal's state now (None: it can)."""
    if outcome not in OUTCOMES:
        return _("Kies een uitkomst: change_planned, change_made of no_change.")
    if signal.state == SignalState.OPEN:
        return _("Reageer eerst op het signaal; daarna legt u de uitkomst vast.")
    if signal.is_closed:
        return _("Dit signaal is afgesloten; er volgt geen stap meer.")
    if outcome not in ALLOWED_OUTCOMES.get(signal.state, ()):
        return _("Deze verandering staat al gepland; leg vast dat ze is doorgevoerd, of niet.")
    return None


@transaction.atomic
def signal_outcome(
    *,
    signal: Signal,
    user: User,
    outcome: str,
    text: str = "",
    planned_by: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Signal:
    """Record the outcome: a planned change (what, by when), a change made, or no change
    (a reason is required)."""
    _require_owner(signal, user)
    signal = _locked(signal)
    refusal = outcome_refusal(signal, outcome)
    if refusal:
        raise ValidationError({"outcome": [refusal]})
    text = _clean_text(text)
    if outcome == SignalState.NO_CHANGE and not text:
        raise ValidationError(
            {"text": [_("Geef de reden waarom er niets verandert; die is verplicht.")]}
        )
    moment = now or timezone.now()
    if outcome == SignalState.CHANGE_PLANNED:
        if planned_by is not None and planned_by < timezone.localdate(moment):
            raise ValidationError({"planned_by": [_("Kies een datum vanaf vandaag.")]})
        signal.planned_change = text
        signal.planned_by = planned_by
    signal.state = outcome
    if outcome in (SignalState.CHANGE_MADE, SignalState.NO_CHANGE):
        signal.closed_at = moment
    signal.save(update_fields=["state", "planned_change", "planned_by", "closed_at"])
    _step(signal, StepKind.OUTCOME, by=user, text=text, at=moment)
    _tell_raiser(signal, _("Uitkomst van uw signaal: %(title)s") % {"title": signal.title}, "step")
    return signal


# --- settings -------------------------------------------------------------------------------


@transaction.atomic
def settings_update(
    *, organisation: Organisation, user: User, response_days: int, publish_responsiveness: bool
) -> ImpactSettings:
    if not user.has_perm("impact.manage_settings", organisation):
        raise PermissionDenied
    found, _created = ImpactSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    found.response_days = response_days
    found.publish_responsiveness = bool(publish_responsiveness)
    found.full_clean(exclude=["organisation"])
    found.save()
    return found


# --- the daily job --------------------------------------------------------------------------


def impact_daily_enqueue(*, day: datetime.date | None = None) -> str:
    """Put the daily reminders and escalations in the queue (after the commit)."""
    when = (day or timezone.localdate()).isoformat()
    transaction.on_commit(lambda: tasks.impact_daily.enqueue(when))
    return when
