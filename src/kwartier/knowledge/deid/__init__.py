"""Dutch de-identification for stories of the social domain.

deduce (UMC Utrecht) finds names, places, dates and the common number formats; our
own rules in :mod:`.rules` add what the social domain needs (IBAN, licence plates,
case numbers, ages, named organisations, neighbourhoods, more phone formats), and
:mod:`.informal` what chat, letters, interviews and notes need (sender labels,
greetings and signatures, lower-case names, handles, ages and dates as people write
them). :mod:`.policy` drops what identifies nobody (decision 0040). The engine merges
all of it, and :func:`apply_replacements` renders tags or surrogates. deduce's lookup
structures load from a flat cache (:mod:`.lookup_cache`) in well under a second.

Plain Python: nothing here imports Django.

    engine = get_deidentifier(Path("var/deid-cache"))
    result = engine.deidentify("Ik woon in Utrecht.", mode="tags")
    result.text  # 'Ik woon in [PLAATS 1].'
"""

from kwartier.knowledge.deid.engine import Deidentifier, Result, get_deidentifier
from kwartier.knowledge.deid.replacements import TAG_NAMES, Mode, apply_replacements
from kwartier.knowledge.deid.spans import LABELS, Span

__all__ = [
    "LABELS",
    "TAG_NAMES",
    "Deidentifier",
    "Mode",
    "Result",
    "Span",
    "apply_replacements",
    "get_deidentifier",
]
