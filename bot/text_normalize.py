"""Reads free text into tokens: cleaned, expanded, stemmed, with sentence, clause and negation structure.

The same reader serves answers and the pack's own wording, so both sides of every comparison are
spelt the same way: lowercase, American spelling, chat abbreviations expanded, acronym expansions
collapsed ("JSON Web Token" -> "jwt"), contractions split ("doesn't" -> "does not"), stemmed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.text_lexicon import (
    ABBREVIATIONS,
    AUXILIARIES,
    CLAUSE_WORDS,
    COMPLEMENT_VERBS,
    FUNCTION_WORDS,
    NEGATION_CANCELLERS,
    NEGATION_CUES,
    PHRASES,
    SOFT_NEGATION_CUES,
    american,
)
from bot.text_stem import stem

MAX_CHARS = 12_000
NEGATION_REACH = 8
COMPLEMENT_REACH = 5
DUMP_FUNCTION_SHARE = 0.2
DUMP_MIN_ITEMS = 2
DUMP_ITEM_WORDS = 2.5

_SENTENCE = "\x00s"  # ends a sentence (and a clause and an item)
_CLAUSE = "\x00c"  # ends a clause and a list item
_LINK = "\x00k"  # a colon or dash linking a term to what it means: ends nothing, joins no phrase

_TOKEN_RE = re.compile(
    r"(?P<w>[a-z0-9]+(?:'[a-z]+)?)"
    r"|(?P<s>[.!?]+(?=\s|$)|;|\n)"
    r"|(?P<c>[,()\[\]{}|]|\.{3})"
    r"|(?P<k>:|\s[-–—]+\s|->|=>|=)"

)
_TAG_RE = re.compile(r"<[^<>]{0,200}>")
_LIST_MARKER_RE = re.compile(r"(?m)^\s*(?:\d{1,2}[.)]|[-*•+>#]+)\s+")
_FIXES = (
    (re.compile(r"\be\.\s?g\.?(?=\s|,|$)"), " eg "),
    (re.compile(r"\bi\.\s?e\.?(?=\s|,|$)"), " ie "),
    (re.compile(r"\b(etc|vs|approx|cf)\.(?=\s|,|$)"), r" \1 "),
    (re.compile(r"\bw/o\b"), " without "),
    (re.compile(r"\bw/(?=\s|[a-z])"), " with "),
    (re.compile(r"\b([1-5])(?:xx|\*\*|00s|00's)\b"), r" \1xx "),
    (re.compile(r"\b([1-5])00\s?(?:-|–|to)\s?\1\d\d\b"), r" \1xx "),
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": " ", "´": "'", "“": '"', "”": '"', "→": " = ", "⇒": " = "})
_CONTRACTION_ENDINGS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
_IRREGULAR_NEGATIONS = {"can't": ("can", "not"), "won't": ("will", "not"), "ain't": ("is", "not")}
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _form, _replacement in sorted(PHRASES.items(), key=lambda entry: -len(entry[0])):
    _PHRASES_BY_FIRST.setdefault(_form[0], []).append((_form, _replacement))


@dataclass(frozen=True, slots=True)
class Analysis:
    """An answer read into tokens; every tuple has one entry per token.

    ``negator`` is the index of the negation cue whose scope covers the token, or -1;
    ``soft_negator`` also counts verbs like "avoid" and "prevent" (used for misconceptions).
    ``item`` numbers the comma-separated items (what a keyword list is made of).
    """

    words: tuple[str, ...]
    stems: tuple[str, ...]
    sentence: tuple[int, ...]
    clause: tuple[int, ...]
    item: tuple[int, ...]
    negator: tuple[int, ...]
    soft_negator: tuple[int, ...]
    is_dump: bool

    def __len__(self) -> int:
        return len(self.stems)


def clean(text: str) -> str:
    """Lowercase plain text: bounded length, no markup, no control characters, plain quotes."""
    text = text[:MAX_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    else:
        text = text.translate(_QUOTES)
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    text = _LIST_MARKER_RE.sub("\n", text.lower())
    for pattern, replacement in _FIXES:
        text = pattern.sub(replacement, text)
    return text


def _split_word(word: str) -> tuple[str, ...]:
    """A raw word as lexicon words: contractions split, abbreviations expanded, spelling Americanised."""
    if "'" in word:
        if word in _IRREGULAR_NEGATIONS:
            return _IRREGULAR_NEGATIONS[word]
        if word.endswith("n't"):
            return (word[:-3], "not")
        for ending in _CONTRACTION_ENDINGS:
            if word.endswith(ending):
                word = word[: -len(ending)]
                break
        else:
            word = word.replace("'", "")
    expanded = ABBREVIATIONS.get(word)
    if expanded is not None:
        return expanded
    return (american(word),)


def _scan(text: str) -> list[str]:
    """Words and boundary markers, in order, with multi-word forms collapsed."""
    raw: list[str] = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind == "w":
            raw.extend(_split_word(match.group()))
        elif kind == "s":
            raw.append(_SENTENCE)
        elif kind == "c":
            raw.append(_CLAUSE)
        else:
            raw.append(_LINK)
    return _collapse_phrases(raw)


def _collapse_phrases(raw: list[str]) -> list[str]:
    """Replace known multi-word forms (acronym expansions, split spellings) by their canonical words."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        candidates = _PHRASES_BY_FIRST.get(raw[i])
        if candidates:
            for form, replacement in candidates:
                if tuple(raw[i : i + len(form)]) == form:
                    out.extend(replacement)
                    i += len(form)
                    break
            else:
                out.append(raw[i])
                i += 1
        else:
            out.append(raw[i])
            i += 1
    return out


def _is_negation(words: list[str], clauses: list[int], i: int, cues: frozenset[str]) -> bool:
    """Whether ``words[i]`` negates what follows.

    Not "not only", "rather" only in "rather than", and not a "not" inside what a checking verb
    checks ("the server verifies it was not tampered with").
    """
    word = words[i]
    if word not in cues:
        return False
    following = words[i + 1] if i + 1 < len(words) else ""
    if word == "not" and following in NEGATION_CANCELLERS:
        return False
    if word == "rather" and following != "than":
        return False
    if word == "not" and i > 0 and words[i - 1] in AUXILIARIES:
        for j in range(max(0, i - COMPLEMENT_REACH), i - 1):
            if words[j] in COMPLEMENT_VERBS and clauses[j] == clauses[i]:
                return False
    return True


def analyse(text: str) -> Analysis:
    """Read ``text`` (any length, any characters) into an ``Analysis``."""
    return _analyse_clean(clean(text))


@lru_cache(maxsize=4096)
def analyse_phrase(text: str) -> tuple[str, ...]:
    """The stems of a short pack phrase (a synonym or a phrasing), read like an answer."""
    return _analyse_clean(clean(text)).stems


def _analyse_clean(text: str) -> Analysis:
    """Tokens and structure of cleaned text."""
    sequence = _scan(text)
    linked = _LINK in sequence
    words: list[str] = []
    sentences: list[int] = []
    clauses: list[int] = []
    items: list[int] = []
    segments: list[int] = []  # clauses, also cut at a colon or dash: where a negation's scope ends
    sentence = clause = item = segment = 0
    for entry in sequence:
        if entry.startswith("\x00"):
            if entry == _SENTENCE:
                sentence += 1
            if entry in (_SENTENCE, _CLAUSE):
                clause += 1
            if entry != _LINK:
                item += 1
            segment += 1
            continue
        if entry in CLAUSE_WORDS and words and clauses[-1] == clause:
            clause += 1
            segment += 1
        words.append(entry)
        sentences.append(sentence)
        clauses.append(clause)
        items.append(item)
        segments.append(segment)
    negator = _negation_scopes(words, segments, NEGATION_CUES)
    soft_negator = _negation_scopes(words, segments, NEGATION_CUES | SOFT_NEGATION_CUES)
    is_dump = not linked and _is_keyword_list(words, items)
    return Analysis(
        words=tuple(words),
        stems=tuple(stem(word) for word in words),
        sentence=tuple(sentences),
        clause=tuple(clauses),
        item=tuple(items),
        negator=tuple(negator),
        soft_negator=tuple(soft_negator),
        is_dump=is_dump,
    )


def _is_keyword_list(words: list[str], items: list[int]) -> bool:
    """Whether the text is a bare list of terms: items of a word or two, hardly any function words
    ("REST, GraphQL, over-fetching, schema"), not notes that say something about each item."""
    count = len(set(items))
    if count < DUMP_MIN_ITEMS:
        return False
    share = sum(1 for word in words if word in FUNCTION_WORDS) / len(words)
    return len(words) / count <= DUMP_ITEM_WORDS and share < DUMP_FUNCTION_SHARE


def _negation_scopes(words: list[str], clauses: list[int], cues: frozenset[str]) -> list[int]:
    """For each token, the index of the negation cue whose scope covers it, or -1.

    A cue covers the following tokens of its clause (cut at colons and dashes too), at most
    ``NEGATION_REACH`` of them ("non" covers only the next word).  A cue inside another's scope is
    just a negated word ("non-blocking" does not block anything).
    """
    negator = [-1] * len(words)
    cue = -1
    reach = 0
    for i, word in enumerate(words):
        if cue >= 0 and clauses[i] != clauses[cue]:
            cue = -1
        covered = cue >= 0 and reach > 0
        if not covered and _is_negation(words, clauses, i, cues):
            cue = i
            reach = 1 if word == "non" else NEGATION_REACH
            continue
        if covered:
            negator[i] = cue
            reach -= 1
    return negator
