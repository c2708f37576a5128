"""Derives what counts for a plain key point (only its ``text``) from that sentence and the lexicon.

The result is in the grader's own format (``alternatives``: concept sets of synonym groups, ``*`` a
prefix wildcard, ``~`` a synonym that counts even when negated), so the pack format stays unchanged.
A plain point becomes:

- one *unit* per content word of its text (or per lexicon phrase in it, such as "load balancer"),
  without function words; each unit a synonym group: the word, a prefix wildcard of its stem for
  inflections, and every lexicon set it belongs to;
- *core* units (the point's own technical words) set how many units an answer must say together
  in one sentence (``needed_units``: all of up to two, then about half); *soft* units (everyday
  words such as "new", "first", "receives", words of quantity such as "many", "own", generic words
  nearly every answer uses such as "server", "request", names in capitals such as "GET", and the
  prompt's own words) count toward
  that number but never raise it, so a paraphrase may drop the author's filler words, and the
  words every answer says do not make a point on their own;
- a synonym made only of the prompt's words, or a generic one, never stands in for a core unit,
  and a word that is one unit's own word is no other unit's synonym (no word counts twice);
- the examples in parentheses or after "e.g." make one more unit that can stand in for any other;
  three examples or more also make a concept set of their own: two of them named together state
  the point ("used for cross-cutting concerns such as authentication, logging and error handling");
- a point that is a list ("documents, key-value pairs, wide columns or graphs") has one unit per
  item and needs all items but one;
- one concept set of all units with how many are needed (``bot.grading.needed_set``); for a point
  that needs two units, one more where a single own word and a generic word or a word of quantity
  will do ("the browser sends a request", "many endpoints"); and for a part of the text between
  the author's semicolons or dashes one more;
- *inversions*: the same units with one of them replaced by its opposite from the lexicon
  ("shared" -> "own", "faster" -> "slower"); an answer that affirms one says the opposite of the
  point, one that denies it ("not shared") states it;
- a point that is itself said negatively ("stays out of", "is not worth", "stops blocking"), or
  whose prompt asks about what to avoid, counts whether the answer says it with "not" or without:
  "don't cache sensitive data in a CDN" states "sensitive data stays out of shared caches".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.grading import inverted_set, needed_set
from bot.grading.text.stem import stem as porter
from content.lexicon import Lexicon, crude_stem, load_lexicon

Group = tuple[str, ...]

MAX_UNITS = 6
MAX_SOFT_UNITS = 4
MAX_INVERSIONS = 4
MIN_WILDCARD_STEM = 5
EXAMPLE_ITEM_WORDS = 2
NEGATIVE_PREFIXES = ("un", "non")
MIN_LIST_ITEMS = 3
EXAMPLES_NEEDED = 2  # of a point's examples that state it when named together
STEADY = "~"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Words that say nothing about the idea itself: grammar, hedges, and the pack author's framing.
_STOP_TEXT = """
    a an the and or but nor so yet if then than that this these those there here it its it's they them
    their theirs we our you your he she his her i me my is are was were be been being am do does did
    doing done have has had having can could will would shall should may might must of to in on at by
    for with from into onto over under about as per via e g eg i.e ie etc such like also too very
    just only even more most less least much some any all each every other another
    either neither not no usually often typically generally mostly always sometimes which who whom
    whose what when where why how while whereas because since though although until unless upon up down
    out off again
    one two get gets got make makes made way ways thing things something kind sort
    mean means meant use used uses using went go goes say says said whether instead away enable enables
    improve improves allow allows let lets several concrete traditionally typically needed need needs
    everything anything carries carry able bonus purpose trade off tradeoff well meaning meanings
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# Everyday words that help say a point but are not what it is about: they count toward the units an
# answer needs, never raise the number.
_SOFT_TEXT = """
    new first real actual actually given certain specific particular still already simply directly
    automatically deliberately appropriate appropriately similar various usual normal normally
    ordinary general basic simple easily through across inside within around along side sides
    receive receives received put puts act acts acted acting move moves moved look looks looked take
    takes took taken give gives gave keep keeps kept hold holds held happen happens happened become
    becomes became stay stays stayed come comes came bring brings brought turn turns turned try tries
    tried work works worked provide provides provided include includes included contain contains
    contained involve involves involved offer offers offered deal deals dealt lead leads led follow
    follows followed apply applies applied stuff case cases place places lot lots rather soon now
    sits sit sitting lives live living resides reside goes going
    chosen choose chooses picked explicit explicitly clearly fully completely really truly properly
    correctly rarely whole entire done
"""
# How many or how much: soft words that still make a claim beside one of the point's own words
# ("many endpoints" against "a single endpoint"; "each service has its own database").
QUANTITIES = frozenset(("many", "own", "same", "both"))
SOFT_WORDS = frozenset(_SOFT_TEXT.split()) | QUANTITIES
# A contrast ("instead of storing sessions", "rather than polling"): the words after it, to the end of
# the clause, are what the point is not, so they are left out.  Words after "not" stay: "queries
# that do not include the key go to every shard" needs them (the point then counts negated or not).
NEGATION = re.compile(r"\b(?:instead of|rather than|as opposed to|unlike)\b[^,;.()]*", re.I)
# A point said negatively: an answer may say it with "not" ("don't cache secrets" states "secrets
# stay out of caches"), so its words count whether negated or not.
NEGATIVE_POINT = re.compile(
    r"\b(?:no|not|never|without|nothing|nobody|none|cannot|\w+n't|stops?|stopp\w*|prevents?|prevent\w*|"
    r"avoids?|avoid\w*|out of|unless|no longer|eliminat\w*|forbid\w*|refus\w*|"
    r"reject\w*|blocks?|blocking)\b",
    re.I,
)
# A prompt that asks about what to avoid, what goes wrong or what is risky: its answers are full of "don't".
NEGATIVE_PROMPT = re.compile(
    r"\b(?:avoid\w*|not|never|shouldn't|\w+n't|without|prevent\w*|pitfalls?|mistakes?|risk\w*|danger\w*|"
    r"goes wrong|go wrong|anti-?patterns?)\b",
    re.I,
)
_SEGMENT = re.compile(r";|\s[-–—]\s")
# What stands where examples or a contrast were taken out: it ends a clause, not a segment of the point.
GAP = " | "
_NEGATIVE_ENTRY = re.compile(r"\b(?:not|no|never|without|don't|doesn't|can't|cannot)\b|n't\b")
_NAME = re.compile(r"\b[A-Z]{3,}\b")  # a name written in capitals: "GET", "PUT", "JWT"
_POSSESSIVE = re.compile(r"'s$")
_LIST_SEPARATOR = re.compile(r",|\band\b|\bor\b", re.I)
_HYPHEN_PREFIX = re.compile(r"\b(re|pre|co|un|multi|sub|self|per)-(?=[a-z])", re.I)


@dataclass(frozen=True)
class Derived:
    """The concept sets derived for one plain key point, and the units they were built from.

    ``units`` are the point's core and soft units (examples last, when there are any);
    ``needed`` is how many of them (and of the prompt's words) an answer must say together.
    """

    units: tuple[Group, ...]
    alternatives: tuple[tuple[Group, ...], ...]
    needed: int = 1


_EXAMPLES = re.compile(
    r"\(([^()]*)\)|\b(?:e\.?g\.?|i\.?e\.?|such as|for example|usually|like)\s+([^;()]*)", re.I
)
_SLASHED = re.compile(r"\b([a-z0-9]+(?:/[a-z0-9]+)+)\b", re.I)


def content_words(text: str) -> list[str]:
    """The lowercase words of ``text`` that carry meaning (no function words, no lone letters)."""
    words = _WORD.findall(text.lower().replace("/", " "))
    return [w for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def prompt_stems(prompt: str) -> frozenset[str]:
    """The crude stems of the prompt's content words: a key point's word among them never counts."""
    return frozenset(crude_stem(word) for word in content_words(prompt))


NEEDED = (0, 1, 2, 2, 3, 3, 3)  # by unit count; from seven on, half of them (rounded up)


def needed_units(count: int) -> int:
    """How many of a point's units an answer must say together: all of up to two, then about half."""
    return NEEDED[count] if count < len(NEEDED) else -(-count // 2)


CORE_NEEDED = (0, 1, 2, 2, 2, 3, 3)  # by core unit count; from seven on, half of them (rounded up)


def core_needed_units(count: int) -> int:
    """How many units an answer must say together for a point with ``count`` core units: all of up
    to two, two of three or four, then about half."""
    return CORE_NEEDED[count] if count < len(CORE_NEEDED) else -(-count // 2)


def derive(text: str, prompt: str, lexicon: Lexicon | None = None) -> Derived:
    """The synonym groups of a plain key point, as concept sets the grader understands.

    Words in parentheses or after "e.g."/"such as" are examples: together they make one unit, which
    can stand in for one of the main units, and two of three or more examples state the point
    together.  Words joined by slashes ("HTTP/gRPC") are one unit.
    Words after a contrast ("instead of storing sessions") are left out; words after a negation ("do
    not include the key", "stays out of") count whether the answer negates them or not.  A part of
    the text between semicolons or dashes with two units or more also counts on its own.  A point
    that is a list of names needs nearly all of them, one unit per item.
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    text = _HYPHEN_PREFIX.sub("", text)  # "re-read" is read, "per-user" is user
    skip = prompt_stems(prompt)
    steady = bool(NEGATIVE_PROMPT.search(prompt))
    main, examples, runs = _split_examples(text)
    main = NEGATION.sub(GAP, main)
    negated = _negated_stems(main, lexicon)
    found = _units(main, skip, lexicon)
    if not found and not examples:  # every word is in the prompt: the text's own words, as a last resort
        found = _units(main, frozenset(), lexicon)
    core = [group for group, soft in found if not soft][:MAX_UNITS]
    soft_units = [group for group, soft in found if soft][:MAX_SOFT_UNITS]
    if not core:  # only everyday words: they are the point
        core, soft_units = soft_units, []
    items = _list_items(main, skip, lexicon) if _is_list(main) else []
    if len(items) >= MIN_LIST_ITEMS:  # "Atomicity, consistency, isolation and durability"
        core, soft_units = items[:MAX_UNITS], []
    units = _disjoint([*core, *soft_units])
    needed = core_needed_units(len(core)) if len(core) >= 2 else min(2, len(units))
    if len(items) >= MIN_LIST_ITEMS:
        needed = len(core) - 1  # a point that is a list asks for nearly all of its items
    taken = skip | {crude_stem(w) for unit in units for w in unit}
    example_unit = _merged(examples, taken, lexicon)
    if example_unit:  # one more unit that may stand in for any other
        units.insert(len(core), example_unit)
        needed = max(1, needed)
    core_groups = len(core) + bool(example_unit)
    core_needed = needed if needed <= 2 else needed - 1  # everyday and prompt words only complete a claim
    prompt_units = _prompt_units(main, skip, units, lexicon) if units else []
    if not units:
        return Derived((), (), 0)
    # "unused": "hasn't been used" says it, so its base word counts, negated or not
    units = [(*unit, STEADY + base) if (base := _negative_base(unit)) else unit for unit in units]

    def mark(unit: Group) -> Group:
        return _steady(unit) if steady or _in(unit, negated) else unit

    everything = [mark(u) for u in [*units, *prompt_units]]
    alternatives = [_concept_set(needed, everything, core_needed, core_groups)]
    named = [item for run in runs for item in _list_items(run, skip, lexicon, whole=True)]
    if len(named) >= MIN_LIST_ITEMS:  # "such as authentication, logging and error handling"
        alternatives.append(_concept_set(EXAMPLES_NEEDED, [mark(u) for u in named[:MAX_UNITS]]))
    support = [mark(u) for u in units[core_groups:] if lexicon.is_generic(u[0]) or u[0] in QUANTITIES]
    if needed == 2 and core_groups >= 2 and support:  # "the browser sends a request", "many endpoints"
        own = [mark(u) for u in units[:core_groups]]
        alternatives.append(_concept_set(2, [*own, *support], 1, core_groups))
    for segment in _SEGMENT.split(main) if _SEGMENT.search(main) else ():
        part = [group for group, soft in _units(segment, skip, lexicon) if not soft][:MAX_UNITS]
        if len(part) >= 2 and len(part) < len(core):
            alternatives.append(_concept_set(needed_units(len(part)), [mark(u) for u in part]))
    if not steady:  # a point said negatively has no clear opposite
        plain = [u for u in units if not _in(u, negated)]
        alternatives += _inversions(main, plain, prompt_units, needed, lexicon)
    shown = (
        units[: len(core)] + units[len(core) + 1 :] + units[len(core) : len(core) + 1]
        if example_unit
        else units
    )
    return Derived(tuple(shown), tuple(dict.fromkeys(alternatives)), needed)


def _concept_set(
    needed: int, units: Sequence[Group], core_needed: int = 0, core_groups: int = 0
) -> tuple[Group, ...]:
    """A concept set of ``units`` of which ``needed`` must be said together, ``core_needed`` of them
    among the first ``core_groups``."""
    if needed >= len(units):
        return tuple(units)
    return (needed_set(needed, core_needed, core_groups), *units)


def _says(text: str, entries: Sequence[str]) -> bool:
    """Whether the text holds one of the entries as words ("non-sensitive" holds "non sensitive")."""
    words = " " + " ".join(_WORD.findall(text.lower())) + " "
    return any(f" {' '.join(_WORD.findall(entry.lower().rstrip('*')))} " in words for entry in entries)


def _inversions(
    text: str, units: list[Group], prompt_units: list[Group], needed: int, lexicon: Lexicon
) -> list[tuple[Group, ...]]:
    """Concept sets that say the opposite of the point: a unit's lexicon opposite said together with
    as many of its other units as the point needs ("local caches stay in sync" against "local copies
    drift apart")."""
    found: list[tuple[Group, ...]] = []
    everything = [*units, *prompt_units]
    count = min(max(2, needed), len(everything))
    for i, unit in enumerate(everything):
        opposite = lexicon.opposites(unit[0].lstrip(STEADY))
        words = {crude_stem(entry.lstrip(STEADY)) for u in everything for entry in u[:1]}
        if (
            not opposite
            or words.intersection(crude_stem(entry) for entry in opposite)
            or _says(text, opposite)
        ):
            continue  # a point that says both ("before and after") has no opposite in them
        # a synonym that says "not ..." ("not lost") would cover the very negation that turns the
        # opposite back into the point
        others = [_affirmative(u) for j, u in enumerate(units) if j != i]
        others = [u for u in others if u]
        prompt = [u for u in (_affirmative(u) for u in prompt_units if u is not unit) if u]
        # the prompt's words complete an opposite claim, but do not make one: "horizontal scaling" is not
        # "horizontal ... more CPU"
        core = 1 + len(others)
        concept = _concept_set(count, [opposite, *others, *prompt], min(count, core), core)
        found.append((inverted_set(), *concept))
        if len(found) >= MAX_INVERSIONS:
            break
    return found


def _is_list(text: str) -> bool:
    """Whether a point's text is only a list of names ("Atomicity, consistency, isolation and
    durability"): every word a content word or "and"/"or", with a comma, "and" or "or" between
    at least ``MIN_LIST_ITEMS`` items ("Distributes incoming requests across servers" is no list)."""
    words = _WORD.findall(text.lower())
    separators = len(_LIST_SEPARATOR.findall(text))
    return (
        bool(words)
        and separators >= MIN_LIST_ITEMS - 1
        and all(w in ("and", "or") or content_words(w) for w in words)
    )


def _list_items(text: str, skip: frozenset[str], lexicon: Lexicon, whole: bool = False) -> list[Group]:
    """One synonym group per item of a list point ("documents, key-value pairs, wide columns or
    graphs"): an item's words together, so "key-value" alone names its item; the first item only by
    its last word ("stores documents": the list starts after the verb)."""
    items: list[Group] = []
    chunks = [c for c in _LIST_SEPARATOR.split(text) if _WORD.search(c)]
    for k, chunk in enumerate(chunks):
        groups = [group for group, _ in _units(chunk, skip, lexicon)]
        if k == 0 and len(groups) > 1 and not whole:
            groups = groups[-1:]
        merged = tuple(dict.fromkeys(entry for group in groups for entry in group))
        if merged:
            items.append(merged)
    return items


def _negated_stems(text: str, lexicon: Lexicon) -> frozenset[str]:
    """The crude stems of the words a negation in the point covers: from a cue ("not", "stops",
    "out of", or a word meaning "not ..." such as "unused") to the end of its clause.  An answer may
    say them negated or not ("doesn't block" for "stops blocking"), so they count either way."""
    found: set[str] = set()
    for clause in re.split(r"[,;.():|]", text):
        cue = NEGATIVE_POINT.search(clause)
        words = _WORD.findall(clause.lower())
        start = len(words)
        if cue is not None:
            start = len(_WORD.findall(clause[: cue.start()].lower()))
        for k, word in enumerate(words[:start]):
            if _negative_base((word, *lexicon.synonyms(word))):
                start = k
                break
        found.update(crude_stem(word) for word in words[start:])
    return frozenset(found)


def _negative_base(unit: Group) -> str:
    """The base word of a unit that means "not ..." ("unused": "used"), else empty: a word made
    with "un" or "non" whose lexicon synonyms say "not" and the rest of the word."""
    word = unit[0].lstrip(STEADY).lower()
    for prefix in NEGATIVE_PREFIXES:
        base = word[len(prefix) :].lstrip("-")
        negated = (f"not {base}", f"no {base}")
        if word.startswith(prefix) and len(base) >= MIN_WILDCARD_STEM - 1 and negated[0] in unit[1:]:
            return base
        if word.startswith(prefix) and len(base) >= MIN_WILDCARD_STEM - 1 and negated[1] in unit[1:]:
            return base
    return ""


def _in(unit: Group, stems: frozenset[str]) -> bool:
    """Whether a word of the unit's own entry ("routing key") is among the stems."""
    return any(crude_stem(word) in stems for word in _WORD.findall(unit[0].lstrip(STEADY).lower()))


def _affirmative(group: Group) -> Group:
    """The group without its synonyms that say "not ..." or "no ..."."""
    return tuple(entry for entry in group if not _NEGATIVE_ENTRY.search(entry))


def _steady(group: Group) -> Group:
    """A group whose synonyms count whether negated or not."""
    return tuple(entry if entry.startswith(STEADY) else STEADY + entry for entry in group)


def _same(group: Group) -> Group:
    """The group as it is."""
    return group


def _disjoint(units: list[Group]) -> list[Group]:
    """The units with each synonym kept only in the first unit that has it, and never in a unit other
    than the one whose own word it is, so no word counts twice; a unit's own word always stays in it
    (it is what the author wrote)."""
    taken: list[str] = []
    result: list[Group] = []
    heads = [unit[0] for unit in units]
    for n, unit in enumerate(units):
        others = [*taken, *(head for m, head in enumerate(heads) if m != n)]
        own = tuple(
            entry for k, entry in enumerate(unit) if k == 0 or not any(_overlap(entry, o) for o in others)
        )
        result.append(own)
        taken += own
    return result


def _overlap(entry: str, other: str) -> bool:
    """Whether two synonyms can match the same word (equal stems, or one a prefix wildcard of the other)."""
    a, b = entry.lower(), other.lower()
    if a.endswith("*") and b.rstrip("*").startswith(a[:-1]):
        return True
    if b.endswith("*") and a.rstrip("*").startswith(b[:-1]):
        return True
    return crude_stem(a) == crude_stem(b)


def _split_examples(text: str) -> tuple[str, list[str], list[str]]:
    """The text without its examples, the example words, and each run of examples as written."""
    examples: list[str] = []
    runs: list[str] = []

    def take(match: re.Match[str]) -> str:
        if match.group(1) is not None:  # a parenthesis is all example
            examples.extend(content_words(match.group(1)))
            runs.append(match.group(1))
            return GAP
        given, rest = _example_run(match.group(2) or "")
        examples.extend(content_words(given))
        runs.append(given)
        return GAP + rest

    main = _EXAMPLES.sub(take, text)
    return main, examples, runs


def _example_run(text: str) -> tuple[str, str]:
    """The examples after "such as"/"e.g." and the words that follow them: the examples are a list
    ("a timestamp or a low-cardinality column"), its last item at most ``EXAMPLE_ITEM_WORDS`` words,
    and the rest of the clause ("creates hotspots on one shard") is the point again."""
    words = text.split()
    joins = [k for k, word in enumerate(words) if word.lower().strip(",") in ("or", "and")]
    start = joins[-1] + 1 if joins else 0
    end, count = start, 0
    while end < len(words) and count < EXAMPLE_ITEM_WORDS:
        count += bool(content_words(words[end]))
        end += 1
        if words[end - 1].endswith(","):
            break
    return " ".join(words[:end]), " ".join(words[end:])


def _units(text: str, skip: frozenset[str], lexicon: Lexicon) -> list[tuple[Group, bool]]:
    """One synonym group per lexicon phrase, slashed alternatives or content word, in order, no
    repeats, each with whether it is a soft word: an everyday word, a generic one (``Lexicon.generic``:
    "server", "request"), or a name written in capitals ("GET", "PUT"), which is kept although it
    may be a function word.  A synonym made only of the prompt's words never counts for the point
    (it proves nothing the question did not say), and a generic word never stands in for another
    ("users" is no synonym of "load")."""
    names = frozenset(word.lower() for word in _NAME.findall(text))
    units: list[tuple[Group, bool]] = []
    seen: set[str] = set()
    for chunk in _SLASHED.split(text):
        if _SLASHED.fullmatch(chunk):
            group = _merged(chunk.split("/"), skip | seen, lexicon)
            if group:
                units.append((group, False))
                seen.update(crude_stem(w) for w in chunk.lower().split("/"))
            continue
        words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(chunk.lower())]  # "the server's links"
        i = 0
        while i < len(words):
            length, phrase_set = lexicon.phrase_at(words, i)
            named = words[i] in names
            if phrase_set is None and not named and not content_words(words[i]):
                i += 1
                continue
            stems = [crude_stem(w) for w in words[i : i + length] if content_words(w)] or [words[i]]
            i += length
            if all(s in skip for s in stems) or any(s in seen for s in stems):
                continue
            if phrase_set is not None:
                phrase = " ".join(words[i - length : i])
                group = tuple(dict.fromkeys((phrase, *phrase_set)))
            else:
                group = _word_group(words[i - 1], lexicon)
            group = group[:1] + tuple(entry for entry in group[1:] if not _in_prompt(entry, skip))
            generic = phrase_set is None and lexicon.is_generic(words[i - 1])
            if not generic:
                group = group[:1] + tuple(e for e in group[1:] if not lexicon.is_generic(e.rstrip("*")))
            seen.update(stems)
            soft = phrase_set is None and (named or generic or words[i - 1] in SOFT_WORDS)
            units.append((group, soft))
    return units


def _in_prompt(entry: str, skip: frozenset[str]) -> bool:
    """Whether every word of a synonym is one of the prompt's words."""
    words = _WORD.findall(entry.lower().rstrip("*"))
    return bool(words) and all(crude_stem(word) in skip for word in words)


def _prompt_units(text: str, skip: frozenset[str], units: list[Group], lexicon: Lexicon) -> list[Group]:
    """The point's words that are also the prompt's, as soft units: saying them proves nothing alone
    (the grader needs a word of the answer's own beside them), but they help complete a claim; a
    generic word of the prompt ("each server") does not."""
    taken = {crude_stem(entry) for unit in units for entry in unit}
    found: list[Group] = []
    for word in dict.fromkeys(content_words(text)):
        stem = crude_stem(word)
        if (
            stem in skip
            and stem not in taken
            and not lexicon.is_generic(word)
            and len(found) < MAX_SOFT_UNITS
        ):
            found.append(_word_group(word, lexicon))
            taken.add(stem)
    return found


def _merged(words: Sequence[str], skip: frozenset[str] | set[str], lexicon: Lexicon) -> Group:
    """One group of several words (examples, slashed alternatives) and all their synonyms."""
    group: list[str] = []
    for word in content_words(" ".join(words)):
        if crude_stem(word) not in skip:
            group += _word_group(word, lexicon)
    return tuple(dict.fromkeys(group))


def _word_group(word: str, lexicon: Lexicon) -> Group:
    """A word, its stem as a wildcard when long enough, and its lexicon synonyms."""
    group = [word]
    stubs = [
        s for s in (porter(word), crude_stem(word)) if word.startswith(s) and len(s) >= MIN_WILDCARD_STEM
    ]
    if stubs and not word.isdigit():  # the shorter stub: "automat*" finds "automated" and "automatically"
        group.append(min(stubs, key=len) + "*")
    group += lexicon.synonyms(word)
    return tuple(dict.fromkeys(group))
