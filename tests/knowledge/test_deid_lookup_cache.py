"""The flat lookup cache answers exactly as deduce's own tries (property tests)."""

from __future__ import annotations

import docdeid as dd
from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.knowledge.deid import lookup_cache
from kwartier.knowledge.deid.lookup_cache import FlatTrie, flatten_trie

ITEM_TOKENS = st.sampled_from(["de", "De", "van", "Kerk", "straat", "Jan", "-", " "])
# Texts may hold the characters the flat format uses as separators; lists never do.
TOKENS = ITEM_TOKENS | st.sampled_from(["a\x00b", "x\ny", "de\x00van"])
ITEMS = st.lists(st.lists(ITEM_TOKENS, min_size=1, max_size=4), max_size=12)


def both(items: list[list[str]]) -> tuple[dd.ds.LookupTrie, FlatTrie]:
    pipeline = [dd.str.LowercaseString()]
    trie = dd.ds.LookupTrie(matching_pipeline=pipeline)
    for item in items:
        trie.add_item(item)
    return trie, FlatTrie(flatten_trie(trie), pipeline)


@settings(max_examples=300, deadline=None)
@given(items=ITEMS, query=st.lists(TOKENS, max_size=6), start=st.integers(0, 6))
def test_flat_trie_answers_like_deduce_trie(items, query, start) -> None:
    trie, flat = both(items)
    assert flat.longest_matching_prefix(query, start_i=start) == trie.longest_matching_prefix(
        query, start_i=start
    )
    assert (query in flat) == (query in trie)
    assert set(flat.children.keys()) == set(trie.children.keys())


def test_cache_round_trip_and_version_check(tmp_path) -> None:
    trie, _ = both([["Kerk", "straat"], ["de"]])
    words = dd.ds.LookupSet(matching_pipeline=[dd.str.LowercaseString()])
    words.add_items_from_iterable(["Jan", "Piet"])
    structs = dd.ds.DsCollection()
    structs["street"], structs["names"] = trie, words
    lookup_cache.save(tmp_path, structs)

    loaded = lookup_cache.load(tmp_path)
    assert loaded is not None
    assert loaded["street"].longest_matching_prefix(["kerk", "STRAAT", "5"]) == ["kerk", "straat"]
    assert "jan" in loaded["names"] and "Piet" in loaded["names"]

    (tmp_path / lookup_cache.CACHE_FILE).write_bytes(b"not a pickle")
    assert lookup_cache.load(tmp_path) is None  # a damaged file is rebuilt, never trusted
    assert lookup_cache.load(tmp_path / "absent") is None


def test_list_items_with_a_separator_are_refused() -> None:
    trie = dd.ds.LookupTrie()
    trie.add_item(["a", "b\nc"])
    try:
        flatten_trie(trie)
    except ValueError:
        return
    raise AssertionError("a separator inside a list item must not be stored silently")


def test_engine_starts_from_the_flat_cache(deidentifier) -> None:
    """The session engine uses the flat structures (after the first build)."""
    structs = deidentifier._deduce.lookup_structs
    assert isinstance(structs["street"], (FlatTrie, dd.ds.LookupTrie))
    assert deidentifier.find_spans("Ik woon aan de Kerkstraat 5 in Utrecht.")


def test_a_token_holding_the_separator_is_never_part_of_an_item() -> None:
    # Found by the property test above: joined with the separator, "de" + "de\x00van"
    # read as the stored item "de de van".
    trie, flat = both([["de", "de", "van"]])
    assert (["de", "de\x00van"] in flat) is False
    assert (["de", "de\x00van"] in trie) is False
    assert (["de", "de", "van"] in flat) is True
