"""HTML to PDF (WeasyPrint), remembered in the shared cache by what goes in (decision 0118).

WeasyPrint takes 0.5 to 1 s of CPU for a plan; the HTML it is given takes a few
milliseconds. The view still reads the data, checks access and renders the HTML on every
request; only the step from that HTML to PDF is remembered, keyed by a SHA-256 of
everything WeasyPrint sees: the HTML, the stylesheets' text and WeasyPrint's version.
Nothing is fetched while rendering (only ``data:`` URLs, which are inside the HTML), so
the key is the whole input and no entry can be stale or answer a request that would
render anything else: an edited plan, another organisation's plan or a financier's view
of the adopted version is different HTML, hence a different key. Entries are never
invalidated; they expire after ``TIMEOUT``, and the ``pdf`` cache (a table of its own,
so that culling PDFs never drops a rate-limit counter) culls beyond 500.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Final

from django.core.cache import caches

TIMEOUT: Final = 24 * 60 * 60
_PREFIX: Final = "pdf:v1:"


def _key(html: str, stylesheets: Sequence[str]) -> str:
    import weasyprint

    digest = hashlib.sha256(weasyprint.__version__.encode())
    for text in (html, *stylesheets):
        encoded = text.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return _PREFIX + digest.hexdigest()


def html_to_pdf(html: str, *, stylesheets: Sequence[str | None] = ()) -> bytes:
    """The PDF of ``html`` with the stylesheets at these paths (``None``s are skipped, as
    ``finders.find`` answers for a missing file); only ``data:`` URLs are fetched."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    texts = []
    for path in stylesheets:
        if path is not None:
            with open(path, encoding="utf-8") as sheet:
                texts.append(sheet.read())
    key = _key(html, texts)
    cache = caches["pdf"]
    cached = cache.get(key)
    if isinstance(cached, bytes):
        return cached
    # Rendering never fetches from the network or from this server: the documents hold
    # their charts as data: images and nothing else.
    data_only = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=data_only)
    pdf = bytes(document.write_pdf(stylesheets=[CSS(string=text) for text in texts]) or b"")
    cache.set(key, pdf, TIMEOUT)
    return pdf
