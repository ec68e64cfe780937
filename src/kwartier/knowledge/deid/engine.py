"""The de-identification engine: deduce plus our social-domain rules."""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kwartier.knowledge.deid.informal import (
    find_informal_spans,
    propagate_abbreviations,
    propagate_names,
)
from kwartier.knowledge.deid.policy import drop_non_identifying
from kwartier.knowledge.deid.replacements import Mode, replace_resolved
from kwartier.knowledge.deid.rules import deduce_age_is_plausible, find_rule_spans
from kwartier.knowledge.deid.spans import (
    ADDRESS,
    AGE,
    BSN,
    DATE,
    EMAIL,
    ID_NUMBER,
    LOCATION,
    ORGANISATION,
    PERSON,
    PHONE,
    URL,
    RawSpan,
    Span,
    resolve_overlaps,
)

if TYPE_CHECKING:
    from deduce import Deduce

# deduce's tags (after its own post-processing) mapped to our labels.
DEDUCE_TAG_LABELS: dict[str, str] = {
    "persoon": PERSON,
    "patient": PERSON,
    "locatie": LOCATION,
    "ziekenhuis": ORGANISATION,
    "zorginstelling": ORGANISATION,
    "instelling": ORGANISATION,
    "datum": DATE,
    "leeftijd": AGE,
    "bsn": BSN,
    "id": ID_NUMBER,
    "telefoonnummer": PHONE,
    "emailadres": EMAIL,
    "url": URL,
}
# deduce's redactor only writes "[PERSOON-1]"; we render replacements ourselves. Its
# e-mail, URL and phone annotators are skipped because rules.py finds a superset of
# what they find (more phone formats, any top-level domain); running both would only
# cost time (see bench/deid.py).
_DEDUCE_DISABLED_PROCESSORS = frozenset(
    {"redactor", "email", "url", "phone", "dates", "ages", "postal_code", "postbus", "bsn"}
)
# Articles that belong to a place or organisation name in running text ("in de
# Schilderswijk", "bij het Leger des Heils"): they go into the span, so a reader cannot
# tell from a left-over article what kind of name was there.
_ARTICLES = ("de ", "het ", "De ", "Het ")


@dataclass(frozen=True, slots=True)
class Result:
    """A de-identified text and the spans that were replaced in the original."""

    text: str
    spans: list[Span]


def deduce_label(tag: str, text: str) -> str:
    """Our label for a deduce tag; a deduce location with digits is a street address."""
    label = DEDUCE_TAG_LABELS.get(tag)
    if label is None:
        # Composite tags ("voornaam+achternaam") that survived deduce's converters.
        label = PERSON if ("naam" in tag or "persoon" in tag) else LOCATION
    if label == LOCATION and any(char.isdigit() for char in text):
        return ADDRESS
    return label


def _import_deduce_quietly() -> type[Deduce]:
    """Import deduce without keeping its import-time logging setup.

    deduce 3.0.6 calls ``logging.basicConfig(stream=sys.stdout, level=DEBUG)`` when it
    is imported. That would send every library's debug messages into our JSON-lines
    output on stdout, so whatever it adds to the root logger is taken off again.
    """
    root = logging.getLogger()
    handlers_before, level_before = list(root.handlers), root.level
    from deduce import Deduce

    for handler in root.handlers[:]:
        if handler not in handlers_before:
            root.removeHandler(handler)
    root.setLevel(level_before)
    imported: type[Deduce] = Deduce  # deduce ships no types
    return imported


def _build_deduce(cache_dir: Path) -> Any:
    """A deduce instance whose lookup structures come from our flat cache.

    deduce's own constructor unpickles its nested lookup tries, which was nearly all of
    the engine's start-up time (see lookup_cache). This does what ``Deduce.__init__``
    does (deduce is pinned at 3.0.6), with the structures from :mod:`.lookup_cache`;
    the first time, deduce builds or loads its own cache and the flat copy is written.
    """
    from kwartier.knowledge.deid import lookup_cache

    deduce_class = _import_deduce_quietly()
    structs = lookup_cache.load(cache_dir)
    if structs is None:
        built = deduce_class(cache_path=cache_dir)
        try:
            lookup_cache.save(cache_dir, built.lookup_structs)
        except OSError:
            # A read-only cache folder: this process works, the next one loads slowly too.
            logging.getLogger(__name__).warning("flat lookup cache not written to %s", cache_dir)
        return built
    from deduce import deduce as deduce_module
    from docdeid.deidentifier import DocDeid

    deduce = object.__new__(deduce_class)
    DocDeid.__init__(deduce)
    deduce.config = deduce_class._initialize_config(load_base_config=True, user_config=None)
    deduce.lookup_data_path = deduce_module._LOOKUP_LIST_PATH
    deduce.cache_path = cache_dir
    tokenizer = deduce_class._initialize_tokenizer(deduce.lookup_data_path)
    deduce.tokenizers = {"default": tokenizer}
    deduce.lookup_structs = structs
    deduce.processors = deduce_module._DeduceProcessorLoader().load(
        config=deduce.config, extras={"tokenizer": tokenizer, "ds": structs}
    )
    return deduce


class Deidentifier:
    """Finds identifiers in Dutch text and replaces them.

    Construction loads deduce's lookup structures from ``cache_dir`` (building them
    there on first use, which takes one to two minutes and about 120 MB; after that a
    warm start takes about a second). Build one instance per process and keep it: see
    :func:`get_deidentifier`.
    """

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._deduce: Any = _build_deduce(self.cache_dir)
        # The lookup structures are a few hundred thousand objects that live as long as
        # the process; without this every full garbage collection walks all of them
        # again, which cost the engine a third of its throughput (bench/deid.py).
        gc.freeze()

    def deduce_spans(self, text: str) -> list[RawSpan]:
        """deduce's own annotations, mapped to our labels."""
        document = self._deduce.deidentify(text, disabled=_DEDUCE_DISABLED_PROCESSORS)
        spans = []
        for annotation in document.annotations:
            # deduce gives numpy.int64 offsets for annotations it trimmed on overlap
            # ("Maria van Haag 45"); they would break json.dumps further on.
            start, end = int(annotation.start_char), int(annotation.end_char)
            label = deduce_label(annotation.tag, annotation.text)
            if label == AGE and not deduce_age_is_plausible(text, start, end):
                continue
            spans.append((start, end, label))
        return spans

    def find_spans(self, text: str) -> list[Span]:
        """Non-overlapping identifier spans, sorted by start, offsets into ``text``."""
        if not text.strip():
            return []
        raw = self.deduce_spans(text) + find_rule_spans(text) + find_informal_spans(text)
        # Two in five spans are found twice (by deduce and a rule, or by two rules): each
        # is judged once. Order does not matter: resolve_overlaps sorts.
        kept = drop_non_identifying(text, list(dict.fromkeys(raw)))
        spans = resolve_overlaps(text, kept)
        # A name or organisation found once is redacted wherever else it is mentioned.
        more = propagate_names(text, spans) + propagate_abbreviations(text, spans)
        if more:
            raw = [(span.start, span.end, span.label) for span in spans] + more
            # drop_non_identifying judges each span on its own: the ones it kept above
            # need no second look (most resolved spans are one of them, unchanged).
            passed = set(kept)
            unjudged = [span for span in raw if span not in passed]
            if unjudged or len(set(raw)) != len(spans):
                checked = drop_non_identifying(text, unjudged)
                spans = resolve_overlaps(text, [span for span in raw if span in passed] + checked)
            # else: every mention found again is a span already there; nothing changes.
        return _with_articles(text, spans)

    def deidentify(self, text: str, mode: Mode = "tags", seed: int = 0) -> Result:
        spans = self.find_spans(text)
        # find_spans gives resolved spans already: no second merge.
        return Result(replace_resolved(text, spans, mode=mode, seed=seed), spans)


def _with_articles(text: str, spans: list[Span]) -> list[Span]:
    """Extend place and organisation spans over a directly preceding article."""
    extended: list[Span] = []
    previous_end = 0
    for span in spans:
        if span.label in (LOCATION, ORGANISATION) or (
            span.label == ADDRESS and not any(char.isdigit() for char in span.text)
        ):
            for article in _ARTICLES:
                start = span.start - len(article)
                if (
                    start >= previous_end
                    and text.startswith(article, start)
                    and (start == 0 or not text[start - 1].isalnum())
                ):
                    span = Span(start, span.end, span.label, text[start : span.end])
                    break
        extended.append(span)
        previous_end = span.end
    return extended


_instances: dict[Path, Deidentifier] = {}
_instances_lock = threading.Lock()


def get_deidentifier(cache_dir: Path) -> Deidentifier:
    """The process-wide engine for ``cache_dir``, built on first use.

    Loading takes about a second with a warm cache (minutes without), and the engine
    holds some 100 MB, so web and job processes keep one each.
    """
    key = Path(cache_dir).resolve()
    with _instances_lock:
        instance = _instances.get(key)
        if instance is None:
            instance = Deidentifier(key)
            _instances[key] = instance
        return instance
