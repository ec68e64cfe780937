"""A fast-loading copy of deduce's lookup structures.

deduce caches its lookup structures as one pickle of nested ``LookupTrie`` objects:
about a million small objects, each with its own dict. Unpickling that took 6-15 s per
process (measured: 99 % of the engine's start-up, see bench/deid.py), so every web or
job worker paid it before its first story.

This module stores the same content flat: each trie becomes one dict from its first
tokens to one string that encodes everything after them, each set a list of strings.
That is a few hundred thousand plain strings instead of millions of objects, which
unpickle several times faster, and :class:`FlatTrie` answers deduce's questions from
it with the same results (tests/knowledge/test_deid_lookup_cache.py compares both).

The file is written next to deduce's own cache the first time (from deduce's
structures, so the content is exactly deduce's) and re-used after that; a different
deduce or docdeid version, or another format version, rebuilds it.
"""

from __future__ import annotations

import gc
import importlib.metadata
import os
import pickle  # nosec B403  # only our own cache file is unpickled (see load)
import tempfile
from pathlib import Path
from typing import Any

from docdeid.ds.ds import DsCollection
from docdeid.ds.lookup import LookupSet, LookupTrie

FORMAT_VERSION = 2
CACHE_FILE = "kwartier-lookup.pickle"
# Joins the tokens of a prefix into one key. A token containing it cannot match.
SEPARATOR = "\x00"


class FlatTrie(LookupTrie):
    """A read-only ``LookupTrie`` stored as one string per first token.

    ``heads`` maps each first token (after the matching pipeline) to the rest of the
    items that start with it, encoded as lines ``<1|0><rest>``: "1" when an item ends
    there, the rest being the following tokens joined by ``SEPARATOR`` (empty for the
    first token itself). A head is decoded into a small dict the first time a text
    contains it, so loading creates two strings per first token instead of a dict per
    trie node. Only what deduce and docdeid use is implemented: ``children`` (its
    keys: the first tokens), ``__contains__`` and ``longest_matching_prefix``.
    """

    def __init__(self, heads: dict[str, str], matching_pipeline: Any) -> None:
        super().__init__(matching_pipeline=matching_pipeline)
        self._heads = heads
        self._decoded: dict[str, dict[str, bool]] = {}
        # docdeid reads ``trie.children.keys()`` to find the tokens a match starts with.
        self.children = heads  # type: ignore[assignment]
        self.is_terminal = False

    def add_item(self, item: list[str]) -> None:
        raise TypeError("FlatTrie is read-only")

    def _rests(self, head: str) -> dict[str, bool] | None:
        rests = self._decoded.get(head)
        if rests is None:
            encoded = self._heads.get(head)
            if encoded is None:
                return None
            rests = {line[1:]: line[0] == "1" for line in encoded.split("\n")}
            self._decoded[head] = rests
        return rests

    def _match_length(self, item: list[str], start_i: int) -> int:
        """Tokens in the longest item that ``item[start_i:]`` starts with (0: none)."""
        if start_i >= len(item):
            return 0
        rests = self._rests(self._apply_matching_pipeline(item[start_i]))
        if rests is None:
            return 0
        longest = 1 if rests.get("") else 0
        key = ""
        for offset in range(start_i + 1, len(item)):
            token = self._apply_matching_pipeline(item[offset])
            if SEPARATOR in token or "\n" in token:
                break
            key = token if not key else key + SEPARATOR + token
            ends_here = rests.get(key)
            if ends_here is None:
                break
            if ends_here:
                longest = offset - start_i + 1
        return longest

    def __contains__(self, item: object) -> bool:
        # As docdeid's trie: only the first token goes through the matching pipeline
        # (its child nodes have none), the rest must match as stored.
        if not isinstance(item, list) or not item:
            return False
        rest = item[1:]
        # No list item holds a separator, so a token with one is never part of an item
        # (joined, "de" + "de\x00van" would otherwise read as the item "de de van").
        if any(SEPARATOR in token or "\n" in token for token in rest):
            return False
        rests = self._rests(self._apply_matching_pipeline(item[0]))
        return bool(rests and rests.get(SEPARATOR.join(rest)))

    def longest_matching_prefix(self, item: list[str], start_i: int = 0) -> list[str] | None:
        longest = self._match_length(item, start_i)
        if not longest:
            return None
        return [self._apply_matching_pipeline(token) for token in item[start_i : start_i + longest]]


def flatten_trie(trie: LookupTrie) -> dict[str, str]:
    """``trie`` as first token -> encoded rests (see :class:`FlatTrie`)."""
    heads: dict[str, str] = {}
    for head, node in trie.children.items():
        lines: list[str] = []
        stack: list[tuple[str, LookupTrie]] = [("", node)]
        while stack:
            key, current = stack.pop()
            if "\n" in key or any(SEPARATOR in token for token in current.children):
                raise ValueError(f"lookup item with a separator character after {head!r}")
            lines.append(("1" if current.is_terminal else "0") + key)
            stack.extend(
                (token if not key else key + SEPARATOR + token, child)
                for token, child in current.children.items()
            )
        heads[head] = "\n".join(lines)
    return heads


def _versions() -> tuple[int, str, str]:
    return (
        FORMAT_VERSION,
        importlib.metadata.version("deduce"),
        importlib.metadata.version("docdeid"),
    )


def _to_flat(structs: DsCollection) -> dict[str, tuple[str, Any, Any, Any]]:
    flat: dict[str, tuple[str, Any, Any, Any]] = {}
    for name, struct in structs.items():
        if isinstance(struct, LookupTrie):
            flat[name] = ("trie", struct.matching_pipeline, flatten_trie(struct), None)
        elif isinstance(struct, LookupSet):
            flat[name] = ("set", struct.matching_pipeline, list(struct.items()), None)
        else:
            raise TypeError(f"unknown lookup structure {name}: {type(struct).__name__}")
    return flat


def _from_flat(flat: dict[str, tuple[str, Any, Any, Any]]) -> DsCollection:
    structs = DsCollection()
    for name, (kind, pipeline, content, _) in flat.items():
        if kind == "trie":
            structs[name] = FlatTrie(content, pipeline)
        else:
            lookup_set = LookupSet(matching_pipeline=pipeline)
            # Items are stored after the pipeline already; set them as they are.
            lookup_set._items = set(content)
            structs[name] = lookup_set
    return structs


def load(cache_dir: Path) -> DsCollection | None:
    """The flat structures from ``cache_dir``, or None when absent or stale."""
    path = Path(cache_dir) / CACHE_FILE
    try:
        with path.open("rb") as handle:
            # Unpickling a million strings with the cyclic garbage collector running
            # costs twice the time: it scans the growing heap again and again.
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                payload = pickle.load(handle)  # noqa: S301  # nosec B301  # our own file in our cache folder
            finally:
                if gc_was_enabled:
                    gc.enable()
    except (FileNotFoundError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("versions") != _versions():
        return None
    return _from_flat(payload["structs"])


def save(cache_dir: Path, structs: DsCollection) -> None:
    """Write the flat copy atomically (other workers may be reading the old one)."""
    payload = {"versions": _versions(), "structs": _to_flat(structs)}
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".kwartier-lookup-")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; workers may run as others
        os.replace(temporary, cache_dir / CACHE_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
