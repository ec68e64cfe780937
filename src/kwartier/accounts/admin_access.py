"""Who may use the Django admin (/beheer/): a staff account that signed in through
Kwartier's own login, with two-step verification in this session (issue 17.6).

The admin's own password-only login form is replaced: /beheer/login/ sends the visitor
to allauth's login (rate limits, MFA and the access log apply), and the admin asks in
`has_permission` whether this session was confirmed with a second factor.
"""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.socialaccount.models import SocialToken
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from kwartier.accounts.selectors import user_has_mfa
from kwartier.core.http import acting_user


def session_used_mfa(request: HttpRequest) -> bool:
    """Whether the signed-in user confirmed this session with a second factor."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def admin_has_permission(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and session_used_mfa(request))


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("admin:index")


def admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """Replaces `admin.site.login`."""
    if not request.user.is_authenticated:
        query = urlencode({REDIRECT_FIELD_NAME: _next_url(request)})
        return HttpResponseRedirect(f"{reverse('account_login')}?{query}")
    if admin_has_permission(request):
        return HttpResponseRedirect(_next_url(request))
    context = {
        "is_staff": request.user.is_staff,
        "has_mfa": user_has_mfa(user=acting_user(request)),
    }
    return render(request, "account/admin_mfa_required.html", context, status=403)


# Models whose rows are credentials to act as someone else: never listed in the admin.
CREDENTIAL_MODELS = [SocialToken]


def harden_admin_site(site: admin.AdminSite) -> None:
    """Kwartier's login with MFA for the admin, and no credentials in it. API tokens
    are stored hashed (kwartier.api) and have no admin page at all."""
    site.login = admin_login  # type: ignore[method-assign]
    site.has_permission = admin_has_permission  # type: ignore[method-assign]
    for model in CREDENTIAL_MODELS:
        if site.is_registered(model):
            site.unregister(model)
