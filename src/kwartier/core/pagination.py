from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 25


def paginate(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> Page[Any]:
    """The page asked for in `?pagina=`; a wrong or too-high number gives the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("pagina"))
