"""Finds a question's compiled patterns in an indexed answer.

A pattern is *stated* when its synonym groups occur close together in one sentence (in a keyword
list: together in one item), each said of the right side of the comparison, none inside a negation
that the pattern does not itself contain, and not only with words copied from the question.  When
the only way to find it uses negated words it is *denied* ("JWT is not signed").
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from bot.grading.compile import Detector, Pattern, Synonym
from bot.grading.index import AnswerIndex
from bot.grading.text.lexicon import AUXILIARIES, FUNCTION_WORDS
from bot.grading.text.normalize import Analysis

NAMED_ITEMS_EXTRA_WORDS = 3
OUTRIGHT_CUES = frozenset(("not", "never"))


class Status(Enum):
    """What an answer does with one pattern or detector."""

    MISSED = 0
    STATED = 1
    DENIED = 2
    SOME = 3  # some, not enough, of a point that needs several ("at least two techniques")


@dataclass(frozen=True, slots=True)
class Finding:
    """How a detector fared: status, the sentences (items in a list) it was stated in, an excerpt span."""

    status: Status
    scopes: frozenset[int] = frozenset()
    span: tuple[int, int] = (0, 0)
    share: float = 0.0
    contradicted: bool = False  # stated, and in the same sentence denied outright by other words


MISSED = Finding(Status.MISSED)


_Occurrence = tuple[int, int, int, bool]  # start, end, group, made only of the prompt's words
_Claim = tuple[int, int, bool]  # start, end, made only of the prompt's words


def _could_match(index: AnswerIndex, pattern: Pattern) -> bool:
    """Whether enough of the pattern's groups have a first word in the answer to be worth a search."""
    absent = sum(map(index.present.isdisjoint, pattern.first_keys))
    return len(pattern.first_keys) - absent >= pattern.needed


def match_pattern(
    index: AnswerIndex,
    pattern: Pattern,
    subject: int,
    window: int,
    within_clause: bool = False,
    bare_terms: bool = False,
) -> Finding:
    """Whether the answer states, denies or misses one pattern.

    With a ``subject``, each word must be said of that side, and a mention of the side itself
    ("DELETE") is not its own claim.  In a bare list of terms a one-group pattern only counts for a
    point made of names alone (``bare_terms``): elsewhere a bare term says nothing about what it means.
    """
    a = index.analysis
    if (a.is_dump and pattern.needed < 2 and not bare_terms) or not _could_match(index, pattern):
        return MISSED
    present = index.present
    can_miss = len(pattern.groups) - pattern.needed  # groups that may be absent
    hits: list[list[tuple[Synonym, list[_Claim]]]] = []  # per group: its synonyms' claims
    scope_counts: dict[int, int] = {}  # scope -> how many groups have a claim in it
    for group in pattern.groups:
        group_hits = []
        group_scopes: set[int] = set()
        for synonym in group:
            if not present.issuperset(synonym):  # some word of it is nowhere in the answer
                continue
            claims, claim_scopes = _claims(index, synonym, subject, within_clause)
            if claims:
                group_hits.append((synonym, claims))
                group_scopes.update(claim_scopes)  # a fresh set: claim_scopes is cached, never changed
        if not group_hits:
            if pattern.anchored and not hits:
                return MISSED  # the anchor (an inversion's opposite word) is not said
            can_miss -= 1
            if can_miss < 0:
                return MISSED  # too few groups can be found
        hits.append(group_hits)
        for s in group_scopes:
            scope_counts[s] = scope_counts.get(s, 0) + 1
    needed = pattern.needed
    # only a scope where enough groups have a claim can state or deny the pattern
    candidates = {s for s, count in scope_counts.items() if count >= needed}
    if pattern.anchored:
        candidates &= {
            index.clause_scope[c[0]] if within_clause else index.scope[c[0]] for _, cs in hits[0] for c in cs
        }
    if not candidates:
        return MISSED
    scope = index.clause_scope if within_clause else index.scope
    negator = a.soft_negator if within_clause else a.negator
    steady: set[int] = set()  # starts of occurrences that count even when negated
    by_scope: dict[int, list[_Occurrence]] = {}
    for g, group_hits in enumerate(hits):
        for synonym, claims in group_hits:
            is_steady = synonym in pattern.steady
            for start, end, from_prompt in claims:
                s = scope[start]
                if s in candidates:
                    by_scope.setdefault(s, []).append((start, end, g, from_prompt))
                    if is_steady:
                        steady.add(start)
    stated: set[int] = set()
    denied: set[int] = set()
    span = denied_span = (0, 0)
    contradicted = False
    example = a.example
    for found in _apart(by_scope.values(), example) if example else by_scope.values():
        if len({o[2] for o in found}) < needed:
            continue
        if all(negator[o[0]] < 0 for o in found):
            affirmed = found  # nothing here is negated
        else:
            covered = {k for o in found for k in range(o[0], o[1])}
            affirmed = [o for o in found if negator[o[0]] < 0 or negator[o[0]] in covered or o[0] in steady]
        best = _tightest(affirmed, needed, window, pattern.anchored, pattern.core)
        if best is not None and needed > 1 and len(affirmed) < len(found):
            contradicted = contradicted or _denied_too(a, found, affirmed, needed, window)
        if best is not None:
            if not stated:
                span = best
            stated.add(index.scope[best[0]])
        else:
            negated = _tightest(found, needed, window, pattern.anchored, pattern.core)
            if negated is not None:
                if not denied:
                    denied_span = negated
                denied.add(index.scope[negated[0]])
    if stated:
        return Finding(Status.STATED, frozenset(stated), span, 1.0, contradicted)
    return Finding(Status.DENIED, frozenset(denied), denied_span) if denied else MISSED


def _denied_too(
    a: Analysis, found: list[_Occurrence], affirmed: list[_Occurrence], needed: int, window: int
) -> bool:
    """Whether a sentence that states a pattern also denies it outright: "not" (or "never") right
    before a group's word, with the other groups' words ("JWT is not signed: it is
    header.payload.signature"), the negated word said nowhere else in the sentence."""
    said = {a.stems[o[0]] for o in affirmed}
    kept = set(affirmed)
    negated = [o for o in found if o not in kept and _outright(a, o[0]) and a.stems[o[0]] not in said]
    for group in {o[2] for o in negated}:
        trial = [o for o in negated if o[2] == group] + [o for o in affirmed if o[2] != group]
        if _tightest(trial, needed, window) is not None:
            return True
    return False


def _outright(a: Analysis, i: int) -> bool:
    """Whether word ``i`` is negated by a "not" or "never" right before it ("is not signed", "not
    been signed")."""
    cue = a.negator[i]
    if cue < 0 or a.words[cue] not in OUTRIGHT_CUES:
        return False
    return all(a.words[k] in AUXILIARIES for k in range(cue + 1, i))


def _apart(scopes: Iterable[list[_Occurrence]], example: frozenset[int]) -> list[list[_Occurrence]]:
    """Each scope's occurrences, with those inside an example ("e.g. sending emails") kept apart from
    the rest: an example illustrates a claim, so it may state a pattern on its own, not complete one."""
    parted: list[list[_Occurrence]] = []
    for found in scopes:
        inner = [o for o in found if o[0] in example]
        if inner and len(inner) < len(found):
            parted += [[o for o in found if o[0] not in example], inner]
        else:
            parted.append(found)
    return parted


def _claims(
    index: AnswerIndex, synonym: Synonym, subject: int, within_clause: bool
) -> tuple[list[_Claim], set[int]]:
    """The synonym's spans that can count as claims (said of ``subject``, when it is one), each with
    whether it is made only of the prompt's words, and the scopes (clauses or sentences) they lie in;
    worked out once per answer and shared by patterns."""
    memo = (synonym, subject, within_clause)
    cached = index.claims.get(memo)
    if cached is not None:
        return cached
    in_prompt, mention, side = index.in_prompt, index.mention, index.side
    scope = index.clause_scope if within_clause else index.scope
    claims: list[_Claim] = []
    scopes: set[int] = set()
    length = len(synonym)
    if length == 1:  # a one-word synonym is found wherever its key is
        starts: Iterable[int] = index.positions.get(synonym[0], ())
    else:
        starts = [start for start, _ in index.find(synonym)]
    for start in starts:
        end = start + length
        from_prompt = in_prompt[start] if length == 1 else all(in_prompt[start:end])
        if from_prompt and not within_clause and index.in_topic_name(start, end):
            continue  # the question's own phrase ("load balancing") names the topic, claims nothing
        if subject >= 0 and (mention.get(start) == subject or side(start, within_clause) != subject):
            continue
        claims.append((start, end, from_prompt))
        scopes.add(scope[start])
    result = (claims, scopes)
    index.claims[memo] = result
    return result


def _tightest(
    found: list[_Occurrence], needed: int, window: int, anchored: bool = False, core: tuple[int, int] = (0, 0)
) -> tuple[int, int] | None:
    """The shortest span with ``needed`` distinct groups and a word not from the prompt (``anchored``:
    the first group among them; ``core`` = (n, k): k of the first n groups among them), if short enough."""
    core_groups, core_needed = core
    if len({o[2] for o in found}) < needed:
        return None
    ordered = sorted(found)
    ends = [o[1] for o in ordered]
    counts: dict[int, int] = {}
    own = 0
    left = 0
    best: tuple[int, int] | None = None
    core_in = 0  # how many of the first ``core_groups`` groups the window holds
    # the window's occurrences whose end no later one reaches, in order: the first ends the window
    # (a sliding maximum, so a long run of one word takes linear time)
    last_ends: deque[int] = deque()
    for right, (_, last, group, from_prompt) in enumerate(ordered):
        while last_ends and ends[last_ends[-1]] <= last:
            last_ends.pop()
        last_ends.append(right)
        counts[group] = counts.get(group, 0) + 1
        core_in += group < core_groups and counts[group] == 1
        own += not from_prompt
        while len(counts) >= needed and own > 0 and core_in >= core_needed and (not anchored or 0 in counts):
            first_start, _, first_group, first_from_prompt = ordered[left]
            while last_ends[0] < left:
                last_ends.popleft()
            end = ends[last_ends[0]]  # the latest end of the window's occurrences
            if best is None or end - first_start < best[1] - best[0]:
                best = (first_start, end)
            counts[first_group] -= 1
            core_in -= first_group < core_groups and not counts[first_group]
            if not counts[first_group]:
                del counts[first_group]
            own -= not first_from_prompt
            left += 1
    if best is None or best[1] - best[0] > window:
        return None
    return best


def match_detector(index: AnswerIndex, detector: Detector, window: int) -> Finding:
    """Whether the answer states, denies or misses a key point or misconception.

    Denying one of a point's opposites states it ("the producer doesn't wait" states decoupling);
    affirming one of its inversions, when nothing states it, denies it ("copies stay in sync").
    """
    stated: list[Finding] = []
    denied = False
    window = detector.window or window
    bare_terms = index.analysis.is_dump and detector.names_only  # only a bare list asks
    for pattern in detector.patterns:
        finding = match_pattern(index, pattern, detector.subject, window, detector.within_clause, bare_terms)
        if finding.status is Status.STATED:
            if finding.contradicted and detector.central:
                return Finding(Status.DENIED)  # "JWT is not signed: it is header.payload.signature"
            stated.append(finding)
        elif finding.status is Status.DENIED:
            denied = True
    for pattern in detector.opposites:
        finding = match_pattern(index, pattern, detector.subject, window, detector.within_clause, bare_terms)
        if finding.status is Status.DENIED:
            stated.append(Finding(Status.STATED, finding.scopes, finding.span, 1.0))
    inverted: list[tuple[int, int]] = []  # spans that say the point's opposite
    for pattern in detector.inversions:  # said within one clause; denied anywhere in a sentence
        finding = match_pattern(index, pattern, detector.subject, window, True, bare_terms)
        if finding.status is Status.STATED:
            inverted.append(finding.span)
            continue
        if finding.status is not Status.DENIED:  # "committed data ... and won't be lost": two clauses
            finding = match_pattern(index, pattern, detector.subject, window, False, bare_terms)
        if finding.status is Status.DENIED:
            stated.append(Finding(Status.STATED, finding.scopes, finding.span, 1.0))
    if inverted:  # a clause that says the opposite ("committed data is lost") does not also state the point
        denied = True
        clause = index.clause_scope
        opposite = {clause[k] for start, end in inverted for k in range(start, end)}
        stated = [f for f in stated if not opposite.intersection(clause[k] for k in range(*f.span))]
    if len(stated) >= max(1, detector.at_least - 1):  # one short of "at least three" is partly right
        scopes = frozenset().union(*(f.scopes for f in stated))
        share = min(1.0, len(stated) / detector.at_least)
        return Finding(Status.STATED if share == 1.0 else Status.SOME, scopes, stated[0].span, share)
    return Finding(Status.DENIED) if denied else MISSED


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
