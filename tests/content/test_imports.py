"""Imports: an Anki CSV export, a Markdown deck and an Anki .apkg (each built here) become packs that
lint and grade, with plain key points from the answers, stable ids and a review of what needs an
author's look; a bad file is one clear ``ImportFailure``; an exported pack imports back as it was."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from bot.grading import grade
from bot.model.grades import Verdict
from bot.model.questions import Difficulty
from content import lint_paths, load_bank
from content.importers import (
    ImportedPack,
    ImportFailure,
    build_pack,
    format_of,
    pack_text,
    read_deck,
    to_csv,
    to_markdown,
)
from content.importers.points import key_points, sentences
from content.loader import load_packs
from tests.support.paths import TEST_PACKS

TCP_ANSWER = (
    "TCP is a connection-oriented transport protocol.<br>It delivers bytes reliably and in order, "
    "retransmitting lost segments.<br>A three-way handshake opens each connection."
)

ANKI_CSV = (
    "#separator:tab\n#html:true\n#tags column:3\n#deck:Networking\n"
    f"What is TCP?\t{TCP_ANSWER}\tnetworking transport hard\n"
    'What does DNS do?\t"DNS resolves domain names to IP addresses.\nResolvers cache answers for the '
    "record's TTL.\"\tnetworking\n"
    "what is tcp\tA duplicate of the first note.\t\n"
)

MARKDOWN_DECK = """\
# Networking basics

## What is a CDN?
<!-- difficulty: easy; tags: cdn, caching -->
A CDN is a network of edge servers that keep copies of content close to users.

- Edge servers cache copies of static content close to users.
- Requests travel a shorter distance, so pages load faster.
- The origin server gets less traffic.

> Hint: Where do the servers sit?

## Why use HTTP/2?
HTTP/2 multiplexes many requests over one TCP connection. It compresses headers with HPACK.
"""


def make_apkg(path: Path, notes: list[tuple[str, str]], *, member: str = "collection.anki21") -> Path:
    """An Anki package with a SQLite collection holding ``notes`` as (fields joined by \\x1f, tags)."""
    database = path.with_suffix(".sqlite")
    connection = sqlite3.connect(database)
    connection.executescript(
        "CREATE TABLE col (id INTEGER PRIMARY KEY, decks TEXT NOT NULL);"
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER, mod INTEGER, usn INTEGER,"
        " tags TEXT, flds TEXT, sfld TEXT, csum INTEGER, flags INTEGER, data TEXT);"
    )
    decks = {"1": {"name": "Default"}, "2": {"name": "Backend::Databases"}}
    connection.execute("INSERT INTO col VALUES (1, ?)", (json.dumps(decks),))
    for number, (fields, tags) in enumerate(notes, start=1):
        connection.execute(
            "INSERT INTO notes VALUES (?, ?, 1, 0, -1, ?, ?, '', 0, 0, '')",
            (1_700_000_000_000 + number, f"guid{number}", f" {tags} ", fields),
        )
    connection.commit()
    connection.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(database, member)
        archive.writestr("media", "{}")
    database.unlink()
    return path


APKG_NOTES = [
    (
        "What is a database index?\x1f<div>An index is a separate sorted structure, usually a B-tree, "
        "that finds rows without scanning the whole table.</div><div>It speeds up reads but slows down "
        "writes and takes extra storage.</div>",
        "databases indexes",
    ),
    ("What does ACID stand for?\x1fAtomicity, consistency, isolation and durability.", "databases"),
    ("A cloze-like note with no back\x1f", "databases"),
]


def _imported(tmp_path: Path, text: str, name: str, topic: str = "fx-import") -> tuple[ImportedPack, Path]:
    """Import the deck ``text`` saved as ``name``; write the pack and return it with its file."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return _build(read_deck(source, format_of(source)), source, tmp_path, topic)


def _build(deck, source: Path, tmp_path: Path, topic: str = "fx-import") -> tuple[ImportedPack, Path]:  # type: ignore[no-untyped-def]
    """Build and write the pack of ``deck``."""
    imported = build_pack(
        deck, pack="fx", topic=topic, title="Imported", difficulty=Difficulty.MEDIUM, taken=set()
    )
    out = tmp_path / "packs"
    out.mkdir(exist_ok=True)
    target = out / f"{topic}.yaml"
    target.write_text(pack_text(imported, source.name), encoding="utf-8")
    return imported, target


def _grades_its_own_answers(imported: ImportedPack, pack: Path) -> set[str]:
    """Each model answer grades correct unless the review says otherwise; an off-topic answer grades wrong.

    Returns the ids the review flags for an answer that does not grade correct against its key points.
    """
    flagged = {f.question for f in imported.findings if f.message.startswith("the answer grades")}
    bank = load_bank([pack.parent])
    questions = [q for q in bank.questions() if q.topic == "fx-import"]
    assert [q.id for q in questions] == [q["id"] for q in imported.questions]
    for question in questions:
        verdict = grade(question, question.model_answer).verdict
        assert (verdict is Verdict.CORRECT) is (question.id not in flagged), question.id
        assert grade(question, "I would ask my manager and go for lunch.").verdict is Verdict.WRONG
    return flagged


def test_an_anki_csv_export_becomes_a_pack_that_lints_and_grades(tmp_path: Path) -> None:
    imported, pack = _imported(tmp_path, ANKI_CSV, "deck.csv")
    assert lint_paths([pack]) == []
    assert _grades_its_own_answers(imported, pack) == set()
    tcp, dns = imported.questions
    assert (tcp["id"], dns["id"]) == ("tcp", "dns")
    assert tcp["difficulty"] == "hard" and tcp["tags"] == ["networking", "transport"]
    assert [point["text"] for point in tcp["key_points"]] == [
        "TCP is a connection-oriented transport protocol.",
        "It delivers bytes reliably and in order, retransmitting lost segments.",
        "A three-way handshake opens each connection.",
    ]
    assert "<br>" not in tcp["model_answer"] and "\n" in tcp["model_answer"]
    assert dns["difficulty"] == "medium" and len(dns["key_points"]) == 2
    assert tcp["hints"] == ["A full answer makes 3 points."]
    duplicate = [f for f in imported.findings if "same question again" in f.message]
    assert [(f.question, f.message) for f in duplicate] == [
        ("tcp", "line 8 asks the same question again; skipped")
    ]
    assert any("labelled examples" in note for note in imported.notes)


def test_ids_are_stable_and_avoid_ids_in_use(tmp_path: Path) -> None:
    source = tmp_path / "deck.csv"
    source.write_text(ANKI_CSV, encoding="utf-8")
    deck = read_deck(source, "csv")
    first = build_pack(deck, pack="fx", topic="t", title="T", difficulty=Difficulty.EASY, taken=set())
    again = build_pack(deck, pack="fx", topic="t", title="T", difficulty=Difficulty.EASY, taken=set())
    assert [q["id"] for q in first.questions] == [q["id"] for q in again.questions] == ["tcp", "dns"]
    taken = build_pack(deck, pack="fx", topic="t", title="T", difficulty=Difficulty.EASY, taken={"tcp"})
    renamed = taken.questions[0]["id"]
    assert renamed.startswith("tcp-") and renamed != "tcp"
    assert (
        renamed
        == build_pack(
            deck, pack="fx", topic="t", title="T", difficulty=Difficulty.EASY, taken={"tcp"}
        ).questions[0]["id"]
    )


@pytest.mark.parametrize(
    ("header", "separator"),
    [("Tab", "\t"), ("Comma", ","), ("Semicolon", ";"), ("Pipe", "|"), ("Space", " "), ("~", "~"), ("", ";")],
)
def test_the_separator_header_is_honoured(tmp_path: Path, header: str, separator: str) -> None:
    line = separator.join(
        ['"What is a CDN?"', '"Edge servers cache content near users. Pages load faster."', "cdn"]
    )
    head = f"#separator:{header}\n#html:false\n" if header else ""
    source = tmp_path / "deck.txt"
    source.write_text(f"{head}{line}\n", encoding="utf-8")
    (note,) = read_deck(source, "csv").notes
    assert (note.front, note.back, note.tags) == (
        "What is a CDN?",
        "Edge servers cache content near users. Pages load faster.",
        ("cdn",),
    )


def test_html_is_stripped_only_when_the_file_is_html(tmp_path: Path) -> None:
    row = "Why &lt;br&gt;?\tA <b>bold</b> claim &amp; a second line.<br>Second line here.\n"
    source = tmp_path / "deck.csv"
    source.write_text("#separator:tab\n#html:true\n" + row, encoding="utf-8")
    html_note = read_deck(source, "csv").notes[0]
    assert (html_note.front, html_note.back) == (
        "Why <br>?",
        "A bold claim & a second line.\nSecond line here.",
    )
    source.write_text("#separator:tab\n#html:false\n" + row, encoding="utf-8")
    plain_note = read_deck(source, "csv").notes[0]
    assert plain_note.back.startswith("A <b>bold</b> claim &amp;")


def test_other_header_lines_name_the_columns(tmp_path: Path) -> None:
    text = (
        "#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
        "abc123\tBasic\tNet\tWhat is a port?\tA port number picks the process on a host. "
        "It is 16 bits.\tnet\n"
    )
    source = tmp_path / "deck.txt"
    source.write_text(text, encoding="utf-8")
    (note,) = read_deck(source, "csv").notes
    assert (note.front, note.tags) == ("What is a port?", ("net",))
    assert note.back.startswith("A port number")


def test_a_markdown_deck_becomes_a_pack_that_lints_and_grades(tmp_path: Path) -> None:
    imported, pack = _imported(tmp_path, MARKDOWN_DECK, "deck.md")
    assert lint_paths([pack]) == []
    assert _grades_its_own_answers(imported, pack) == {"cdn"}  # its prose leaves out two of its bullets
    cdn, http2 = imported.questions
    assert cdn["id"] == "cdn" and cdn["difficulty"] == "easy" and cdn["tags"] == ["cdn", "caching"]
    assert (
        cdn["model_answer"]
        == "A CDN is a network of edge servers that keep copies of content close to users."
    )
    assert cdn["key_points"][0]["text"] == "Edge servers cache copies of static content close to users."
    assert len(cdn["key_points"]) == 3 and cdn["hints"] == ["Where do the servers sit?"]
    assert http2["id"] == "http-2" and len(http2["key_points"]) == 2
    assert read_deck(tmp_path / "deck.md", "md").title == "Networking basics"


def test_an_anki_package_becomes_a_pack_that_lints_and_grades(tmp_path: Path) -> None:
    source = make_apkg(tmp_path / "deck.apkg", APKG_NOTES)
    deck = read_deck(source, format_of(source))
    assert deck.title == "Backend::Databases"
    assert deck.skipped == ["note 3: skipped, it has no back"]
    imported, pack = _build(deck, source, tmp_path)
    assert lint_paths([pack]) == []
    assert _grades_its_own_answers(imported, pack) == {"acid-stand"}  # a bare list of terms
    index, acid = imported.questions
    assert index["tags"] == ["databases", "indexes"] and len(index["key_points"]) == 2
    assert index["model_answer"].startswith("An index is a separate sorted structure")
    assert any("one key point" in f.message for f in imported.findings if f.question == acid["id"])


def test_a_package_prefers_the_newer_collection_it_can_read(tmp_path: Path) -> None:
    source = make_apkg(tmp_path / "deck.apkg", APKG_NOTES[:1])
    with zipfile.ZipFile(source, "a") as archive:  # what new Anki adds for very old versions
        archive.writestr("collection.anki2", b"not what should be read")
    assert read_deck(source, "apkg").notes[0].front == "What is a database index?"


def test_the_review_flags_long_answers_and_cut_key_points(tmp_path: Path) -> None:
    long_answer = " ".join(
        f"Sentence number {n} explains one more detail of replication lag." for n in range(1, 9)
    )
    long_answer += " " + "word " * 120
    imported, pack = _imported(
        tmp_path, f"#separator:tab\nWhat is replication lag?\t{long_answer}\n", "d.csv"
    )
    messages = [f.message for f in imported.findings]
    assert "kept the first 5 of 8 sentences as key points" in messages
    assert any(m.startswith("a long answer (") for m in messages)
    assert len(imported.questions[0]["key_points"]) == 5
    assert lint_paths([pack]) == []


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = (
        "Use a queue, e.g. Kafka or RabbitMQ. It decouples services, i.e. they fail alone.\n- A bullet line"
    )
    assert sentences(text) == [
        "Use a queue, e.g. Kafka or RabbitMQ.",
        "It decouples services, i.e. they fail alone.",
        "A bullet line",
    ]
    assert key_points("x", ("Bullet one.", "Bullet two.")) == (["Bullet one.", "Bullet two."], 2)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "latin1.csv",
            "What is caf\xe9?\tA place.\n".encode("latin-1"),
            "latin1.csv:1: the file is not UTF-8 text",
        ),
        (
            "short.csv",
            b"#separator:tab\nWhat is TCP?\tA protocol.\nWhat is UDP?\n",
            "short.csv:3: this row has only a front",
        ),
        ("empty.csv", b"", "empty.csv: the file has no notes"),
        ("headers.csv", b"#separator:tab\n#html:true\n", "empty file, or headers only"),
        ("bad.csv", b"#separator:dash\nq-a\n", "unknown '#separator:dash'"),
        ("empty.md", b"\n\n", "empty.md: the file is empty"),
        ("noq.md", b"# Title\nSome text.\n", "no questions found"),
        (
            "noanswer.md",
            b"## What is TCP?\n\n## What is UDP?\nA protocol.\n",
            "noanswer.md:1: the question 'What is TCP?' has no answer",
        ),
        (
            "broken.apkg",
            b"PK\x03\x04 this is not really a zip",
            "broken.apkg: not a readable .apkg: the zip archive is broken",
        ),
    ],
)
def test_a_bad_file_is_one_clear_failure(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(ImportFailure) as failure:
        read_deck(source, format_of(source))
    assert message in str(failure.value)
    assert "\n" not in str(failure.value)


def test_a_zip_without_a_collection_or_with_only_the_newest_format(tmp_path: Path) -> None:
    source = tmp_path / "plain.apkg"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(
        ImportFailure, match=r"holds no Anki collection \(collection.anki2 or collection.anki21\)"
    ):
        read_deck(source, "apkg")
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("collection.anki21b", b"\x28\xb5\x2f\xfd zstd data")
    with pytest.raises(ImportFailure, match='"Support older Anki versions"'):
        read_deck(source, "apkg")
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("collection.anki21", b"not sqlite at all, just bytes" * 10)
    with pytest.raises(ImportFailure, match=r"collection\.anki21 is not a readable Anki collection"):
        read_deck(source, "apkg")


def test_an_unknown_extension_asks_for_a_format(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match=r"give --format csv\|md\|apkg"):
        format_of(tmp_path / "deck.xlsx")
    assert format_of(tmp_path / "deck.xlsx", "csv") == "csv"


def _valid_pack_questions() -> tuple[list, dict[str, str]]:  # type: ignore[type-arg]
    """The questions and topics of the test pack ``tests/data/packs/valid/team.yaml``."""
    result = load_packs([TEST_PACKS / "valid" / "team.yaml"])
    assert result.problems == []
    return result.questions, result.topics


def test_a_markdown_export_imports_back_as_it_was(tmp_path: Path) -> None:
    questions, topics = _valid_pack_questions()
    source = tmp_path / "export.md"
    source.write_text(to_markdown(questions, topics), encoding="utf-8")
    notes = read_deck(source, "md").notes
    assert [(n.id, n.front, n.back) for n in notes] == [
        (q.id, " ".join(q.prompt.split()), q.model_answer.strip()) for q in questions
    ]
    assert [n.points for n in notes] == [
        tuple(" ".join(p.text.split()) for p in q.key_points) for q in questions
    ]
    assert [n.hints for n in notes] == [q.hints for q in questions]
    assert [(n.difficulty, n.tags) for n in notes] == [(q.difficulty.value, q.tags) for q in questions]


def test_a_csv_export_is_anki_notes_that_import_back(tmp_path: Path) -> None:
    questions, _ = _valid_pack_questions()
    text = to_csv(questions)
    assert text.startswith("#separator:tab\n#html:false\n#tags column:3\n")
    source = tmp_path / "export.txt"
    source.write_text(text, encoding="utf-8")
    notes = read_deck(source, "csv").notes
    assert [(n.front, n.back) for n in notes] == [
        (q.prompt.strip(), q.model_answer.strip()) for q in questions
    ]
    assert all(f"difficulty::{q.difficulty.value}" in n.tags for n, q in zip(notes, questions, strict=True))


def test_a_columns_header_names_the_tags_column(tmp_path: Path) -> None:
    source = tmp_path / "deck.txt"
    source.write_text(
        "#separator:Semicolon\n#columns:Tags;Front;Back\n#deck:Default\n"
        "net tcp;What is a socket?;An endpoint of a connection. It has an address and a port.\n",
        encoding="utf-8",
    )
    deck = read_deck(source, "csv")
    (note,) = deck.notes
    assert (note.front, note.tags, deck.title) == ("What is a socket?", ("net", "tcp"), "")
    assert note.back == "An endpoint of a connection. It has an address and a port."


def test_cloze_notes_in_a_package_are_skipped_and_reported(tmp_path: Path) -> None:
    notes = [*APKG_NOTES[:1], ("The {{c1::B-tree}} is the usual index structure.\x1fExtra", "databases")]
    deck = read_deck(make_apkg(tmp_path / "deck.apkg", notes), "apkg")
    assert len(deck.notes) == 1
    assert deck.skipped == ["note 2: a cloze note, skipped; write it as a question and its answer"]


def test_a_zip_whose_collection_is_corrupted_is_a_broken_zip(tmp_path: Path) -> None:
    with zipfile.ZipFile(make_apkg(tmp_path / "plain.apkg", APKG_NOTES)) as archive:
        raw = archive.read("collection.anki21")
    source = tmp_path / "deck.apkg"
    with zipfile.ZipFile(source, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki21", raw)
    damaged = bytearray(source.read_bytes())
    damaged[60:400] = bytes(byte ^ 0x5A for byte in damaged[60:400])
    source.write_bytes(bytes(damaged))
    with pytest.raises(ImportFailure, match=r"deck\.apkg: not a readable \.apkg: the zip archive is broken"):
        read_deck(source, "apkg")


def test_a_deck_s_own_bullets_are_all_kept_and_more_than_five_are_flagged(tmp_path: Path) -> None:
    bullets = "".join(f"- Point {n} names one more part of the pipeline.\n" for n in range(1, 7))
    imported, pack = _imported(tmp_path, f"## What is a build pipeline?\n{bullets}", "deck.md")
    (question,) = imported.questions
    assert len(question["key_points"]) == 6
    assert "6 key points (bullet lines); two to 5 make a chat answer" in [
        f.message for f in imported.findings
    ]
    assert lint_paths([pack]) == []
