"""Finds a question's compiled patterns in an analysed answer.

A pattern is *stated* when its synonym groups occur close together in one sentence (in a keyword
list: in one item), each said of the right side of the comparison, none inside a negation that the
pattern does not itself contain, and not only with words copied from the question.  When the only
way to find it uses negated words it is *denied* ("JWT is not signed").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.grading_compile import PREFIX_MARK, CompiledQuestion, Detector, Group, Pattern
from bot.text_lexicon import CONTRAST_BEFORE_SUBJECT, FUNCTION_WORDS, RELATIVE_PRONOUNS, SEQUENCE_WORDS
from bot.text_normalize import Analysis
from bot.text_stem import stem

WORD_CACHE_LIMIT = 20_000
MIN_TYPO_LENGTH = 6
NAMED_ITEMS_EXTRA_WORDS = 3
LONG_WORD = 9
CONTRAST_REACH = 2


class Status(Enum):
    """What an answer does with one pattern or detector."""

    MISSED = 0
    STATED = 1
    DENIED = 2


@dataclass(frozen=True, slots=True)
class Finding:
    """How a detector fared: status, the scopes (sentences) where it was stated, and an excerpt span."""

    status: Status
    scopes: frozenset[int] = frozenset()
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class _Occurrence:
    start: int
    end: int
    group: int
    from_prompt: bool


def word_keys(cq: CompiledQuestion, word: str, word_stem: str) -> tuple[str, ...]:
    """The token keys an answer word provides: its stem and matching prefixes, and for an unknown
    word that is one or two edits from a word of the question ("authentification"), that word's."""
    cached = cq.word_keys.get(word)
    if cached is not None:
        return cached
    keys = [word_stem, *_prefix_keys(cq, word)]
    if (
        len(word) >= MIN_TYPO_LENGTH
        and word_stem not in cq.vocabulary
        and word_stem not in cq.known
        and word.isalpha()
    ):
        limit = 1 if len(word) < LONG_WORD else 2
        best = process.extractOne(
            word, cq.spellings.get(word[0], ()), scorer=OSA.distance, score_cutoff=limit
        )
        if best is not None:
            keys += [stem(best[0]), *_prefix_keys(cq, best[0])]
        else:  # an inflected typo ("retreived"): compare stems, only long ones
            stems = cq.long_stems.get(word[0], {})
            best = process.extractOne(word_stem, list(stems), scorer=OSA.distance, score_cutoff=1)
            if best is not None:
                keys.append(stems[best[0]])
    result = tuple(dict.fromkeys(keys))
    if len(cq.word_keys) >= WORD_CACHE_LIMIT:
        cq.word_keys.clear()
    cq.word_keys[word] = result
    return result


def _prefix_keys(cq: CompiledQuestion, word: str) -> list[str]:
    """The ``*prefix`` keys of the question's wildcards that ``word`` starts with."""
    return [PREFIX_MARK + prefix for prefix in cq.prefixes if word.startswith(prefix)]


class AnswerIndex:
    """An analysed answer indexed for one question: token keys, positions, and governing subjects."""

    def __init__(self, cq: CompiledQuestion, analysis: Analysis) -> None:
        self.cq = cq
        self.analysis = analysis
        self.keys = [word_keys(cq, w, s) for w, s in zip(analysis.words, analysis.stems, strict=True)]
        self.positions: dict[str, list[int]] = {}
        for i, keys in enumerate(self.keys):
            for key in keys:
                self.positions.setdefault(key, []).append(i)
        self.scope = analysis.item if analysis.is_dump else analysis.sentence
        self.clause_scope = analysis.item if analysis.is_dump else analysis.clause
        self._found: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        self.mention = [-1] * len(analysis)
        self.governing: list[int] | None = None
        self.strict: list[int] | None = None
        if cq.subjects:
            self.governing, self.strict = self._governing_subjects()

    def find(self, synonym: tuple[str, ...]) -> list[tuple[int, int]]:
        """Every (start, end) span where the synonym's keys occur in a row within one scope."""
        cached = self._found.get(synonym)
        if cached is not None:
            return cached
        spans: list[tuple[int, int]] = []
        length = len(synonym)
        keys, scope = self.keys, self.scope
        for start in self.positions.get(synonym[0], ()):
            end = start + length
            if end > len(keys):
                continue
            if all(
                synonym[j] in keys[start + j] and scope[start + j] == scope[start] for j in range(1, length)
            ):
                spans.append((start, end))
        self._found[synonym] = spans
        return spans

    def find_group(self, group: Group) -> list[tuple[int, int]]:
        """Every span where any synonym of the group occurs."""
        spans: list[tuple[int, int]] = []
        for synonym in group:
            spans.extend(self.find(synonym))
        return spans

    def _governing_subjects(self) -> tuple[list[int], list[int]]:
        """For each token, the side of the comparison its clause is about (-1 when none), leniently
        (for key points) and strictly (for misconceptions, which must not be read into an answer).

        Leniently: nearest subject before it in its clause, else after it in its clause, else before
        it in its sentence, else after it in its sentence, else (in prose) the last one mentioned
        earlier, else the question's default subject.  Strictly: only the first three, and not
        "before it in its sentence" when its clause opens a next step ("..., then ...").
        A subject right after "unlike", "than", "not" is being contrasted and governs nothing.
        """
        a = self.analysis
        n = len(a)
        mention = [-1] * n
        spans = [
            (start, end, index)
            for index, group in enumerate(self.cq.subjects)
            for start, end in self.find_group(group)
        ]
        for start, end, index in sorted(spans, key=lambda span: span[0] - span[1]):  # longest first
            if any(self.mention[k] >= 0 for k in range(start, end)):
                continue  # "proxy" inside "forward proxy" is not a second mention
            for k in range(start, end):
                self.mention[k] = index
            if not self._contrasted(start, end):
                mention[start] = index
        outer = a.item if a.is_dump else a.sentence
        inner = a.item if a.is_dump else a.clause
        before_inner, before_outer = _last_before(mention, inner), _last_before(mention, outer)
        after_inner, after_outer = _first_after(mention, inner), _first_after(mention, outer)
        opens_step: dict[int, bool] = {}
        for i in range(n):
            opens_step.setdefault(inner[i], a.words[i] in SEQUENCE_WORDS)
        default = self.cq.default_subject
        governing, strict = [default] * n, [default] * n
        discourse = -1
        for i in range(n):
            if mention[i] >= 0:
                discourse = mention[i]
            sentence_before = -1 if opens_step[inner[i]] else before_outer[i]
            for candidate in (before_inner[i], after_inner[i], sentence_before):
                if candidate >= 0:
                    strict[i] = candidate
                    break
            for candidate in (before_inner[i], after_inner[i], before_outer[i], after_outer[i]):
                if candidate >= 0:
                    governing[i] = candidate
                    break
            else:
                if discourse >= 0 and not a.is_dump:
                    governing[i] = discourse
        return governing, strict

    def _contrasted(self, start: int, end: int) -> bool:
        """Whether a subject mention follows a contrast word ("unlike", "than", "not") closely.

        "unlike PATCH, which updates partially": a relative clause still describes that subject.
        """
        a = self.analysis
        if end < len(a) and a.words[end] in RELATIVE_PRONOUNS:
            return False
        for j in range(max(0, start - CONTRAST_REACH), start):
            if a.words[j] in CONTRAST_BEFORE_SUBJECT and a.clause[j] == a.clause[start]:
                return True
        return False


def _last_before(mention: list[int], scope: tuple[int, ...]) -> list[int]:
    """For each token, the last mention at or before it within its scope."""
    out, current, current_scope = [-1] * len(mention), -1, None
    for i, m in enumerate(mention):
        if scope[i] != current_scope:
            current, current_scope = -1, scope[i]
        if m >= 0:
            current = m
        out[i] = current
    return out


def _first_after(mention: list[int], scope: tuple[int, ...]) -> list[int]:
    """For each token, the first mention after it within its scope."""
    out, current, current_scope = [-1] * len(mention), -1, None
    for i in range(len(mention) - 1, -1, -1):
        if scope[i] != current_scope:
            current, current_scope = -1, scope[i]
        out[i] = current
        if mention[i] >= 0:
            current = mention[i]
    return out


def match_pattern(
    index: AnswerIndex, pattern: Pattern, subject: int, window: int, within_clause: bool = False
) -> Finding:
    """Whether the answer states, denies or misses one pattern.

    With a ``subject``, each word must be said of that side, and a mention of the side itself
    ("DELETE") is not its own claim.  Found scopes are reported as sentences (items in a list).
    """
    a = index.analysis
    occurrences: list[_Occurrence] = []
    prompt = index.cq.prompt_stems
    sides = index.strict if within_clause else index.governing
    for g, group in enumerate(pattern.groups):
        for start, end in index.find_group(group):
            if subject >= 0 and (sides is None or sides[start] != subject or index.mention[start] == subject):
                continue
            from_prompt = all(a.stems[k] in prompt for k in range(start, end))
            occurrences.append(_Occurrence(start, end, g, from_prompt))
    if len({o.group for o in occurrences}) < pattern.needed:
        return Finding(Status.MISSED)
    if index.analysis.is_dump and pattern.needed < 2:
        return Finding(Status.MISSED)  # a bare term in a list says nothing about what it means
    scope = index.clause_scope if within_clause else index.scope
    negator = a.soft_negator if within_clause else a.negator
    by_scope: dict[int, list[_Occurrence]] = {}
    for occurrence in occurrences:
        by_scope.setdefault(scope[occurrence.start], []).append(occurrence)
    stated: set[int] = set()
    denied = False
    span = (0, 0)
    for found in by_scope.values():
        if len({o.group for o in found}) < pattern.needed:
            continue
        covered = {k for o in found for k in range(o.start, o.end)}
        affirmed = [o for o in found if negator[o.start] < 0 or negator[o.start] in covered]
        best = _tightest(affirmed, pattern.needed, window)
        if best is not None:
            if not stated:
                span = best
            stated.add(index.scope[best[0]])
        elif _tightest(found, pattern.needed, window) is not None:
            denied = True
    if stated:
        return Finding(Status.STATED, frozenset(stated), span)
    return Finding(Status.DENIED if denied else Status.MISSED)


def _tightest(found: list[_Occurrence], needed: int, window: int) -> tuple[int, int] | None:
    """The shortest span with ``needed`` distinct groups and a word not from the prompt, if short enough."""
    if len({o.group for o in found}) < needed:
        return None
    ordered = sorted(found, key=lambda o: o.start)
    counts: dict[int, int] = {}
    own = 0
    left = 0
    best: tuple[int, int] | None = None
    for right, occurrence in enumerate(ordered):
        counts[occurrence.group] = counts.get(occurrence.group, 0) + 1
        own += not occurrence.from_prompt
        while len(counts) >= needed and own > 0:
            first = ordered[left]
            end = max(o.end for o in ordered[left : right + 1])
            if best is None or end - first.start < best[1] - best[0]:
                best = (first.start, end)
            counts[first.group] -= 1
            if not counts[first.group]:
                del counts[first.group]
            own -= not first.from_prompt
            left += 1
    if best is None or best[1] - best[0] > window:
        return None
    return best


def match_detector(index: AnswerIndex, detector: Detector, window: int) -> Finding:
    """Whether the answer states, denies or misses a key point or misconception."""
    stated: list[Finding] = []
    denied = False
    window = detector.window or window
    for pattern in detector.patterns:
        finding = match_pattern(index, pattern, detector.subject, window, detector.within_clause)
        if finding.status is Status.STATED:
            stated.append(finding)
        elif finding.status is Status.DENIED:
            denied = True
    if len(stated) >= detector.at_least:
        scopes = frozenset().union(*(f.scopes for f in stated))
        return Finding(Status.STATED, scopes, stated[0].span)
    return Finding(Status.DENIED if denied else Status.MISSED)


def names_all(index: AnswerIndex) -> bool:
    """Whether the answer is a bare naming of every item the question asks for ("GET, POST, PUT,
    PATCH, DELETE"): all of them, and hardly another word that could say what they do."""
    items = index.cq.named_items
    if not items:
        return False
    spans = [index.find_group(group) for group in items]
    if not all(spans):
        return False
    named = {k for found in spans for start, end in found for k in range(start, end)}
    a = index.analysis
    other = [
        i
        for i, word in enumerate(a.words)
        if i not in named and word not in FUNCTION_WORDS and a.stems[i] not in index.cq.prompt_stems
    ]
    return len(other) <= NAMED_ITEMS_EXTRA_WORDS
