"""Anki fields are HTML: this turns one into the plain text a learner reads, line breaks kept."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BREAKS = frozenset({"br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"})
_HIDDEN = frozenset({"script", "style"})
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.S)
_LOOKS_LIKE_HTML = re.compile(r"<(?:br|div|p|b|i|u|em|strong|span|ul|ol|li|img|font|sub|sup|a)\b[^>]*>", re.I)


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; block elements and ``<br>`` become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a tag: a break before blocks, a bullet before list items."""
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        """Close a tag: a break after blocks."""
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep visible text."""
        if not self.hidden:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """Whether a field holds HTML markup (for CSV files that do not say with ``#html:``)."""
    return bool(_LOOKS_LIKE_HTML.search(text))


def strip_html(text: str) -> str:
    """The visible text of an HTML field: tags dropped, entities decoded, one blank-free line per block."""
    parser = _TextOnly()
    parser.feed(_CLOZE.sub(r"\1", _SOUND.sub("", text)))
    parser.close()
    return clean_lines("".join(parser.parts))


def clean_lines(text: str) -> str:
    """Lines with inner whitespace collapsed and empty lines dropped."""
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line and line != "-")
