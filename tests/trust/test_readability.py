"""Taalniveau B1: the texts that respondents, experience workers and the public read
score at least 60 on Flesch-Douma in the median, and none scores under 40.

Run with -s to see the figures and the hardest texts (tests/trust/readability.py says
what is collected and why). Before the rewrite of issue 15 main's texts scored: 205
texts, median 67.1, lowest -68.2, 34 under 40; after: 310 texts (the new privacy and
statement texts included), median 70.6, lowest 40.1 (docs/trust.md).
"""

from __future__ import annotations

from tests.trust.readability import collect, flesch_douma, summary

MEDIAN_AT_LEAST = 60
NONE_UNDER = 40


def test_flesch_douma_scores_plain_dutch_high_and_long_words_low():
    assert flesch_douma("De kat zit op de mat. Het is een mooie dag.") > 100
    assert (
        flesch_douma("Beleidsontwikkeling vereist interdisciplinaire samenwerkingsverbanden.") < 0
    )


def test_the_texts_people_read_are_at_b1_level():
    texts = collect()
    assert len(texts) > 200, "the collector found too few texts: check its sources"
    figures = summary(texts)
    hardest = sorted(texts, key=lambda t: t.score)[:10]
    print(f"\nFlesch-Douma: {figures}")
    print("De tien moeilijkste teksten:")
    for text in hardest:
        print(f"  {text.score:6.1f}  {text.source}: {text.text[:110]}")
    assert figures["median"] >= MEDIAN_AT_LEAST, figures
    too_hard = [f"{t.score:.1f} {t.source}: {t.text}" for t in texts if t.score < NONE_UNDER]
    assert not too_hard, "\n".join(too_hard)
