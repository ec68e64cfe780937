"""Rate limits for pages anyone can reach and for search (decision 0112).

`@rate_limit("public")` on a view counts requests per client address, and with
`token="token"` also per link (the respondent's token, hashed), with Django REST
framework's throttle (the same sliding window and cache the API's token endpoint uses,
so limits hold across gunicorn workers and web nodes). `per="user"` counts a signed-in
reader instead of an address. Over the limit the answer is 429 with a Dutch page and a
`Retry-After` header. The rates are `settings.RATE_LIMITS` (environment variables).

The client address is the one the proxy saw (`REST_FRAMEWORK["NUM_PROXIES"]`, from
`KWARTIER_PROXY_COUNT`): a forged X-Forwarded-For does not give a fresh allowance.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable
from functools import wraps
from typing import Any, Literal, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

security_log = logging.getLogger("kwartier.security")

View = Callable[..., HttpResponse]


class Limit(SimpleRateThrottle):
    """One counter: a scope's rate for one identity (an address, a link, a user)."""

    def __init__(self, scope: str, identity: str) -> None:  # no super(): rates are ours
        self.scope = scope
        self.identity = identity
        self.rate = settings.RATE_LIMITS[scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": f"kwartier-{self.scope}", "ident": self.identity}


def client_address(request: HttpRequest) -> str:
    """The address that counts for a limit, through the configured number of proxies
    (DRF's `get_ident`, which only reads `request.META`)."""
    return str(BaseThrottle().get_ident(cast(Any, request)))


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


def too_many_requests(request: HttpRequest, wait: float | None) -> HttpResponse:
    seconds = max(1, math.ceil(wait or 60))
    response = render(request, "errors/429.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def rate_limit(
    scope: str,
    *,
    per: Literal["address", "user"] = "address",
    link_argument: str | None = None,
) -> Callable[[View], View]:
    """Limit a view: `scope` per client address (or per signed-in user), and when
    `link_argument` names a URL argument, `<scope>_link` per value of it too."""

    def decorator(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            limits = []
            user = getattr(request, "user", None)
            if per == "user" and user is not None and user.is_authenticated:
                limits.append(Limit(scope, f"user-{user.pk}"))
            else:
                limits.append(Limit(scope, f"ip-{_digest(client_address(request))}"))
            link = kwargs.get(link_argument) if link_argument else None
            if link:
                limits.append(Limit(f"{scope}_link", f"link-{_digest(str(link))}"))
            for limit in limits:
                if not limit.allow_request(cast(Any, request), cast(Any, None)):
                    security_log.warning(
                        "rate limit scope=%s path=%s", limit.scope, request.path_info
                    )
                    return too_many_requests(request, limit.wait())
            return view(request, *args, **kwargs)

        return limited

    return decorator
