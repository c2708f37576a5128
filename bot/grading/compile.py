"""Compiles a question's key points and misconceptions into token patterns, once per question.

A *pattern* is a list of synonym groups that must all be found close together in one sentence;
each synonym is a short sequence of token keys (stems, or ``*prefix`` for a trailing wildcard
like ``verif*``).  A *detector* is a key point or misconception: its patterns, how many of them
must match, and the side of the comparison it is about.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.grading.spelling import spelling_tables
from bot.grading.text.lexicon import FUNCTION_WORDS
from bot.grading.text.normalize import analyse
from bot.grading.text.stem import stem
from bot.model.questions import KeyPoint, Misconception, Question

Synonym = tuple[str, ...]
Group = tuple[Synonym, ...]

PREFIX_MARK = "*"
STEADY_MARK = "~"
LABEL_MARK = ":"
SET_MARK = "#"  # a concept set's first group ("#3",): how many of its groups are needed
INVERTED_MARK = "#!"  # a concept set's first group: it says the opposite of its key point
MIN_PREFIX = 3
FUNCTION_STEMS = frozenset(stem(word) for word in FUNCTION_WORDS)


@dataclass(frozen=True, slots=True)
class Pattern:
    """Synonym groups of which ``needed`` must be found together in one sentence.

    ``first_keys`` holds, per group, the first keys of its synonyms: a cheap test that rules most
    patterns out before any search.  ``steady`` synonyms (written with a leading ``~``) count whether
    negated or not: they name a problem the point is about avoiding ("no server is ~overloaded").
    """

    groups: tuple[Group, ...]
    needed: int
    first_keys: tuple[frozenset[str], ...] = ()
    steady: frozenset[Synonym] = frozenset()
    anchored: bool = False
    core: tuple[int, int] = (0, 0)


def make_pattern(
    groups: tuple[Group, ...],
    needed: int,
    steady: frozenset[Synonym] = frozenset(),
    anchored: bool = False,
    core: tuple[int, int] = (0, 0),
) -> Pattern:
    """A pattern with its first keys filled in; an ``anchored`` one needs its first group among those
    found (an inversion's opposite word); ``core`` = (n, k): at least k of the first n groups must be
    among those found (a plain point's own words, not only its everyday words)."""
    first_keys = tuple(frozenset(syn[0] for syn in group) for group in groups)
    return Pattern(groups, needed, first_keys, steady, anchored, core)


@dataclass(frozen=True, slots=True)
class Detector:
    """A compiled key point or misconception."""

    id: str
    text: str
    patterns: tuple[Pattern, ...]
    at_least: int = 1
    subject: int = -1
    weight: float = 1.0
    required: bool = True
    central: bool = False
    window: int = 0
    within_clause: bool = False
    opposites: tuple[Pattern, ...] = ()
    inversions: tuple[Pattern, ...] = ()

    @property
    def names_only(self) -> bool:
        """Whether every pattern is a single group: the point is stated by naming it, even in a list."""
        return all(p.needed < 2 for p in (*self.patterns, *self.opposites))


@dataclass
class CompiledQuestion:
    """Everything the matcher needs about one question, plus per-question caches of answer words."""

    points: tuple[Detector, ...]
    errors: tuple[Detector, ...]
    subjects: tuple[Group, ...]
    default_subject: int
    named_items: tuple[Group, ...]
    prompt_stems: frozenset[str]
    prompt_pairs: frozenset[tuple[str, str]]
    keys: frozenset[str]
    point_keys: frozenset[str]  # the keys of the required key points' own patterns
    derived: bool  # every required point's patterns were derived from its sentence (a plain pack)
    vocabulary: frozenset[str]
    prefixes: tuple[str, ...]
    prefixes_by_first: dict[str, tuple[str, ...]]  # first letter -> the prefixes starting with it, in order
    known: frozenset[str]
    spellings: dict[str, list[str]]
    long_stems: dict[str, dict[str, str]]
    word_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)


def synonym(text: str) -> Synonym:
    """The token keys of one synonym: its stems, the last one a ``*prefix`` if it ends with ``*``.

    A wildcard's stub loses a final "e", so "clone*" also finds "cloning".
    """
    text = text.strip().lstrip(STEADY_MARK)
    if text.endswith(LABEL_MARK) and text[:-1].strip():  # "a:" is the word "a" used as a label
        return tuple(LABEL_MARK + key for key in analyse(text[:-1]).stems)[-1:]
    if PREFIX_MARK in text.rstrip(PREFIX_MARK):  # a wildcard inside: "hid* the client*"
        return tuple(key for part in text.split() for key in synonym(part))
    wildcard = text.endswith(PREFIX_MARK)
    reading = analyse(text.rstrip(PREFIX_MARK))
    if wildcard and reading.stems:
        stub = reading.words[-1]
        if len(stub) > MIN_PREFIX and stub.endswith("e"):
            stub = stub[:-1]
        if len(stub) >= MIN_PREFIX:
            return (*reading.stems[:-1], PREFIX_MARK + stub)
    return reading.stems


def _group(alternatives: tuple[str, ...]) -> Group:
    """A synonym group with empty synonyms dropped."""
    return tuple(s for s in (synonym(text) for text in alternatives) if s)


def _steady(groups: tuple[tuple[str, ...], ...]) -> frozenset[Synonym]:
    """The synonyms marked with a leading ``~``."""
    return frozenset(
        synonym(text) for group in groups for text in group if text.strip().startswith(STEADY_MARK)
    )


def needed_set(needed: int, core_needed: int = 0, core_groups: int = 0) -> tuple[str, ...]:
    """The first group of a concept set of which only ``needed`` groups must be said together, at
    least ``core_needed`` of them among its first ``core_groups`` groups."""
    return (f"{SET_MARK}{needed}/{core_needed}/{core_groups}",)


def inverted_set() -> tuple[str, ...]:
    """The first group of a concept set that says the opposite of its key point: an answer that
    affirms it contradicts the point, one that denies it ("not shared") states the point.  The group
    after it (and after a ``needed_set`` marker) is the opposite word, which must be among those said."""
    return (INVERTED_MARK,)


def _needed(groups: tuple[tuple[str, ...], ...]) -> tuple[int, tuple[int, int], tuple[tuple[str, ...], ...]]:
    """How many groups a concept set needs (0: all), its core (groups, needed), and its groups
    without the marker."""
    if groups and len(groups[0]) == 1 and groups[0][0][:1] == SET_MARK:
        numbers = groups[0][0][1:].split("/")
        if numbers and all(n.isdigit() for n in numbers):
            needed, core_needed, core_groups = (*map(int, numbers), 0, 0)[:3]
            return needed, (core_groups, core_needed), groups[1:]
    return 0, (0, 0), groups


def _is_inverted(groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a concept set is marked as saying the opposite of its key point."""
    return bool(groups) and groups[0] == (INVERTED_MARK,)


def _is_derived(point: KeyPoint) -> bool:
    """Whether a key point's concept sets were derived from its sentence (they carry the markers)."""
    return (
        not point.concepts
        and not point.phrasings
        and any(groups[:1] and groups[0][0][:1] == SET_MARK for groups in point.alternatives)
    )


def _concept_pattern(groups: tuple[tuple[str, ...], ...]) -> Pattern | None:
    """A pattern from concept groups (all needed, unless a marker says how many), or None when
    nothing is left."""
    inverted = _is_inverted(groups)
    if inverted:
        groups = groups[1:]
    needed, core, groups = _needed(groups)
    compiled = tuple(_group(group) for group in groups)
    if inverted and not compiled[:1]:
        return None
    if core[0]:
        core = (sum(1 for g in compiled[: core[0]] if g), core[1])
    compiled = tuple(g for g in compiled if g)
    if not compiled:
        return None
    needed = min(needed or len(compiled), len(compiled))
    return make_pattern(compiled, needed, _steady(groups), inverted, (core[0], min(core[1], core[0])))


def _phrasing_pattern(text: str) -> Pattern | None:
    """A pattern from a whole paraphrase: its content words, one missing allowed from four on."""
    reading = analyse(text)
    content = tuple(
        (s,) for w, s in zip(reading.words, reading.stems, strict=True) if w not in FUNCTION_WORDS
    )
    if not content:
        return make_pattern(((reading.stems,),), 1) if reading.stems else None
    needed = len(content) if len(content) < 4 else len(content) - 1
    return make_pattern(tuple((token,) for token in content), needed)


def _patterns(item: KeyPoint | Misconception) -> tuple[Pattern, ...]:
    """Every pattern of a key point or misconception: concepts, alternatives, phrasings."""
    found = [_concept_pattern(item.concepts)] if item.concepts else []
    found += [_concept_pattern(groups) for groups in item.alternatives if not _is_inverted(groups)]
    found += [_phrasing_pattern(text) for text in item.phrasings]
    return tuple(p for p in found if p is not None)


def _detector_keys(detector: Detector) -> set[str]:
    """Every token key a key point or misconception uses, its opposites included."""
    return _all_keys(detector.patterns) | _all_keys(detector.opposites) | _all_keys(detector.inversions)


def _all_keys(patterns: tuple[Pattern, ...]) -> set[str]:
    """Every token key used by the patterns."""
    return {key for p in patterns for group in p.groups for syn in group for key in syn}


def compile_question(question: Question) -> CompiledQuestion:
    """Compile a question for grading (pure; the caller caches the result)."""
    subject_names = [name for name, _ in question.subjects]
    subjects = tuple(_group(synonyms) for _, synonyms in question.subjects)

    def subject_index(name: str) -> int:
        return subject_names.index(name) if name in subject_names else -1

    points = tuple(
        Detector(
            id=p.id,
            text=p.text,
            patterns=_patterns(p),
            at_least=max(1, p.at_least),
            subject=subject_index(p.subject),
            weight=p.weight,
            required=p.required,
            central=p.central,
            window=p.window,
            opposites=tuple(q for q in (_concept_pattern(groups) for groups in p.opposites) if q is not None),
            inversions=tuple(
                q
                for q in (_concept_pattern(groups) for groups in p.alternatives if _is_inverted(groups))
                if q is not None
            ),
        )
        for p in question.key_points
    )
    errors = tuple(
        Detector(
            id=m.id,
            text=m.text,
            patterns=_patterns(m),
            subject=subject_index(m.subject),
            central=m.central,
            window=m.window,
            within_clause=not m.window,  # an explicit window replaces the clause as the bound
        )
        for m in question.misconceptions
    )
    named_items = tuple(_group(item) for item in question.named_items)
    keys: set[str] = set()
    for detector in (*points, *errors):
        keys |= _detector_keys(detector)
    for group in (*subjects, *named_items):
        keys |= {key for syn in group for key in syn}
    vocabulary = frozenset(k for k in keys if not k.startswith(PREFIX_MARK))
    prefixes = tuple(sorted(k[1:] for k in keys if k.startswith(PREFIX_MARK)))
    prompt = analyse(question.prompt).stems
    tables = spelling_tables(question, keys, PREFIX_MARK)
    return CompiledQuestion(
        points=points,
        errors=errors,
        subjects=subjects,
        default_subject=subject_index(question.default_subject),
        named_items=named_items,
        prompt_stems=frozenset(prompt),
        prompt_pairs=frozenset(pair for pair in itertools.pairwise(prompt) if not FUNCTION_STEMS & set(pair)),
        keys=frozenset(keys),
        point_keys=frozenset(k for p in points if p.required for k in _all_keys(p.patterns)),
        derived=all(_is_derived(p) for p in question.key_points if p.required),
        vocabulary=vocabulary,
        prefixes=prefixes,
        prefixes_by_first=_by_first_letter(prefixes),
        known=tables.known,
        spellings=tables.spellings,
        long_stems=tables.long_stems,
    )


def _by_first_letter(prefixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The wildcard prefixes a word may start with, by the word's first letter, in their order."""
    return {first: tuple(p for p in prefixes if p[:1] in ("", first)) for first in {p[:1] for p in prefixes}}
