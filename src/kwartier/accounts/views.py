"""Pages for the organisation: profile, teams, members, invitations and audit log."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwartier.accounts import selectors, services
from kwartier.accounts.forms import (
    AcceptInvitationForm,
    InvitationForm,
    MembershipForm,
    OrganisationForm,
    TeamForm,
)
from kwartier.accounts.models import Membership
from kwartier.accounts.tenancy import set_active_organisation
from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest, SignedInRequest
from kwartier.core.pagination import paginate
from kwartier.core.shortcuts import confirm_then, get_or_404


@organisation_view()
def organisation_detail(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "teams": selectors.team_list(organisation=organisation),
            "member_count": selectors.member_list(organisation=organisation).count(),
            "can_edit": request.user.has_perm("accounts.change_organisation", organisation),
        },
    )


@organisation_view("accounts.change_organisation")
def organisation_edit(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(organisation=organisation, **form.cleaned_data)
        messages.success(request, _("De gegevens van de organisatie zijn opgeslagen."))
        return redirect("accounts:organisation")
    return render(request, "accounts/organisation_form.html", {"form": form})


@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("account_login")
    organisation_id = request.POST.get("organisation", "")
    membership = (
        selectors.membership_list_for_user(user=request.user)
        .filter(organisation_id=organisation_id if organisation_id.isdigit() else -1)
        .first()
    )
    if membership is None:
        raise Http404
    set_active_organisation(request, membership.organisation)
    messages.success(
        request, _("U werkt nu voor %(name)s.") % {"name": membership.organisation.name}
    )
    return redirect("core:home")


# --- Teams -------------------------------------------------------------------------------


@organisation_view()
def team_list(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    return render(
        request,
        "accounts/team_list.html",
        {
            "page": paginate(request, selectors.team_list(organisation=organisation)),
            "can_manage": request.user.has_perm("accounts.manage_teams", organisation),
        },
    )


@organisation_view("accounts.manage_teams")
def team_create(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Team %(name)s is aangemaakt.") % {"name": team.name})
            return redirect("accounts:teams")
    return render(request, "accounts/team_form.html", {"form": form, "team": None})


@organisation_view("accounts.manage_teams")
def team_edit(request: AuthedRequest, team_id: int) -> HttpResponse:
    organisation = request.membership.organisation
    team = get_or_404(selectors.team_get, organisation=organisation, team_id=team_id)
    initial = {"name": team.name, "layer": team.layer, "description": team.description}
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(team=team, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Team %(name)s is opgeslagen.") % {"name": team.name})
            return redirect("accounts:teams")
    return render(request, "accounts/team_form.html", {"form": form, "team": team})


@organisation_view("accounts.manage_teams")
def team_delete(request: AuthedRequest, team_id: int) -> HttpResponse:
    organisation = request.membership.organisation
    team = get_or_404(selectors.team_get, organisation=organisation, team_id=team_id)
    return confirm_then(
        request,
        action=lambda: services.team_delete(team=team),
        done_message=_("Team %(name)s is verwijderd.") % {"name": team.name},
        done_url=reverse("accounts:teams"),
        cancel_url=reverse("accounts:teams"),
        title=_("Team %(name)s verwijderen?") % {"name": team.name},
        explanation=_("Leden van dit team blijven lid van de organisatie, maar zonder team."),
    )


# --- Members -----------------------------------------------------------------------------


@organisation_view()
def member_list(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    members = selectors.member_list(organisation=organisation)
    query = request.GET.get("q", "").strip()
    if query:
        members = members.filter(
            Q(user__email__icontains=query) | Q(user__full_name__icontains=query)
        )
    return render(
        request,
        "accounts/member_list.html",
        {
            "page": paginate(request, members),
            "query": query,
            "can_manage": request.user.has_perm("accounts.manage_members", organisation),
        },
    )


@organisation_view("accounts.manage_members")
def member_edit(request: AuthedRequest, membership_id: int) -> HttpResponse:
    organisation = request.membership.organisation
    membership = get_or_404(
        selectors.member_get, organisation=organisation, membership_id=membership_id
    )
    form = MembershipForm(
        request.POST or None,
        instance=Membership.objects.get(pk=membership.pk),
        granter=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership=membership,
                role=form.cleaned_data["role"],
                team=form.cleaned_data["team"],
                changed_by=request.user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het lidmaatschap is opgeslagen."))
            return redirect("accounts:members")
    return render(request, "accounts/member_form.html", {"form": form, "membership": membership})


@organisation_view("accounts.manage_members")
def member_remove(request: AuthedRequest, membership_id: int) -> HttpResponse:
    organisation = request.membership.organisation
    membership = get_or_404(
        selectors.member_get, organisation=organisation, membership_id=membership_id
    )
    return confirm_then(
        request,
        action=lambda: services.membership_remove(
            membership=membership,
            removed_by=request.user,
        ),
        done_message=_("%(name)s is geen lid meer.") % {"name": membership.user},
        done_url=reverse("accounts:members"),
        cancel_url=reverse("accounts:members"),
        title=_("%(name)s uit de organisatie verwijderen?") % {"name": membership.user},
        explanation=_(
            "Het account blijft bestaan, maar heeft geen toegang meer tot deze organisatie."
        ),
    )


@organisation_view("accounts.manage_members")
@require_POST
def member_export(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    job = services.member_export_start(organisation=organisation, user=request.user)
    return redirect("core:job", job_id=job.pk)


# --- Invitations -------------------------------------------------------------------------


def send_invitation(
    request: SignedInRequest, form: forms.Form, done_url: str, **fields: Any
) -> HttpResponse | None:
    """Create and mail an invitation from a valid form: on success a message and a
    redirect to ``done_url``; on a refusal the reasons go onto the form and None is
    returned, so the page is shown again. Used by the organisation's invitation page and
    by the platform administrator's financier page."""
    accept_url = request.build_absolute_uri(
        reverse("accounts:invitation_accept", kwargs={"token": "TOKEN"})  # nosec B105  # a placeholder
    ).replace("TOKEN", "{token}")
    try:
        invitation = services.invitation_create(
            invited_by=request.user,
            accept_url_template=accept_url,
            **fields,
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return None
    messages.success(
        request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": invitation.email}
    )
    return redirect(done_url)


@organisation_view("accounts.manage_members")
def invitation_list(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    form = InvitationForm(
        request.POST or None,
        organisation=organisation,
        granter=request.user,
    )
    if request.method == "POST" and form.is_valid():
        sent = send_invitation(
            request, form, "accounts:invitations", organisation=organisation, **form.cleaned_data
        )
        if sent is not None:
            return sent
    return render(
        request,
        "accounts/invitation_list.html",
        {
            "form": form,
            "page": paginate(request, selectors.invitation_list(organisation=organisation)),
        },
    )


@organisation_view("accounts.manage_members")
def invitation_revoke(request: AuthedRequest, invitation_id: int) -> HttpResponse:
    organisation = request.membership.organisation
    invitation = get_or_404(
        selectors.invitation_get, organisation=organisation, invitation_id=invitation_id
    )
    return confirm_then(
        request,
        action=lambda: services.invitation_revoke(invitation=invitation),
        done_message=_("De uitnodiging is ingetrokken."),
        done_url=reverse("accounts:invitations"),
        cancel_url=reverse("accounts:invitations"),
        title=_("Uitnodiging voor %(email)s intrekken?") % {"email": invitation.email},
        explanation=_("De link in de e-mail werkt daarna niet meer."),
        confirm_label=_("Intrekken"),
    )


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        raise Http404
    context: dict[str, Any] = {"invitation": invitation}
    if not invitation.is_open:
        return render(request, "accounts/invitation_closed.html", context, status=410)
    user = request.user if request.user.is_authenticated else None
    account_exists = (
        user is None and selectors.User.objects.filter(email__iexact=invitation.email).exists()
    )
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and (user is not None or form.is_valid()):
        try:
            user, membership = services.invitation_accept(
                invitation=invitation,
                user=user,
                full_name=form.cleaned_data.get("full_name", "") if user is None else "",
                password=form.cleaned_data.get("password1", "") if user is None else "",
            )
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
        else:
            if not request.user.is_authenticated:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            set_active_organisation(request, membership.organisation)
            messages.success(
                request,
                _("Welkom bij %(name)s in Kwartier.") % {"name": membership.organisation.name},
            )
            return redirect("core:home")
    context.update(form=form, signed_in_user=user, account_exists=account_exists)
    return render(request, "accounts/invitation_accept.html", context)


# --- Audit log ---------------------------------------------------------------------------


@organisation_view("accounts.view_audit_log")
def audit_log(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    entries = (
        LogEntry.objects.filter(additional_data__organisation_id=organisation.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )
    return render(request, "accounts/audit_log.html", {"page": paginate(request, entries)})
