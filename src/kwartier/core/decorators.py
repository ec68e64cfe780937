"""View decorators for tenant pages: signed in, acting for an organisation, allowed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from kwartier.core.http import AuthedRequest
from kwartier.core.models import AccessAction
from kwartier.core.services import access_log_record

if TYPE_CHECKING:
    from kwartier.accounts.models import Membership

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def require_membership(request: HttpRequest) -> Membership:
    """The acting membership (`request.membership`, set by the accounts floor's
    middleware), or 404: a user without one has no tenant data to see."""
    membership = getattr(request, "membership", None)
    # The middleware sets a lazy object, which wraps None for a user without any
    # membership: test its truth, not its identity.
    if not membership:
        raise Http404
    return membership


def organisation_view(
    permission: str | None = None,
) -> Callable[
    [Callable[Concatenate[AuthedRequest, P], R]], Callable[Concatenate[HttpRequest, P], R]
]:
    """Require a signed-in member of the active organisation, with `permission` on it.

    A refusal is logged (ASVS 16.3) and answered with 403: the organisation is the
    user's own, so its existence is no secret. Objects of other organisations are
    never looked up outside the active organisation, so they give 404.
    """

    def decorator(
        view: Callable[Concatenate[AuthedRequest, P], R],
    ) -> Callable[Concatenate[HttpRequest, P], R]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> R:
            membership = require_membership(request)
            # login_required and require_membership above make it an AuthedRequest.
            authed = cast(AuthedRequest, request)
            if permission and not request.user.has_perm(permission, membership.organisation):
                access_log_record(
                    actor=authed.user,
                    action=AccessAction.DENIED,
                    organisation=membership.organisation,
                    object_type="page",
                    object_id=request.path[:64],
                    result="denied",
                    detail=permission,
                )
                raise PermissionDenied
            return view(authed, *args, **kwargs)

        return wrapped

    return decorator
