"""The development portfolio as PDF (WeasyPrint), from plain data (selectors.portfolio_document)."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string


def render_portfolio_pdf(document: dict[str, Any], *, request: HttpRequest) -> bytes:
    # WeasyPrint is heavy to import: only when a PDF is asked for (as planning does).
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # Nothing to fetch: the document is text only. Refusing every protocol but data means
    # rendering never reaches the network or this server.
    data_only = URLFetcher(allowed_protocols={"data"})
    html = render_to_string("workforce/portfolio_print.html", {"doc": document}, request=request)
    stylesheet = finders.find("planning/print.css")
    pdf = HTML(string=html, url_fetcher=data_only).write_pdf(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None
    )
    return bytes(pdf or b"")
