"""Rendering replies for Discord: escaping user text and staying inside every Discord limit."""

from __future__ import annotations

import discord

from adapters.discord import render
from adapters.discord.views import view_for
from bot.model.actions import Action
from bot.model.messages import Button, Reply, ReplyKind, Section


def embed_dict(reply: Reply) -> dict:
    return render.embed_for(reply, in_dm=False).to_dict()


def test_huge_replies_fit_discords_embed_limits():
    long = "x" * 10_000
    reply = Reply(
        ReplyKind.GRADE,
        "T" * 500,
        (long, long),
        sections=tuple(Section(f"Section {i}", (long, "short line") * 3) for i in range(40)),
        hits=tuple("hit " * 100 for _ in range(30)),
        misses=("missed",),
    )
    embed = render.embed_for(reply, in_dm=False)
    data = embed.to_dict()
    assert len(data["title"]) == render.TITLE_LIMIT and data["title"].endswith("…")
    assert len(data["description"]) <= render.DESCRIPTION_LIMIT
    assert len(data["fields"]) <= render.FIELD_COUNT_LIMIT
    assert all(len(f["value"]) <= render.FIELD_VALUE_LIMIT and len(f["name"]) <= 256 for f in data["fields"])
    assert len(embed) <= render.EMBED_TOTAL_LIMIT
    assert data["fields"][-1] == {"name": "…", "value": "Cut to fit Discord's limits.", "inline": False}


def test_lines_are_packed_into_fields_in_order():
    lines = tuple(f"{i}. member {i} – {i} pts" for i in range(200))
    data = embed_dict(Reply(ReplyKind.LEADERBOARD, "Board", sections=(Section("All time", lines),)))
    assert data["fields"][0]["name"] == "All time" and data["fields"][1]["name"] == "All time (cont.)"
    shown = "\n".join(f["value"] for f in data["fields"] if f["name"].startswith("All time")).split("\n")
    assert shown == list(lines[: len(shown)]) and len(shown) > 50


def test_markup_and_mentions_in_text_are_neutralised():
    reply = Reply(
        ReplyKind.ERROR, "No topic “@everyone”", ("**bold** `code` <@123456789012345678> [x](http://e.vil)",)
    )
    data = embed_dict(reply)
    assert data["title"] == "No topic “@\u200beveryone”"
    assert (
        data["description"] == "\\*\\*bold\\*\\* \\`code\\` <@\u200b123456789012345678> \\[x](http://e.vil)"
    )


def test_a_question_tells_how_to_answer_on_discord():
    core_group_line = "Reply to this message with your answer; each member is graded on their own."
    reply = Reply(
        ReplyKind.QUESTION, "security · easy", ("What is CORS?", core_group_line), open_question_id=4
    )
    assert embed_dict(reply)["description"] == "What is CORS?\n\n" + render.GROUP_HOW_TO_ANSWER
    in_dm = render.embed_for(reply, in_dm=True).to_dict()["description"]
    assert in_dm == "What is CORS?\n\n" + render.DM_HOW_TO_ANSWER


def test_private_replies_are_ephemeral_only_in_servers():
    reply = Reply(ReplyKind.STATS, "Your progress", private=True)
    assert render.render(reply, in_dm=False).ephemeral is True
    assert render.render(reply, in_dm=True).ephemeral is False


def test_summary_line_counts_and_stays_under_the_content_limit():
    assert render.summary_line(0, []) == ""
    assert render.summary_line(1, []) == "📝 1 member answered"
    line = render.summary_line(900, [f"@here_{i}" for i in range(900)])
    assert len(line) <= render.CONTENT_LIMIT and line.endswith("…")
    assert "@here" not in line and "\\_" in line


def test_buttons_carry_the_core_action_and_a_question_gets_answer_first():
    reply = Reply(
        ReplyKind.QUESTION, "q", ("p",), buttons=(Button("💡 Hint", Action.hint(9)),), open_question_id=9
    )
    view = view_for(reply)
    assert [item.custom_id for item in view.children] == ["ib-answer:9", "ib:hint:9"]
    assert view.children[0].item.style is discord.ButtonStyle.primary
    assert view.timeout is None and view.is_persistent()
    assert view_for(Reply(ReplyKind.INFO, "plain")) is None
