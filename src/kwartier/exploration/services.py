"""Everything that changes templates, rounds, responses and concerns.

Each service runs in one transaction and validates before saving, so the web pages,
the API, the demo and the benchmark obey the same rules.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core import services as core_services
from kwartier.core.models import Job
from kwartier.core.tokens import new_token
from kwartier.exploration import selectors
from kwartier.exploration.default_template import (
    MAX_STATEMENTS_PER_THEME,
    MIN_STATEMENTS_PER_THEME,
    TEMPLATE_KEY,
    TEMPLATE_VERSION,
    default_template,
)
from kwartier.exploration.models import (
    Concern,
    PublishedState,
    Response,
    Round,
    RoundGroup,
    RoundInvitation,
    RoundStatus,
    TemplateVersion,
    scan_template_to_content,
)
from kwartier.exploration.scoring import Answer, results_to_state
from kwartier.exploration.tasks import JOB_KIND, open_answers_deidentify_job

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User

MAX_INVITATIONS_PER_REQUEST = 500
MAX_INVITATIONS_PER_ROUND = 5000
MAX_RESPONSES_PER_ROUND = 10000  # an anonymous link can be used again; not without end
MAX_EMAIL_INPUT_LENGTH = MAX_INVITATIONS_PER_REQUEST * 100
MAX_DEADLINE_DAYS = 366
MAX_OPEN_ANSWER_LENGTH = 4000
DEFAULT_GROUPS = ("werkvloer", "middenkader", "bestuur", "beleid", "ervaringswerkers")


# --- Templates ----------------------------------------------------------------------------


@transaction.atomic
def template_ensure_default() -> TemplateVersion:
    """The newest version of the default template. The code's version is stored on first
    use, and again when the code carries a newer version than any stored one (rounds
    already started keep theirs)."""
    latest = TemplateVersion.objects.filter(key=TEMPLATE_KEY).order_by("-version").first()
    if latest is not None and latest.version >= TEMPLATE_VERSION:
        return latest
    scan = default_template()
    template = TemplateVersion(
        key=scan.key,
        version=scan.version,
        name=scan.name,
        content=scan_template_to_content(scan),
        change_note=_("Standaardsjabloon van Kwartier"),
    )
    template.full_clean()
    template.save()
    return template


def _check_statement_counts(content: Mapping[str, Any]) -> None:
    per_theme: dict[str, int] = {theme["key"]: 0 for theme in content["themes"]}
    for statement in content["statements"]:
        per_theme[statement["theme"]] = per_theme.get(statement["theme"], 0) + 1
    for theme in content["themes"]:
        count = per_theme[theme["key"]]
        if not MIN_STATEMENTS_PER_THEME <= count <= MAX_STATEMENTS_PER_THEME:
            raise ValidationError(
                _(
                    "Thema %(theme)s heeft %(count)s stellingen; "
                    "dat moeten er %(min)s tot %(max)s zijn."
                )
                % {
                    "theme": theme["name"],
                    "count": count,
                    "min": MIN_STATEMENTS_PER_THEME,
                    "max": MAX_STATEMENTS_PER_THEME,
                }
            )


@transaction.atomic
def template_version_create(
    *,
    base: TemplateVersion,
    name: str,
    content: dict[str, Any],
    change_note: str,
    created_by: User | None,
) -> TemplateVersion:
    """Store an edited template as the next version of ``base.key``; old versions stay."""
    _check_statement_counts(content)
    latest = (
        TemplateVersion.objects.select_for_update()
        .filter(key=base.key)
        .aggregate(latest=Max("version"))["latest"]
    )
    template = TemplateVersion(
        key=base.key,
        version=(latest or 0) + 1,
        name=name,
        content=content,
        change_note=change_note,
        created_by=created_by,
    )
    template.full_clean()
    template.save()
    return template


# --- Rounds -------------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    organisation: Organisation,
    template: TemplateVersion,
    title: str,
    deadline: date,
    groups: Sequence[str],
    anonymous_links: bool,
    created_by: User | None,
) -> Round:
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("De einddatum mag niet in het verleden liggen.")})
    if deadline > timezone.localdate() + timedelta(days=MAX_DEADLINE_DAYS):
        raise ValidationError(
            {"deadline": _("Kies een einddatum binnen een jaar; een ronde loopt niet langer.")}
        )
    round_ = Round(
        organisation=organisation,
        template=template,
        title=title.strip(),
        deadline=deadline,
        groups=list(dict.fromkeys(groups)),
        created_by=created_by,
    )
    round_.full_clean()
    round_.save()
    for group in round_.groups:
        RoundGroup.objects.create(
            round=round_,
            key=group,
            link_token=secrets.token_urlsafe(24) if anonymous_links else None,
        )
    return round_


def _parse_emails(raw: str) -> list[str]:
    if len(raw) > MAX_EMAIL_INPUT_LENGTH:
        raise ValidationError(
            {
                "emails": _("Nodig maximaal %(max)s mensen tegelijk uit.")
                % {"max": MAX_INVITATIONS_PER_REQUEST}
            }
        )
    emails: list[str] = []
    wrong: list[str] = []
    for part in raw.replace(",", "\n").replace(";", "\n").split():
        address = part.strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            wrong.append(address)
        else:
            emails.append(address)
    if wrong:
        raise ValidationError(
            {
                "emails": _("Deze adressen kloppen niet: %(wrong)s")
                % {"wrong": ", ".join(wrong[:10])}
            }
        )
    if not emails:
        raise ValidationError({"emails": _("Vul minstens één e-mailadres in.")})
    if len(emails) > MAX_INVITATIONS_PER_REQUEST:
        raise ValidationError(
            {
                "emails": _("Nodig maximaal %(max)s mensen tegelijk uit.")
                % {"max": MAX_INVITATIONS_PER_REQUEST}
            }
        )
    return list(dict.fromkeys(emails))


@transaction.atomic
def round_invitations_send(
    *, round: Round, group: str, emails: str, start_url_template: str
) -> int:
    """Invite people by e-mail, each with their own single-use link; returns how many.

    ``start_url_template`` is an absolute URL with ``{token}`` where the token goes.
    Addresses already invited to this round are skipped. Nothing is sent when one
    address is wrong.
    """
    if not round.is_accepting:
        raise ValidationError(_("Deze ronde neemt geen antwoorden meer aan."))
    if group not in round.groups:
        raise ValidationError({"group": _("Deze groep hoort niet bij de ronde.")})
    addresses = _parse_emails(emails)
    already = set(
        RoundInvitation.objects.filter(round=round, email__in=addresses).values_list(
            "email", flat=True
        )
    )
    messages = []
    subject = _("Doe mee aan de verkenning van %(organisation)s") % {
        "organisation": round.organisation.name
    }
    new = [address for address in addresses if address not in already]
    existing = RoundInvitation.objects.filter(round=round).count()
    if existing + len(new) > MAX_INVITATIONS_PER_ROUND:
        raise ValidationError(
            {
                "emails": _("Een ronde heeft hoogstens %(max)s uitnodigingen.")
                % {"max": MAX_INVITATIONS_PER_ROUND}
            }
        )
    for address in new:
        token, token_hash = new_token()
        invitation = RoundInvitation(round=round, group=group, email=address, token_hash=token_hash)
        invitation.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:
            continue  # invited by a request at the same moment: the database's rule

        body = render_to_string(
            "exploration/email/invitation.txt",
            {"round": round, "start_url": start_url_template.format(token=token)},
        )
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [address]))
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return len(messages)


@transaction.atomic
def round_close(*, round: Round, closed_by: User | None) -> Round:
    """Close the round: no more answers, e-mail addresses erased, open answers queued
    for de-identification."""
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    if round_.status == RoundStatus.CLOSED:
        raise ValidationError(_("Deze ronde is al afgesloten."))
    round_.status = RoundStatus.CLOSED
    round_.closed_at = timezone.now()
    round_.full_clean()
    round_.save(update_fields=["status", "closed_at"])
    # The addresses were only needed to send the links (data minimisation).
    RoundInvitation.objects.filter(round=round_).update(email="")
    # Started but never sent: those answers were not handed in, so they go.
    Response.objects.filter(round=round_, submitted=False).delete()
    _publish(round=round_, final=True)
    open_answers_deidentify_start(round=round_, user=closed_by)
    return round_


def _publish(*, round: Round, final: bool) -> PublishedState:
    """Store the figures a publication shows now (the round row is locked by the caller)."""
    states = selectors.published_states(round=round)
    results, covered, disclosure = selectors.round_publication(
        round=round, states=states, final=final
    )
    return PublishedState.objects.create(
        round=round,
        number=len(states) + 1,
        respondents=covered,
        final=final,
        results=results_to_state(results),
        disclosure=disclosure,
    )


@transaction.atomic
def round_publish_due(*, round: Round) -> PublishedState | None:
    """Publish a tussenstand of an open round once five more lists are in since the last
    one (decision 0012); otherwise nothing changes. Called when someone looks (page,
    PDF, exports, API), not on every submit: a tussenstand nobody saw would only make
    the final figures wait for five more lists."""
    if not round.is_open or not _publication_due(round):
        return None
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    if not round_.is_open or not _publication_due(round_):
        return None  # closed, or someone else published first
    return _publish(round=round_, final=False)


def _publication_due(round: Round) -> bool:
    """Five more lists (a fifth more in a large round) since the last state, and per
    statement nobody or five or more new answers (decision 0012)."""
    submitted = Response.objects.filter(round=round, submitted=True).count()
    states = selectors.published_states(round=round)
    covered = states[-1].respondents if states else 0
    if submitted - covered < selectors.tussenstand_step(covered):
        return False
    return selectors.step_is_safe(round=round, states=states)


@transaction.atomic
def round_delete(*, round: Round) -> None:
    round.delete()


# --- Responses ----------------------------------------------------------------------------


@transaction.atomic
def response_start(
    *, round: Round, group: str, invitation: RoundInvitation | None = None
) -> tuple[Response, str]:
    """Begin an anonymous response; returns it with its resume token (kept nowhere else).

    With an invitation, the invitation is marked used in the same transaction, so a
    single-use link cannot start two responses.
    """
    if not round.is_accepting:
        raise ValidationError(_("Deze verkenning is gesloten."))
    if group not in round.groups:
        raise ValidationError(_("Deze groep hoort niet bij de verkenning."))
    if Response.objects.filter(round=round).count() >= MAX_RESPONSES_PER_ROUND:
        raise ValidationError(
            _("Deze verkenning heeft het hoogste aantal antwoordenlijsten bereikt.")
        )
    if invitation is not None:
        locked = RoundInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.used or locked.round_id != round.pk:
            raise ValidationError(_("Deze uitnodiging is al gebruikt."))
        locked.used = True
        locked.save(update_fields=["used"])
    token, token_hash = new_token()
    response = Response(round=round, group=group, resume_token_hash=token_hash)
    response.full_clean()
    response.save()
    return response, token


def _ensure_can_answer(response: Response) -> None:
    if response.submitted:
        raise ValidationError(_("Deze antwoorden zijn al verstuurd."))
    if not response.round.is_accepting:
        raise ValidationError(_("Deze verkenning is gesloten."))


def _locked(response: Response) -> Response:
    """The response read again under a row lock, inside the caller's transaction: two
    pages saved at once are applied one after the other, each to the other's result,
    and nothing changes once the list is handed in (issue 18)."""
    try:
        locked = (
            Response.objects.select_for_update(of=("self",))
            .select_related("round__template")
            .get(pk=response.pk)
        )
    except Response.DoesNotExist:
        raise ValidationError(_("Deze verkenning is gesloten.")) from None
    _ensure_can_answer(locked)
    return locked


@transaction.atomic
def response_save_answers(
    *, response: Response, theme: str, answers: Mapping[str, Answer], next_step: int
) -> Response:
    """Save the answers of one theme page; statements never answered count as skipped."""
    response = _locked(response)
    statements = [s for s in response.round.template.scan.statements if s.theme == theme]
    if not statements:
        raise ValidationError(_("Onbekend thema."))
    keys = {statement.key for statement in statements}
    unknown = set(answers) - keys
    if unknown:
        raise ValidationError(_("Onbekende stelling."))
    for value in answers.values():
        if value is not None and (isinstance(value, bool) or value not in (1, 2, 3, 4, 5)):
            raise ValidationError(_("Kies een antwoord van 1 tot 5 of 'weet niet'."))
    # Merge: a radio button cannot be cleared in a browser, so a statement missing from
    # the page keeps what was answered before (a missing answer never erases one).
    response.answers = {**response.answers, **answers}
    response.step = next_step
    response.full_clean()
    response.save(update_fields=["answers", "step"])
    return response


@transaction.atomic
def response_save_open_answers(
    *, response: Response, open_answers: Mapping[str, str], next_step: int
) -> Response:
    response = _locked(response)
    known = {question.key for question in response.round.template.scan.open_questions}
    cleaned: dict[str, str] = {}
    for key, text in open_answers.items():
        if key not in known:
            raise ValidationError(_("Onbekende open vraag."))
        text = text.strip()
        if len(text) > MAX_OPEN_ANSWER_LENGTH:
            raise ValidationError(
                _("Een antwoord mag hoogstens %(max)s tekens hebben.")
                % {"max": MAX_OPEN_ANSWER_LENGTH}
            )
        if text:
            cleaned[key] = text
    response.open_answers = cleaned
    response.step = next_step
    response.full_clean()
    response.save(update_fields=["open_answers", "step"])
    return response


@transaction.atomic
def response_submit(*, response: Response) -> Response:
    """Hand the list in. The round is locked first (as closing does), then the response:
    a save that waited for this lock finds the list handed in and is refused, and a
    round closed meanwhile refuses the submit."""
    Round.objects.select_for_update().get(pk=response.round_id)
    response = _locked(response)
    response.submitted = True
    response.save(update_fields=["submitted"])
    return response


# --- Open answers -------------------------------------------------------------------------


def open_answers_deidentify_start(*, round: Round, user: User | None) -> Job:
    """Create the visible job and enqueue it once the surrounding transaction commits."""
    job = core_services.job_create(
        kind=JOB_KIND,
        label=_("Open antwoorden anonimiseren"),
        organisation=round.organisation,
        created_by=user,
    )
    Round.objects.filter(pk=round.pk).update(deid_job=job)
    job_id, round_id = str(job.pk), round.pk
    transaction.on_commit(lambda: open_answers_deidentify_job.enqueue(job_id, round_id))
    return job


# --- Concerns -----------------------------------------------------------------------------

CONCERN_FIELDS = ("title", "description", "source", "layer", "owner", "response", "status", "round")


def _check_concern_links(concern: Concern) -> None:
    if concern.round is not None and concern.round.organisation_id != concern.organisation_id:
        raise ValidationError({"round": _("Deze ronde hoort niet bij de organisatie.")})
    if (
        concern.owner is not None
        and not concern.owner.memberships.filter(organisation=concern.organisation).exists()
    ):
        raise ValidationError({"owner": _("De eigenaar moet lid zijn van de organisatie.")})


@transaction.atomic
def concern_create(*, organisation: Organisation, **fields: Any) -> Concern:
    unknown = set(fields) - set(CONCERN_FIELDS)
    if unknown:
        raise ValueError(f"unknown concern fields: {unknown}")
    concern = Concern(organisation=organisation, **fields)
    _check_concern_links(concern)
    concern.full_clean()
    concern.save()
    return concern


@transaction.atomic
def concern_update(*, concern: Concern, **fields: Any) -> Concern:
    for name, value in fields.items():
        if name not in CONCERN_FIELDS:
            raise ValueError(f"{name} cannot be changed here")
        setattr(concern, name, value)
    _check_concern_links(concern)
    concern.full_clean()
    concern.save()
    return concern


@transaction.atomic
def concern_delete(*, concern: Concern) -> None:
    concern.delete()
