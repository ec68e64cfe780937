"""Inter-coder agreement, per code: Cohen's kappa (two coders) and Krippendorff's alpha
(nominal, any number of coders, missing values allowed). Pure Python, no Django.

The unit of analysis (decision 0101) is *story × code presence*: for one code, each
coder gives every story they coded (with any code of the codebook) the value 1 when they
applied this code somewhere in the story and 0 when they did not. Stories a coder did not
code at all are missing values for that coder.

Cohen's kappa:   κ = (p_o − p_e) / (1 − p_e), with p_o the observed share of units
both coders gave the same value and p_e the share expected by chance from each coder's
own distribution of values (Cohen 1960).

Krippendorff's alpha (nominal):   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck /
Σ_{c≠k} n_c · n_k, with o_ck the coincidence matrix over pairable values (units with at
least two values), n_c its marginals and n the number of pairable values
(Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").

Both are undefined (None) when there is no variation to agree on (p_e = 1, D_e = 0).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import permutations

Value = Hashable


def cohen_kappa(first: Sequence[Value], second: Sequence[Value]) -> float | None:
    """Cohen's kappa of two coders' values for the same units (same order, no gaps)."""
    if len(first) != len(second):
        raise ValueError("both coders need a value for every unit")
    n = len(first)
    if n == 0:
        return None
    observed = sum(1 for a, b in zip(first, second, strict=True) if a == b) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[v] * count_b[v] for v in count_a) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def cohen_kappa_from_table(table: Sequence[Sequence[int]]) -> float | None:
    """Kappa from a square contingency table (rows: coder 1, columns: coder 2)."""
    size = len(table)
    first: list[int] = []
    second: list[int] = []
    for i in range(size):
        for j in range(size):
            first.extend([i] * table[i][j])
            second.extend([j] * table[i][j])
    return cohen_kappa(first, second)


def krippendorff_alpha_nominal(units: Sequence[Sequence[Value | None]]) -> float | None:
    """Krippendorff's alpha for nominal data. `units` holds, per unit, the values the
    coders gave (None for a coder who gave none)."""
    coincidence: dict[tuple[Value, Value], float] = {}
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for a, b in permutations(range(m), 2):
            pair = (values[a], values[b])
            coincidence[pair] = coincidence.get(pair, 0.0) + 1.0 / (m - 1)
    marginals: dict[Value, float] = {}
    for (c, _k), weight in coincidence.items():
        marginals[c] = marginals.get(c, 0.0) + weight
    n = sum(marginals.values())
    if n <= 1:
        return None
    disagreement_observed = sum(w for (c, k), w in coincidence.items() if c != k)
    disagreement_expected = sum(
        marginals[c] * marginals[k] for c in marginals for k in marginals if c != k
    )
    if disagreement_expected == 0:
        return None
    return 1.0 - (n - 1) * disagreement_observed / disagreement_expected


@dataclass(frozen=True)
class CodeAgreement:
    """Agreement on one code among the coders who coded the same stories."""

    code: str
    coders: int
    units: int
    kappa: float | None
    alpha: float | None
    observed: float | None


def presence_units(
    coded: Mapping[str, Mapping[int, frozenset[str]]], code: str
) -> tuple[list[str], list[list[int | None]]]:
    """Reliability data for one code: `coded[coder][story]` is the set of codes the coder
    applied in that story (empty set: the coder coded the story with other codes only).
    Returns the coders (sorted) and one row per story any two of them coded."""
    coders = sorted(coded)
    stories = sorted({s for c in coders for s in coded[c]})
    rows: list[list[int | None]] = []
    for story in stories:
        row: list[int | None] = [
            (1 if code in coded[c][story] else 0) if story in coded[c] else None for c in coders
        ]
        if sum(v is not None for v in row) >= 2:
            rows.append(row)
    return coders, rows


def code_agreement(coded: Mapping[str, Mapping[int, frozenset[str]]], code: str) -> CodeAgreement:
    """Kappa (exactly two coders, on the stories both coded) and alpha (any number of
    coders, on the stories at least two coded) for one code."""
    coders, rows = presence_units(coded, code)
    kappa: float | None = None
    if len(coders) == 2:
        both = [r for r in rows if r[0] is not None and r[1] is not None]
        kappa = cohen_kappa([r[0] for r in both], [r[1] for r in both])
    alpha = krippendorff_alpha_nominal(rows)
    pairs = agree = 0
    for row in rows:
        values = [v for v in row if v is not None]
        for i in range(len(values)):
            for j in range(i + 1, len(values)):
                pairs += 1
                agree += values[i] == values[j]
    return CodeAgreement(
        code=code,
        coders=len(coders),
        units=len(rows),
        kappa=kappa,
        alpha=alpha,
        observed=agree / pairs if pairs else None,
    )
