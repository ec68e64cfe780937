"""Pages for the platform administrator: organisations, regional networks and the
financiers of a network (a role no organisation can give itself, decision 0008)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwartier.accounts import services
from kwartier.accounts.models import Invitation, Network, Organisation, Role
from kwartier.accounts.views import send_invitation
from kwartier.core.http import SignedInRequest
from kwartier.core.pagination import paginate


def platform_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: SignedInRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("accounts.manage_networks"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class OrganisationCreateForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "slug", "city", "description", "networks"]
        widgets = {"networks": forms.CheckboxSelectMultiple}
        help_texts = {"slug": gettext_lazy("Kleine letters, cijfers en streepjes, bijv. debrug.")}


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "slug", "description"]


@platform_admin_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(**form.cleaned_data)
        messages.success(request, _("Organisatie %(name)s is aangemaakt.") % {"name": organisation})
        return redirect("platform:organisations")
    organisations = Organisation.objects.prefetch_related("networks").order_by("name")
    return render(
        request,
        "accounts/platform_organisations.html",
        {"form": form, "page": paginate(request, organisations)},
    )


@platform_admin_required
def network_list(request: HttpRequest) -> HttpResponse:
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = services.network_create(**form.cleaned_data)
        messages.success(request, _("Netwerk %(name)s is aangemaakt.") % {"name": network})
        return redirect("platform:networks")
    networks = Network.objects.prefetch_related("organisations").order_by("name")
    return render(
        request,
        "accounts/platform_networks.html",
        {"form": form, "page": paginate(request, networks)},
    )


class FinancierInvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisatie van de financier"),
        queryset=Organisation.objects.order_by("name"),
        help_text=gettext_lazy(
            "Bijvoorbeeld de gemeente. De financier leest de vastgestelde plannen van de "
            "organisaties in de netwerken van deze organisatie."
        ),
    )
    email = forms.EmailField(label=gettext_lazy("E-mailadres"))


@platform_admin_required
def financier_list(request: SignedInRequest) -> HttpResponse:
    """Invite a financier: only here, by the platform administrator."""
    form = FinancierInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = send_invitation(
            request,
            form,
            "platform:financiers",
            organisation=form.cleaned_data["organisation"],
            email=form.cleaned_data["email"],
            role=Role.FINANCIER,
            team=None,
        )
        if sent is not None:
            return sent
    invitations = (
        Invitation.objects.filter(role=Role.FINANCIER)
        .select_related("organisation")
        .order_by("-created_at")
    )
    return render(
        request,
        "accounts/platform_financiers.html",
        {"form": form, "page": paginate(request, invitations)},
    )
