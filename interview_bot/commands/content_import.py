"""``interview-bot content import`` and ``content export``: decks in, packs out for review.

``import FILE --topic T`` reads an Anki CSV / text export, a Markdown deck or an Anki ``.apkg`` and
writes ``T.yaml`` (into ``--out DIR``, default the current directory), lints it, and lists what
needs an author's look. ``export PACK --format md|csv`` writes a pack as a Markdown deck or as Anki
CSV. A file that cannot be imported is one line on stderr and exit code 2.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from bot.model.questions import Difficulty
from content import lint_report
from content.importers import ImportFailure, build_pack, format_of, pack_text, read_deck, to_csv, to_markdown
from content.importers.context import existing, find_pack, load_pack
from content.schema import ID_PATTERN
from interview_bot.startup import settings_or_exit


class ExportFormat(StrEnum):
    """What ``content export`` writes."""

    MD = "md"
    CSV = "csv"


def import_deck(
    file: Annotated[Path, typer.Argument(help="An Anki CSV/text export, a Markdown deck or an Anki .apkg.")],
    topic: Annotated[str, typer.Option("--topic", help="The topic of the questions, e.g. networking.")],
    out: Annotated[Path, typer.Option("--out", help="The directory to write TOPIC.yaml into.")] = Path(),
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv, md or apkg; default: from the file's extension.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="The topic's title; default: the deck's name.")] = None,
    difficulty: Annotated[
        Difficulty, typer.Option(help="The difficulty of questions whose note does not name one.")
    ] = Difficulty.MEDIUM,
    force: Annotated[bool, typer.Option("--force", help="Replace TOPIC.yaml if it exists.")] = False,
) -> None:
    """Import a deck as a pack of plain key points, lint it, and list what needs an author's look."""
    settings = settings_or_exit()
    if not ID_PATTERN.fullmatch(topic):
        _fail(f"'{topic}' is not a valid topic name: use lowercase letters, digits and single dashes")
    target = out / f"{topic}.yaml"
    if target.exists() and not force:
        _fail(f"{target} already exists; give --force to replace it, or another --out")
    try:
        deck = read_deck(file, format_of(file, fmt))
    except ImportFailure as error:
        _fail(str(error))
    known = existing(settings.content_dirs, leaving_out=target)
    name = known.topics.get(topic) or title or deck.title or topic.replace("-", " ").capitalize()
    imported = build_pack(deck, pack=topic, topic=topic, title=name, difficulty=difficulty, taken=known.ids)
    if not imported.questions:
        _fail(f"{file.name}: no note has an answer with words to grade; nothing imported")
    out.mkdir(parents=True, exist_ok=True)
    target.write_text(pack_text(imported, file.name), encoding="utf-8")
    report = lint_report([target])
    typer.echo(
        f"Imported {len(imported.questions)} question(s) from {file.name} into topic '{topic}': {target}"
    )
    for problem in report.problems:
        typer.echo(str(problem))
    if imported.findings or imported.notes:
        typer.echo("Needs an author's look:")
        for line in [*map(str, imported.findings), *imported.notes]:
            typer.echo(f"  {line}")
    if report.problems:
        raise typer.Exit(1)
    typer.echo(f"The pack lints. Practise it: CONTENT_DIRS={out} interview-bot practice --topic {topic}")


def export_pack(
    pack: Annotated[str, typer.Argument(help="A pack file, or the name of a loaded pack (e.g. backend).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="md (a Markdown deck) or csv (Anki notes).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="The file to write; default: standard output.")
    ] = None,
) -> None:
    """Write a pack as a Markdown deck (which imports back) or as Anki's CSV note format."""
    settings = settings_or_exit()
    path = find_pack(pack, settings.content_dirs)
    if path is None:
        _fail(
            f"no pack '{pack}': give a pack file or the name of a loaded pack (`interview-bot content list`)"
        )
    loaded = load_pack(path, settings.content_dirs)
    if loaded.problems:
        for problem in loaded.problems:
            typer.echo(f"Error: {problem}", err=True)
        _fail(f"{path} does not load; `interview-bot content lint {path}` lists its problems")
    text = (
        to_markdown(loaded.questions, loaded.topics) if fmt is ExportFormat.MD else to_csv(loaded.questions)
    )
    if out is None:
        typer.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    typer.echo(f"Wrote {len(loaded.questions)} question(s) of {path.name} to {out} ({fmt.value}).")


def _fail(message: str) -> NoReturn:
    """One clear line on stderr and exit code 2."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)
