"""Rendering replies as Telegram HTML: escaping, the 4,096 limit, clean cuts, callback data."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from adapters.telegram.render import MAX_CHUNKS, alert_text, escape, keyboard, render, take
from bot.model.actions import Action
from bot.model.messages import Button, Reply, ReplyKind, Section
from tests.support.fake_telegram_server import parse_html, utf16_len

PIECES = [
    "<b>",
    "&amp;",
    "</i>",
    "&",
    "<",
    ">",
    "👩‍💻",
    "e\u0301",
    "\u202e",
    "𝕬",
    " ",
    "\n",
    "word",
    "“q”",
    "\u200d",
]


def messy(rng: random.Random, length: int) -> str:
    """Random text of markup, entities, emoji sequences, combining marks and RTL controls."""
    return "".join(rng.choice(PIECES) for _ in range(length))


def test_escape_makes_markup_inert_and_drops_lone_surrogates() -> None:
    assert escape("<b>Tom & Jerry</b>") == "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"
    assert escape("a\ud800b") == "a?b"
    assert parse_html(escape("</a>&amp;<")) == "</a>&amp;<"


@pytest.mark.parametrize("seed", range(12))
def test_any_reply_renders_to_valid_html_under_the_limit(seed: int) -> None:
    rng = random.Random(seed)
    reply = Reply(
        ReplyKind.GRADE,
        messy(rng, 40),
        tuple(messy(rng, rng.randint(0, 3000)) for _ in range(rng.randint(1, 3))),
        sections=(Section(messy(rng, 5), tuple(messy(rng, rng.randint(0, 900)) for _ in range(4))),),
        hits=(messy(rng, 30),),
        misses=(messy(rng, 30),),
        mention=messy(rng, 20),
    )
    chunks = render(reply, mention_user_id="5").chunks
    assert 1 <= len(chunks) <= MAX_CHUNKS
    for chunk in chunks:
        assert utf16_len(parse_html(chunk)) <= 4096  # parse_html raises on anything Telegram would refuse
        assert utf16_len(chunk) <= 4096


def test_a_long_reply_is_split_between_lines_and_keeps_every_word_in_order() -> None:
    lines = tuple(f"Line {i}: <b>bold?</b> & more" for i in range(200))
    chunks = render(Reply(ReplyKind.INFO, "Title", sections=(Section("Many", lines),))).chunks
    assert len(chunks) == 3
    plain = "\n".join(parse_html(chunk) for chunk in chunks)
    assert plain.split("\n")[3:] == list(lines)
    assert not any(parse_html(chunk).startswith(("\n", " ")) for chunk in chunks)


def test_an_endless_reply_is_trimmed_with_an_ellipsis() -> None:
    chunks = render(Reply(ReplyKind.INFO, "T", ("word " * 20000,))).chunks
    assert len(chunks) == MAX_CHUNKS
    assert chunks[-1].endswith("\n…")


def test_cuts_fall_at_spaces_and_never_inside_a_character_cluster() -> None:
    head, rest = take("alpha beta gamma", 12)
    assert (head, rest) == ("alpha beta ", "gamma")
    family = "👩‍👩‍👧‍👦"
    accented = "e\u0301\u0302"
    for text in (family * 400, accented * 900, "&" * 3000):
        remaining = text
        while remaining:
            head, remaining = take(remaining, 997)
            assert head
            assert utf16_len(escape(head)) <= 997
            if remaining:
                assert remaining[0] != "\u200d" and not unicodedata.combining(remaining[0])
                assert not head.endswith("\u200d")


def test_callback_data_over_64_bytes_is_left_out() -> None:
    buttons = (
        Button("ok", Action.parse("é" * 32)),
        Button("too long", Action.parse("é" * 33)),
        Button("hint", Action.hint(12)),
    )
    markup = keyboard(buttons)
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert data == ["é" * 32, "hint:12"]
    assert keyboard((Button("x", Action.parse("")),)) is None


def test_question_layout_and_alert_text() -> None:
    reply = Reply(ReplyKind.QUESTION, "security · easy", ("What is <CORS>?", "Reply to answer."))
    assert render(reply).chunks == (
        "<i>security · easy</i>\n\n<b>What is &lt;CORS&gt;?</b>\n<i>Reply to answer.</i>",
    )
    assert (
        alert_text(Reply(ReplyKind.ERROR, "Only admins", ("can do <that>",))) == "Only admins\ncan do <that>"
    )
    assert alert_text(Reply(ReplyKind.ERROR, "x" * 201)) is None


def test_a_mention_links_the_member_and_escapes_the_name() -> None:
    reply = Reply(ReplyKind.GRADE, "✅ Correct – 100%", mention='<a href="evil">Eve</a>')
    (chunk,) = render(reply, mention_user_id="42").chunks
    assert re.match(r'^<a href="tg://user\?id=42">&lt;a href="evil"&gt;Eve&lt;/a&gt;</a> · <b>', chunk)
