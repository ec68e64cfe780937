"""Pages for the platform administrator: organisations and regional networks."""

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
from kwartier.accounts.models import Network, Organisation
from kwartier.core.pagination import paginate


def platform_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
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
