"""The shared domain lexicon (``content/lexicon.yaml``): synonym sets that hold across questions.

A plain key point's words are looked up here (``content.derive``); a word in several sets gets all
of them.  Words are compared by a crude stem, so "stores", "storing" and "stored" find the set of
"store".  The file is read on first use, never at import time.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

import yaml

MIN_PREFIX = 4
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
    _by_word: dict[str, list[int]] = field(default_factory=dict)
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
                elif key:
                    self._by_phrase.setdefault(key, index)
                    self.longest = max(self.longest, len(key))

    def synonyms(self, word: str) -> tuple[str, ...]:
        """Every entry of every set the word belongs to, in file order."""
        found: list[str] = []
        lower = word.lower()
        indexes = self._by_word.get(crude_stem(word), [])
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
    """A lexicon from the YAML text of ``lexicon.yaml`` (a mapping with a list of ``sets``)."""
    data = yaml.safe_load(text) or {}
    groups = data.get("sets", [])
    sets = [tuple(str(entry).strip() for entry in group if str(entry).strip()) for group in groups]
    return Lexicon([group for group in sets if len(group) > 1])


@functools.cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon, read once."""
    text = resources.files("content").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return parse_lexicon(text)
