"""Plain key points from an answer: its bullet lines, or else its sentences, two to five of them."""

from __future__ import annotations

import re

from content.derive import content_words

MAX_POINTS = 5
LONG_POINT_WORDS = 30
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|vs|cf|approx|incl|resp|Dr|Mr|Mrs|Ms|St)\.", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9`])")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_HOLD = "\x00"


def sentences(answer: str) -> list[str]:
    """The answer's sentences and bullet lines, in order (abbreviations such as "e.g." do not end one)."""
    found: list[str] = []
    for line in answer.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        held = _ABBREVIATIONS.sub(lambda match: match.group(0).replace(".", _HOLD), line)
        found += [part.replace(_HOLD, ".").strip() for part in _SENTENCE_END.split(held) if part.strip()]
    return found


def usable(sentence: str) -> bool:
    """Whether a sentence can be a plain key point: it has words that carry meaning."""
    return bool(content_words(sentence))


def key_points(answer: str, bullets: tuple[str, ...] = ()) -> tuple[list[str], int]:
    """The key point texts and how many candidates there were.

    Bullet lines the deck gives are its key points, all of them (an author chose them); otherwise the
    answer's first ``MAX_POINTS`` sentences are.
    """
    if bullets:
        chosen = [text for text in bullets if usable(text)]
        return chosen, len(chosen)
    candidates = [text for text in sentences(answer) if usable(text)]
    return candidates[:MAX_POINTS], len(candidates)


def point_id(text: str, taken: set[str]) -> str:
    """A short id from a key point's first content words, unique among ``taken`` (which it joins)."""
    words = [re.sub(r"[^a-z0-9]", "", word) for word in content_words(text)]
    base = "-".join([word for word in words if word][:3])[:40].strip("-") or "point"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate
