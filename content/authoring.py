"""Authoring warnings: synonym groups that look valid but cannot work as their author meant.

- A word that satisfies two groups of one concept set: one word then states what was meant to
  need two ("cache" in both [cache*] and [cach*, memory]).
- A one-word synonym, alone in its concept set, that also appears in the prompt: repeating the
  question proves nothing, so the grader never counts it.

These are warnings, not problems: the pack still loads.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.model.questions import KeyPoint, Question
from content.derive import prompt_stems
from content.lexicon import crude_stem

Groups = tuple[tuple[str, ...], ...]


def point_warnings(question: Question, point: KeyPoint) -> list[str]:
    """The authoring warnings for one key point with explicit synonym groups."""
    sets: list[Groups] = [groups for groups in (point.concepts, *point.alternatives) if groups]
    found = [f"key point '{point.id}': {message}" for groups in sets for message in _overlaps(groups)]
    prompt = prompt_stems(question.prompt)
    in_prompt = sorted(
        {
            synonym
            for groups in sets
            if len(groups) == 1  # with other groups beside it, a prompt word may still help
            for synonym in groups[0]
            if _one_word(synonym) and crude_stem(synonym) in prompt
        }
    )
    found += [
        f"key point '{point.id}': synonym '{synonym}' is a word of the prompt, so it never counts"
        for synonym in in_prompt
    ]
    return found


def _overlaps(groups: Groups) -> Iterator[str]:
    """A message for each word that belongs to two groups of one concept set."""
    for i, first in enumerate(groups):
        for j in range(i + 1, len(groups)):
            shared = _shared(first, groups[j])
            if shared:
                yield (
                    f"'{shared}' satisfies two of its synonym groups ({i + 1} and {j + 1}), "
                    "so one word states both"
                )


def _shared(first: tuple[str, ...], second: tuple[str, ...]) -> str:
    """A one-word synonym found in both groups (as a word, or matching the other's wildcard)."""
    for a in first:
        for b in second:
            if not (_one_word(a.rstrip("*")) and _one_word(b.rstrip("*"))):
                continue
            if _matches(a, b) or _matches(b, a):
                return b if a.endswith("*") else a
    return ""


def _matches(pattern: str, word: str) -> bool:
    """Whether a synonym (``*`` a prefix wildcard) matches a one-word synonym."""
    pattern, word = pattern.strip().lower().lstrip("~"), word.strip().lower().lstrip("~")
    if pattern.endswith("*"):
        return not word.endswith("*") and word.startswith(pattern[:-1])
    return not word.endswith("*") and crude_stem(pattern) == crude_stem(word)


def _one_word(synonym: str) -> bool:
    """Whether a synonym is a single plain word (no spaces, no wildcard, no label mark)."""
    text = synonym.strip().lstrip("~")
    return bool(text) and " " not in text and "*" not in text and not text.endswith(":")
