"""The page a visitor sees past a rate limit (issue 12 point 7): Dutch, axe-clean."""

from __future__ import annotations

from django.core.cache import cache


def test_past_the_public_limit_a_visitor_gets_a_clear_dutch_page(
    visitor_factory, transactional_db, settings
):
    cache.clear()  # counters of earlier journeys from this same address
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public": "1/min"}
    visitor = visitor_factory("bezoeker")
    visitor.goto("/kennisbank/openbaar/")
    response = visitor.page.goto(visitor.base_url + "/kennisbank/openbaar/?q=werk")
    assert response is not None and response.status == 429
    visitor.check()
    heading = visitor.page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Even wachten, alstublieft"
    cache.clear()
