"""Stable question ids from the question's text: the same question gets the same id on every import."""

from __future__ import annotations

import hashlib
import re

from content.derive import content_words

MAX_ID_WORDS = 6
MAX_ID_LENGTH = 48
_FRAMING = frozenset(
    {"explain", "describe", "define", "difference", "differ", "differences", "between", "compare"}
    | {"contrast", "tell", "briefly"}
)


def normalized(prompt: str) -> str:
    """A question's text for spotting duplicates: case, spacing and closing punctuation ignored."""
    return " ".join(prompt.casefold().split()).rstrip(" ?.!:")


def slug(prompt: str) -> str:
    """The question's first meaningful words, lowercase and joined by dashes ("" when there are none)."""
    words = [re.sub(r"[^a-z0-9]", "", word) for word in content_words(prompt)]
    words = [word for word in words if word and word not in _FRAMING] or [w for w in words if w]
    text = "-".join(words[:MAX_ID_WORDS])
    while len(text) > MAX_ID_LENGTH and "-" in text:
        text = text.rsplit("-", 1)[0]
    return text[:MAX_ID_LENGTH].strip("-")


def short_hash(prompt: str) -> str:
    """Six hex digits that depend only on the question's normalized text."""
    return hashlib.sha1(normalized(prompt).encode("utf-8")).hexdigest()[:6]


def question_id(prompt: str, taken: set[str], wanted: str = "") -> str:
    """An id for a question not in ``taken`` (which it joins): ``wanted``, its slug, or slug plus a hash."""
    base = wanted or slug(prompt) or f"q-{short_hash(prompt)}"
    candidate = base if base not in taken else f"{base}-{short_hash(prompt)}"
    number = 2
    while candidate in taken:
        candidate, number = f"{base}-{short_hash(prompt)}-{number}", number + 1
    taken.add(candidate)
    return candidate
