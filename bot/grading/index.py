"""An analysed answer indexed for one question: which question words each token provides, where they
are, and which side of a comparison each token is said about.

A token provides its stem, the question's wildcards it starts with ("verif*"), and, when it is an
unknown word one or two edits away from a word of the question ("authentification"), that word's
keys too.  Only keys the question uses are kept, so most tokens of an answer cost one lookup.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from itertools import compress, count, repeat
from operator import is_
from typing import cast

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.grading.compile import LABEL_MARK, PREFIX_MARK, CompiledQuestion, Group
from bot.grading.text.lexicon import CONTRAST_BEFORE_SUBJECT, RELATIVE_PRONOUNS, SEQUENCE_WORDS
from bot.grading.text.normalize import Analysis
from bot.grading.text.stem import stem

WORD_CACHE_LIMIT = 20_000
MIN_TYPO_LENGTH = 6
LONG_WORD = 9
CONTRAST_REACH = 2
DEGREE_ENDINGS = ("er", "est")
MIN_DEGREE_BASE = 3
COMPARISON_REACH = 6
PURPOSE_WORDS = ("prevent", "avoid", "stop")
Span = tuple[int, int]


def word_keys(cq: CompiledQuestion, word: str, word_stem: str) -> tuple[str, ...]:
    """The question's keys an answer word provides (empty for a word the question does not use)."""
    cached = cq.word_keys.get(word)
    if cached is not None:
        return cached
    more = _prefix_keys(cq, word)
    if word_stem not in cq.vocabulary:
        degree = _degree_keys(cq, word) if word.endswith(DEGREE_ENDINGS) else []
        more += degree
        if not degree and len(word) >= MIN_TYPO_LENGTH:
            more += (
                _typo_keys(cq, word, word_stem)
                if word_stem not in cq.known
                else _clipped_keys(cq, word, word_stem)
            )
    if more:
        result = tuple(key for key in dict.fromkeys([word_stem, *more]) if key in cq.keys)
    else:  # the common case: the word is a key of the question or nothing to it
        result = (word_stem,) if word_stem in cq.keys else ()
    if len(cq.word_keys) >= WORD_CACHE_LIMIT:
        cq.word_keys.clear()
    cq.word_keys[word] = result
    return result


def _degree_keys(cq: CompiledQuestion, word: str) -> list[str]:
    """Keys of the same adjective in another degree ("smallest" meets "smaller" and "small", "bigger"
    meets "biggest", "easiest" meets "easy"), when the question uses one of them."""
    return [key for key in _degree_stems(word) if key in cq.keys]


@lru_cache(maxsize=WORD_CACHE_LIMIT)
def _degree_stems(word: str) -> tuple[str, ...]:
    """The stems of the other degrees of an adjective ending in "-er" or "-est", in a fixed order."""
    base = word[:-3] if word.endswith("est") else word[:-2]
    if len(base) < MIN_DEGREE_BASE:
        return ()
    bases = {base, base + "e"}
    if len(base) > MIN_DEGREE_BASE and base[-1] == base[-2]:
        bases.add(base[:-1])  # "bigg" -> "big"
    if base.endswith("i"):
        bases.add(base[:-1] + "y")  # "easi" -> "easy"
    superlative = word.endswith("est")  # "-er" alone is often a noun ("server"): only "-est" meets the base
    forms = {form for b in bases for form in ((b,) if superlative else ()) + (b + "er", b + "est")}
    forms |= {b[:-1] + "ier" for b in bases if b.endswith("y")} | {
        b[:-1] + "iest" for b in bases if b.endswith("y")
    }
    return tuple(dict.fromkeys(stem(form) for form in forms))


def _clipped_keys(cq: CompiledQuestion, word: str, word_stem: str) -> list[str]:
    """Keys of the question word this one is missing a letter of, when its stem is a common word
    ("longes" stems to "long" but is "longest" short of its "t"): the question word must start with
    that stem and be one letter longer, so a real form of the common word is left alone."""
    if not word.isalpha():
        return []
    for candidate in cq.spellings.get(word[0], ()):
        if (
            len(candidate) == len(word) + 1
            and candidate.startswith(word_stem)
            and OSA.distance(word, candidate) == 1
        ):
            return [stem(candidate), *_prefix_keys(cq, candidate)]
    return []


def _typo_keys(cq: CompiledQuestion, word: str, word_stem: str) -> list[str]:
    """Keys of the question word this unknown word is a misspelling of (same first letter)."""
    if not word.isalpha():
        return []
    limit = 1 if len(word) < LONG_WORD else 2
    spellings = cq.spellings.get(word[0])
    if spellings:
        best = process.extractOne(word, spellings, scorer=OSA.distance, score_cutoff=limit)
        if best is not None:
            return [stem(best[0]), *_prefix_keys(cq, best[0])]
    stems = cq.long_stems.get(word[0])  # an inflected typo ("retreived"): compare long stems
    if not stems:
        return []
    best = process.extractOne(word_stem, stems.keys(), scorer=OSA.distance, score_cutoff=1)
    return [stems[best[0]]] if best is not None else []


def _prefix_keys(cq: CompiledQuestion, word: str) -> list[str]:
    """The ``*prefix`` keys of the question's wildcards that ``word`` starts with."""
    by_first = cq.prefixes_by_first
    candidates = by_first.get(word[:1]) or by_first.get("", ())  # only these can be its start
    return [PREFIX_MARK + prefix for prefix in candidates if word.startswith(prefix)]


def _purpose_keys(cq: CompiledQuestion) -> tuple[str, ...]:
    """The question's keys that a negation stating a purpose provides: those of "prevent", "avoid", "stop"."""
    return tuple(dict.fromkeys(key for word in PURPOSE_WORDS for key in word_keys(cq, word, stem(word))))


def _token_keys(cq: CompiledQuestion, analysis: Analysis) -> list[tuple[str, ...]]:
    """Each token's keys: from the question's word cache, computed only for words not in it yet."""
    cached = list(map(cq.word_keys.get, analysis.words))
    if None not in cached:
        return cast(list[tuple[str, ...]], cached)
    words = analysis.words
    missing = list(map(is_, cached, repeat(None)))
    # the words not cached yet, each once, in the order they first occur
    new = dict(zip(compress(words, missing), compress(analysis.stems, missing), strict=True))
    known = dict(zip(words, cached, strict=True))
    known.update({word: word_keys(cq, word, word_stem) for word, word_stem in new.items()})
    return list(map(known.__getitem__, words))


class AnswerIndex:
    """Token keys, their positions, and (lazily) the side each token is about."""

    def __init__(self, cq: CompiledQuestion, analysis: Analysis) -> None:
        self.cq = cq
        self.analysis = analysis
        self.keys = _token_keys(cq, analysis)
        for i in analysis.purpose:  # "so nobody can overload it": the cue says "prevent"
            self.keys[i] = (*self.keys[i], *_purpose_keys(cq))
        for i in analysis.labels:  # "A:" also provides the label key ":a"
            label = LABEL_MARK + analysis.stems[i]
            if label in cq.keys:
                self.keys[i] = (*self.keys[i], label)
        positions: defaultdict[str, list[int]] = defaultdict(list)
        every = self.keys
        for i in compress(count(), every):  # only the tokens with keys: most provide none
            for key in every[i]:
                positions[key].append(i)
        self.positions = dict(positions)  # a plain dict: looking up a key it lacks adds nothing
        self.present = frozenset(positions)
        self.in_prompt = list(map(cq.prompt_stems.__contains__, analysis.stems))  # a prompt word?
        dump = analysis.is_dump
        self.scope = analysis.item if dump else analysis.sentence
        self.clause_scope = analysis.item if dump else analysis.clause
        self._found: dict[tuple[str, ...], list[Span]] = {}
        # (synonym, subject, within clause) -> its spans that count as claims, each with whether it is
        # made only of the prompt's words, and the scopes they lie in; filled by ``bot.grading.match``
        self.claims: dict[
            tuple[tuple[str, ...], int, bool], tuple[list[tuple[int, int, bool]], set[int]]
        ] = {}
        self.mention: dict[int, int] = {}  # token -> subject, for every token of a subject mention
        self._governors: list[int] = []  # start tokens of mentions that govern, in order
        self._governor_subject: list[int] = []
        # per token, the side it is about, once worked out: leniently, strictly
        unknown: list[int | None] = [None] * len(analysis)
        self._sides = (unknown, unknown.copy())
        self._clause_first = [-1] * len(analysis)  # per token, its clause's first token, once worked out
        if cq.subjects:
            self._find_mentions()

    def in_topic_name(self, start: int, end: int) -> bool:
        """Whether tokens ``start..end`` all belong to a two-word phrase of the prompt ("load balancing")."""
        stems, pairs = self.analysis.stems, self.cq.prompt_pairs
        if not pairs:
            return False
        last = len(stems) - 1
        if end == start + 1:  # the common case, one word: the same test without a loop
            return (start > 0 and (stems[start - 1], stems[start]) in pairs) or (
                start < last and (stems[start], stems[start + 1]) in pairs
            )
        return all(
            (k > 0 and (stems[k - 1], stems[k]) in pairs) or (k < last and (stems[k], stems[k + 1]) in pairs)
            for k in range(start, end)
        )

    def find(self, synonym: tuple[str, ...]) -> list[Span]:
        """Every (start, end) span where the synonym's keys occur in a row within one scope."""
        cached = self._found.get(synonym)
        if cached is not None:
            return cached
        length = len(synonym)
        if length == 1:
            spans = [(start, start + 1) for start in self.positions.get(synonym[0], ())]
            self._found[synonym] = spans
            return spans
        spans = []
        if self.present.issuperset(synonym):  # else some word of it is nowhere in the answer
            keys, scope = self.keys, self.scope
            last = len(keys) - length
            if length == 2:  # the common case: the same test in one pass, without an inner loop
                second = synonym[1]
                spans = [
                    (start, start + 2)
                    for start in self.positions[synonym[0]]
                    if start <= last and second in keys[start + 1] and scope[start + 1] == scope[start]
                ]
                self._found[synonym] = spans
                return spans
            for start in self.positions.get(synonym[0], ()):
                if start > last:
                    break  # positions are in order
                first_scope = scope[start]
                for k in range(start + 1, start + length):
                    if synonym[k - start] not in keys[k] or scope[k] != first_scope:
                        break
                else:
                    spans.append((start, start + length))
        self._found[synonym] = spans
        return spans

    def find_group(self, group: Group) -> list[Span]:
        """Every span where any synonym of the group occurs."""
        spans: list[Span] = []
        for synonym in group:
            if synonym[0] in self.present:
                spans.extend(self.find(synonym))
        return spans

    def _find_mentions(self) -> None:
        """Where each side of the comparison is named; the longest name wins ("forward proxy")."""
        # each name's spans and side, by the name's length in tokens, longest first, each length in
        # the order the names are listed (a name listed twice, as "a/a" and "a-a" read, only once)
        by_length: dict[int, list[tuple[list[Span], int]]] = {}
        for subject, group in enumerate(self.cq.subjects):
            for synonym in dict.fromkeys(group):
                if synonym[0] in self.present:
                    by_length.setdefault(len(synonym), []).append((self.find(synonym), subject))
        mention, aside = self.mention, self.analysis.aside
        taken = mention.keys()
        contrasts = not CONTRAST_BEFORE_SUBJECT.isdisjoint(self.analysis.words)  # else none is contrasted
        governing: list[tuple[int, int]] = []
        for length in sorted(by_length, reverse=True):
            for spans, subject in by_length[length]:
                for start, end in spans:
                    if start in mention or (length > 1 and not taken.isdisjoint(range(start + 1, end))):
                        continue
                    for k in range(start, end):
                        mention[k] = subject
                    # a mention in an aside, or a contrasted one ("unlike REST"), does not govern
                    if start not in aside and not (contrasts and self._contrasted(start, end)):
                        governing.append((start, subject))
        governing.sort()
        self._governors = [start for start, _ in governing]
        self._governor_subject = [subject for _, subject in governing]

    def _contrasted(self, start: int, end: int) -> bool:
        """Whether a mention follows "unlike", "than", "not" closely (it is contrasted, not described).

        "unlike PATCH, which updates partially": a relative clause still describes that subject.
        """
        a = self.analysis
        words, clause = a.words, a.clause
        if end < len(words) and words[end] in RELATIVE_PRONOUNS:
            return False
        # "greater than every node in its left subtree": what follows "than" is the compared-to side
        reach = (
            COMPARISON_REACH if "than" in words[max(0, start - COMPARISON_REACH) : start] else CONTRAST_REACH
        )
        here = clause[start]
        for j in range(start - 1, max(0, start - reach) - 1, -1):
            if clause[j] != here:
                return False
            word = words[j]
            if word in CONTRAST_BEFORE_SUBJECT and (start - j <= CONTRAST_REACH or word == "than"):
                return j not in self.mention or start - j <= CONTRAST_REACH
        return False

    def side(self, i: int, strict: bool) -> int:
        """The side token ``i`` is said about (-1 for none).

        Leniently (key points): the nearest mention before it in its clause, else after it in its
        clause, else before it in its sentence, else after it in its sentence, else (in prose) the
        last one earlier, else the question's default subject.  Strictly (misconceptions, which must
        not be read into an answer): only the first three, and not "before it in its sentence" when
        its clause opens a next step ("..., then ..."); else the default subject.
        """
        memo = self._sides[strict][i]
        if memo is not None:
            return memo
        a = self.analysis
        inner, outer = self.clause_scope, self.scope
        at = bisect_left(self._governors, i)  # a mention is not said about itself
        before = self._governors[at - 1] if at else -1
        later = at + (at < len(self._governors) and self._governors[at] == i)
        after = self._governors[later] if later < len(self._governors) else -1
        chosen = -1  # index into the governors
        if before >= 0 and inner[before] == inner[i]:
            chosen = at - 1
        elif after >= 0 and inner[after] == inner[i]:
            chosen = later
        elif before >= 0 and outer[before] == outer[i] and not (strict and self._opens_step(i)):
            chosen = at - 1
        elif not strict and after >= 0 and outer[after] == outer[i]:
            chosen = later
        elif not strict and before >= 0 and not a.is_dump:
            chosen = at - 1
        result = self._governor_subject[chosen] if chosen >= 0 else self.cq.default_subject
        self._sides[strict][i] = result
        return result

    def _opens_step(self, i: int) -> bool:
        """Whether token ``i``'s clause starts with a sequence word ("then", "after", "once")."""
        clause, firsts = self.clause_scope, self._clause_first
        walked = i
        while walked > 0 and clause[walked - 1] == clause[i] and firsts[walked] < 0:
            walked -= 1
        start = firsts[walked] if firsts[walked] >= 0 else walked
        for k in range(walked, i + 1):  # remembered, so each token is walked over once
            firsts[k] = start
        return self.analysis.words[start] in SEQUENCE_WORDS
