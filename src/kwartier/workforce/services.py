"""Writes of the workforce capability, each in a transaction, with Dutch refusals
(ValidationError naming the field) and nothing changed on a refusal."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.accounts import services as accounts_services
from kwartier.accounts.models import Domain, Invitation, Membership, Role, Team
from kwartier.workforce.models import (
    CareerStep,
    CoachingTrajectory,
    ConfirmationStatus,
    DevelopmentGoal,
    HoursEntry,
    IntervisieGroup,
    IntervisieMember,
    IntervisieSession,
    Position,
    Profile,
    Registration,
    Training,
)

if TYPE_CHECKING:
    from django.db.models import Model

    from kwartier.accounts.models import Network, Organisation, User

PROFILE_FIELDS = (
    "name",
    "email",
    "employment",
    "contract_hours",
    "pay_scale",
    "hourly_wage",
    "allowance_per_hour",
    "allowance_per_month",
    "available_hours",
    "region",
    "date_of_birth",
)


def _save(obj: Model, *, exclude: Iterable[str] = ()) -> Any:
    obj.full_clean(exclude=list(exclude))
    obj.save()
    return obj


# --- profiles ------------------------------------------------------------------------------


@transaction.atomic
def profile_create(
    *,
    organisation: Organisation,
    created_by: User | None,
    domains: Iterable[Domain] = (),
    membership: Membership | None = None,
    **fields: Any,
) -> Profile:
    unknown = set(fields) - set(PROFILE_FIELDS) - {"matching_consent"}
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    if fields.get("email"):
        fields["email"] = str(fields["email"]).strip().lower()
    profile = Profile(organisation=organisation, created_by=created_by, **fields)
    if membership is None and profile.email:
        membership = Membership.objects.filter(
            organisation=organisation,
            user__email__iexact=profile.email,
            workforce_profile__isnull=True,
        ).first()
    profile.membership = membership
    _save(profile, exclude=["created_by"])  # None for profiles made by the demo or the system
    profile.domains.set(list(domains))
    return profile


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    domains: Iterable[Domain] | None = None,
    matching_consent: str | None = None,
    **fields: Any,
) -> Profile:
    """Update a profile. ``matching_consent`` is given only when the worker edits their
    own profile: nobody else chooses it."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.email:
        profile.email = profile.email.strip().lower()
    if matching_consent is not None:
        profile.matching_consent = matching_consent
    _save(profile, exclude=["created_by"])
    if domains is not None:
        profile.domains.set(list(domains))
    return profile


def profile_delete(*, profile: Profile) -> None:
    profile.delete()


def profile_invite(*, profile: Profile, invited_by: User, accept_url_template: str) -> Invitation:
    """Invite the worker of a profile to an account (the accounts invitation service); the
    profile is tied to the membership when the invitation is accepted."""
    if profile.membership_id:
        raise ValidationError({"email": _("Deze ervaringswerker heeft al een account.")})
    if not profile.email:
        raise ValidationError(
            {"email": _("Vul eerst een e-mailadres in om de ervaringswerker uit te nodigen.")}
        )
    team = (
        Position.objects.filter(profile=profile, team__isnull=False)
        .order_by("-starts")
        .values_list("team", flat=True)
        .first()
    )
    return accounts_services.invitation_create(
        organisation=profile.organisation,
        email=profile.email,
        role=Role.EXPERIENCE_WORKER,
        team=Team.objects.filter(pk=team).first() if team else None,
        invited_by=invited_by,
        accept_url_template=accept_url_template,
    )


def profile_link_membership(*, membership: Membership) -> Profile | None:
    """Tie the organisation's profile with the member's address (and no account yet) to
    the new membership."""
    email = membership.user.email
    with transaction.atomic():
        profile = (
            Profile.objects.select_for_update()
            .filter(
                organisation_id=membership.organisation_id,
                email__iexact=email,
                membership__isnull=True,
            )
            .order_by("id")
            .first()
        )
        if profile is None:
            return None
        profile.membership = membership
        profile.save(update_fields=["membership", "updated_at"])
        return profile


# --- positions -----------------------------------------------------------------------------


def _check_team(team: Team | None, organisation: Organisation) -> None:
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("Dit team hoort niet bij deze organisatie.")})


@transaction.atomic
def position_create(*, profile: Profile, **fields: Any) -> Position:
    _check_team(fields.get("team"), profile.organisation)
    if fields.get("team") is not None and not fields.get("layer"):
        fields["layer"] = fields["team"].layer
    position = Position(organisation=profile.organisation, profile=profile, **fields)
    return _save(position)


@transaction.atomic
def position_update(*, position: Position, **fields: Any) -> Position:
    position = Position.objects.select_for_update().get(pk=position.pk)
    _check_team(fields.get("team"), position.organisation)
    for name, value in fields.items():
        setattr(position, name, value)
    return _save(position)


def position_delete(*, position: Position) -> None:
    position.delete()


# --- training, registration, coaching, goals, career steps ---------------------------------


@transaction.atomic
def profile_part_create(model: type[Model], *, profile: Profile, **fields: Any) -> Any:
    """A training, registration, coaching trajectory, goal or career step of a profile."""
    if model not in (Training, Registration, CoachingTrajectory, DevelopmentGoal, CareerStep):
        raise TypeError(model)
    obj = model(organisation=profile.organisation, profile=profile, **fields)
    return _save(obj)


def profile_part_delete(*, obj: Model) -> None:
    obj.delete()


# --- intervisie ----------------------------------------------------------------------------


@transaction.atomic
def group_create(
    *, organisation: Organisation, name: str, network: Network | None = None, facilitator: str = ""
) -> IntervisieGroup:
    if network is not None and not organisation.networks.filter(pk=network.pk).exists():
        raise ValidationError({"network": _("Uw organisatie hoort niet bij dit netwerk.")})
    group = IntervisieGroup(
        organisation=organisation, network=network, name=name, facilitator=facilitator
    )
    return _save(group)


@transaction.atomic
def group_member_add(
    *, group: IntervisieGroup, profile: Profile, joined: datetime.date | None = None
) -> IntervisieMember:
    """Add a profile; its organisation keeps the group or is in the group's network."""
    allowed = profile.organisation_id == group.organisation_id or (
        group.network_id is not None
        and profile.organisation.networks.filter(pk=group.network_id).exists()
    )
    if not allowed:
        raise ValidationError(
            {"profile": _("Deze ervaringswerker kan niet in deze groep: andere organisatie.")}
        )
    if IntervisieMember.objects.filter(group=group, profile=profile).exists():
        raise ValidationError({"profile": _("Deze ervaringswerker zit al in de groep.")})
    member = IntervisieMember(
        organisation=profile.organisation,
        group=group,
        profile=profile,
        joined=joined or timezone.localdate(),
    )
    return _save(member, exclude=["group"])


def group_member_remove(*, member: IntervisieMember) -> None:
    with transaction.atomic():
        IntervisieSession.attendees.through.objects.filter(
            intervisiesession__group=member.group,
            profile=member.profile,
            intervisiesession__date__gte=timezone.localdate(),
        ).delete()
        member.delete()


def _clean_topics(topics: Iterable[str]) -> list[str]:
    cleaned = [t.strip()[:150] for t in topics if t and t.strip()]
    if len(cleaned) > 20:
        raise ValidationError({"topics": _("Noem hoogstens 20 onderwerpen.")})
    return cleaned


@transaction.atomic
def session_create(
    *,
    group: IntervisieGroup,
    organisation: Organisation,
    date: datetime.date,
    method: str,
    topics: Iterable[str] = (),
) -> IntervisieSession:
    if group.organisation_id != organisation.pk:
        raise ValidationError(
            _("Alleen de organisatie die de groep beheert, legt bijeenkomsten vast.")
        )
    session = IntervisieSession(
        organisation=group.organisation,
        group=group,
        date=date,
        method=method,
        topics=_clean_topics(topics),
    )
    return _save(session)


@transaction.atomic
def session_attendance_set(
    *, session: IntervisieSession, organisation: Organisation, present: Iterable[Profile]
) -> None:
    """Set who of `organisation`'s members was present; other organisations' ticks stay."""
    present = list(present)
    members = set(
        session.group.members.filter(organisation=organisation).values_list("profile_id", flat=True)
    )
    if any(p.pk not in members for p in present):
        raise ValidationError({"present": _("Alleen leden van de groep kunnen aanwezig zijn.")})
    through = IntervisieSession.attendees.through
    through.objects.filter(intervisiesession=session, profile__organisation=organisation).delete()
    through.objects.bulk_create([through(intervisiesession=session, profile=p) for p in present])


# --- portfolio hours and the supervisor's confirmation -------------------------------------


@transaction.atomic
def hours_create(*, profile: Profile, **fields: Any) -> HoursEntry:
    if fields.get("supervisor_email"):
        fields["supervisor_email"] = str(fields["supervisor_email"]).strip().lower()
    entry = HoursEntry(organisation=profile.organisation, profile=profile, **fields)
    return _save(entry)


def hours_delete(*, entry: HoursEntry) -> None:
    if entry.status == ConfirmationStatus.CONFIRMED:
        raise ValidationError(_("Bevestigde uren blijven staan: ze horen bij het dossier."))
    entry.delete()


def hours_request_confirmation(
    *, entry: HoursEntry, confirm_url_template: str, requested_by: User
) -> HoursEntry:
    """E-mail the supervisor a single-use link to confirm or decline the hours. A new
    request replaces an earlier link (its hash is overwritten)."""
    with transaction.atomic():
        entry = HoursEntry.objects.select_for_update().select_related("profile").get(pk=entry.pk)
        if entry.status in (ConfirmationStatus.CONFIRMED, ConfirmationStatus.DECLINED):
            raise ValidationError(_("Over deze uren is al besloten."))
        if not entry.supervisor_email:
            raise ValidationError(
                {"supervisor_email": _("Vul het e-mailadres van de begeleider in.")}
            )
        token, token_hash = HoursEntry.new_token()
        now = timezone.now()
        entry.token_hash = token_hash
        entry.status = ConfirmationStatus.PENDING
        entry.requested_at = now
        entry.link_expires_at = now + HoursEntry.LINK_VALID_FOR
        entry.save(update_fields=["token_hash", "status", "requested_at", "link_expires_at"])
        context = {
            "entry": entry,
            "confirm_url": confirm_url_template.format(token=token),
            "requested_by": requested_by,
        }
        subject = _("Wilt u de uren van %(name)s bevestigen?") % {"name": entry.profile.name}
        message = render_to_string("workforce/email/confirm_hours.txt", context)
        recipient = entry.supervisor_email
        transaction.on_commit(
            lambda: send_mail(
                subject=subject,
                message=message,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[recipient],
            )
        )
    return entry


def hours_decide(*, token: str, confirm: bool, name: str, email: str, note: str = "") -> HoursEntry:
    """The supervisor's answer through the link: stored with who and when, the link spent."""
    with transaction.atomic():
        entry = (
            HoursEntry.objects.select_for_update()
            .filter(token_hash=HoursEntry.hash_token(token))
            .first()
        )
        if entry is None or not entry.link_is_open:
            raise ValidationError(_("Deze link is al gebruikt of verlopen."))
        if not name.strip():
            raise ValidationError({"name": _("Vul uw naam in.")})
        entry.status = ConfirmationStatus.CONFIRMED if confirm else ConfirmationStatus.DECLINED
        entry.decided_at = timezone.now()
        entry.decided_by_name = name.strip()[:150]
        entry.decided_by_email = email.strip().lower()[:254]
        entry.decision_note = note.strip()[:300]
        # Single use: the hash stays, so the link page can say it was used, but the status
        # is no longer pending and nothing can be decided through it again.
        entry.save(
            update_fields=[
                "status",
                "decided_at",
                "decided_by_name",
                "decided_by_email",
                "decision_note",
            ]
        )
        return entry
