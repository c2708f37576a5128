"""The shared domain lexicon (``content/lexicon.yaml``): synonym sets that hold across questions.

A plain key point's words are looked up here (``content.derive``); a word in several sets gets all
of them.  Words are compared by a crude stem, so "stores", "storing" and "stored" find the set of
"store"; a word whose crude stem is three letters or fewer must be an entry itself ("cors" is not
"cores").  ``names`` are other names of a thing a comparison prompt may name ("sql",
"relational").  ``opposites`` pairs sets of words that say the contrary of each other ("shared" and
"own", "faster" and "slower"): a plain point's opposite claims are built from them.  ``generic``
words ("server", "request") are ones nearly every answer uses: they help complete a point, never
make it.  The file is read on first use, never at import time.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

import yaml

MIN_PREFIX = 4
SHORT_STEM = 3
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "es", "s", "ly")


def crude_stem(word: str) -> str:
    """A rough stem for lexicon look-ups: common endings and a final "e" removed ("caching" -> "cach")."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                continue
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def _key(text: str) -> tuple[str, ...]:
    """The crude stems of a lexicon entry's words."""
    return tuple(crude_stem(word) for word in text.lower().replace("-", " ").split())


@dataclass
class Lexicon:
    """Synonym sets indexed by the stems of their one-word entries and by their phrases."""

    sets: list[tuple[str, ...]]
    pairs: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    named: list[tuple[str, ...]] = field(default_factory=list)
    generic: frozenset[str] = frozenset()
    _by_word: dict[str, list[int]] = field(default_factory=dict)
    _exact: dict[str, list[int]] = field(default_factory=dict)
    _opposite: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _by_phrase: dict[tuple[str, ...], int] = field(default_factory=dict)
    _prefixes: list[tuple[str, int]] = field(default_factory=list)
    longest: int = 1

    def __post_init__(self) -> None:
        for index, entries in enumerate(self.sets):
            for entry in entries:
                key = _key(entry.rstrip("*"))
                if len(key) == 1 and entry.endswith("*") and len(entry) > MIN_PREFIX:
                    self._prefixes.append((entry[:-1].lower(), index))
                if len(key) == 1:
                    self._by_word.setdefault(key[0], []).append(index)
                    self._exact.setdefault(entry.lower(), []).append(index)
                elif key:
                    self._by_phrase.setdefault(key, index)
                    self.longest = max(self.longest, len(key))
        for first, second in self.pairs:
            for one, other in ((first, second), (second, first)):
                for entry in one:
                    if " " not in entry:
                        self._opposite.setdefault(crude_stem(entry.rstrip("*")), other)

    def is_generic(self, word: str) -> bool:
        """Whether ``word`` is one that nearly every answer uses ("server", "request", "data")."""
        return crude_stem(word) in self.generic

    def names(self, word: str) -> tuple[str, ...]:
        """The other names of a thing a comparison may name ("sql": "relational", "rdbms")."""
        stem = crude_stem(word)
        found = [entry for group in self.named if stem in map(crude_stem, group) for entry in group]
        return tuple(dict.fromkeys(entry for entry in found if crude_stem(entry) != stem))

    def opposites(self, word: str) -> tuple[str, ...]:
        """The words that say the contrary of ``word`` (empty when the lexicon pairs it with none)."""
        stem = crude_stem(word.rstrip("*"))
        if len(stem) <= SHORT_STEM and not any(word.lower() in pair for pair in self.pairs):
            return ()
        return self._opposite.get(stem, ())

    def synonyms(self, word: str) -> tuple[str, ...]:
        """Every entry of every set the word belongs to, in file order."""
        found: list[str] = []
        lower = word.lower()
        stem = crude_stem(word)
        indexes = self._exact.get(lower, []) if len(stem) <= SHORT_STEM else self._by_word.get(stem, [])
        indexes = indexes + [i for prefix, i in self._prefixes if lower.startswith(prefix)]
        for index in dict.fromkeys(indexes):
            found += self.sets[index]
        return tuple(dict.fromkeys(found))

    def phrase_at(self, words: Sequence[str], start: int) -> tuple[int, tuple[str, ...] | None]:
        """The longest lexicon phrase starting at ``words[start]``: (its length, its set), else (1, None)."""
        for length in range(min(self.longest, len(words) - start), 1, -1):
            index = self._by_phrase.get(tuple(crude_stem(w) for w in words[start : start + length]))
            if index is not None:
                return length, self.sets[index]
        return 1, None


def parse_lexicon(text: str) -> Lexicon:
    """A lexicon from the YAML text of ``lexicon.yaml`` (a mapping with a list of ``sets``, a list
    of ``opposites``, each two lists of words, a list of ``names``: other names of one thing, and a
    list of ``generic`` words)."""
    data = yaml.safe_load(text) or {}
    groups = data.get("sets", [])
    sets = [_entries(group) for group in groups]
    pairs = [
        (_entries(pair[0]), _entries(pair[1]))
        for pair in data.get("opposites", []) or []
        if isinstance(pair, list) and len(pair) == 2
    ]
    named = [_entries(group) for group in data.get("names", []) or []]
    generic = frozenset(crude_stem(word) for word in _entries(data.get("generic", []) or []))
    return Lexicon(
        [group for group in sets if len(group) > 1],
        [p for p in pairs if p[0] and p[1]],
        [group for group in named if len(group) > 1],
        generic,
    )


def _entries(group: object) -> tuple[str, ...]:
    """The non-empty entries of a lexicon list (a lone word is a list of one)."""
    items = group if isinstance(group, list) else [group]
    return tuple(str(entry).strip() for entry in items if str(entry).strip())


@functools.cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon, read once."""
    text = resources.files("content").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return parse_lexicon(text)
