"""Writes an imported pack as a YAML pack file, with its review notes as comments beside each question."""

from __future__ import annotations

from typing import Any

import yaml

from content.importers.build import ImportedPack

WIDTH = 100


class _PackDumper(yaml.SafeDumper):
    """Safe YAML with multi-line text as literal blocks, so answers read as they were written."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """A string node: a literal block when it has line breaks."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_PackDumper.add_representer(str, _text)


def _dump(data: Any) -> str:
    """YAML text for ``data`` in the pack's style (keys in order, Unicode kept)."""
    return yaml.dump(data, Dumper=_PackDumper, sort_keys=False, allow_unicode=True, width=WIDTH)


def pack_text(imported: ImportedPack, source: str) -> str:
    """The pack file's text: a header comment, the pack's fields and every question."""
    count = len(imported.questions)
    lines = [
        f"# Imported from {source} by `interview-bot content import`: {count} question(s).",
        "# Key points are the answer's sentences (or bullet lines) as plain sentences; the review",
        "# notes beside a question say what to look at. Add labelled examples, then run",
        "# `interview-bot content check`.",
    ]
    header = {key: value for key, value in imported.data.items() if key != "questions"}
    text = "\n".join(lines) + "\n" + _dump(header) + "questions:\n"
    by_question: dict[str, list[str]] = {}
    for finding in imported.findings:
        by_question.setdefault(finding.question, []).append(finding.message)
    for question in imported.questions:
        for message in by_question.get(question["id"], []):
            text += f"  # review: {message}\n"
        body = _dump([question])
        text += "".join(f"  {line}" if line.strip() else line for line in body.splitlines(keepends=True))
    return text
