"""The tables the typo matcher uses for one question: words it knows, and the question's own words.

An answer word is typo-matched only when it is unknown (not in the question's texts, the pack's
synonyms, the common-word list or the function words), and only against words of this question, so
"taken" never becomes "token" and a word of another topic is never pulled in.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.grading.text.lexicon import COMMON_WORDS, FUNCTION_WORDS
from bot.grading.text.normalize import analyse
from bot.grading.text.stem import stem
from bot.model.questions import KeyPoint, Question

MIN_TYPO_TARGET = 5
MIN_STEM_TYPO_TARGET = 7
MARKS = "*~:"


@dataclass(frozen=True)
class SpellingTables:
    """``known`` stems are left alone; ``spellings`` (by first letter) are the question's words an
    unknown word may be a misspelling of; ``long_stems`` map long stems and wildcard stubs to keys."""

    known: frozenset[str]
    spellings: dict[str, list[str]]
    long_stems: dict[str, dict[str, str]]


def spelling_tables(question: Question, keys: set[str], prefix_mark: str) -> SpellingTables:
    """The typo matcher's tables for a question whose patterns use ``keys``."""
    texts = [question.prompt, question.model_answer, *question.hints]
    texts += [p.text for p in question.key_points] + [m.text for m in question.misconceptions]
    words = {
        w for text in [*texts, *_pack_phrases(question)] for w in analyse(text.strip().strip(MARKS)).words
    }
    spellings: dict[str, list[str]] = {}
    for word in sorted(words):
        if len(word) >= MIN_TYPO_TARGET and word.isalpha():
            spellings.setdefault(word[0], []).append(word)
    long_stems: dict[str, dict[str, str]] = {}
    for key in sorted(keys):
        bare = key.removeprefix(prefix_mark)
        if len(bare) >= MIN_STEM_TYPO_TARGET and bare.isalpha():
            long_stems.setdefault(bare[0], {})[bare] = key
    known = frozenset(stem(w) for w in words | COMMON_WORDS | FUNCTION_WORDS)
    return SpellingTables(known, spellings, long_stems)


def _pack_phrases(question: Question) -> list[str]:
    """Every synonym, phrasing, subject and named item the question's pack entry spells out."""
    phrases: list[str] = []
    for item in (*question.key_points, *question.misconceptions):
        opposites = item.opposites if isinstance(item, KeyPoint) else ()
        for groups in (item.concepts, *item.alternatives, *opposites):
            phrases += [text for group in groups for text in group]
        phrases += item.phrasings
    phrases += [text for _, synonyms in question.subjects for text in synonyms]
    phrases += [text for group in question.named_items for text in group]
    return phrases
