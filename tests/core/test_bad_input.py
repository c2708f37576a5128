"""Bad input gets a clear reply and loses nothing."""

from __future__ import annotations

from bot.flows.practice import clean_answer
from bot.model.actions import Action
from bot.model.messages import ReplyKind
from tests.support.world import Person


async def test_empty_answer_keeps_the_question_open(dm_user: Person, store) -> None:
    await dm_user.command("quiz", "databases")
    [reply] = await dm_user.say("   \n\t ")
    assert reply.kind is ReplyKind.ERROR and reply.title == "Your answer is empty."
    [graded] = await dm_user.say("lookup and writes")
    assert graded.verdict == "correct"


async def test_a_10000_character_answer_is_refused_clearly_and_the_question_stays_open(
    dm_user: Person, store
) -> None:
    await dm_user.command("quiz", "databases")
    [reply] = await dm_user.say("lookup " + "x" * 9993)
    assert reply.kind is ReplyKind.ERROR and "10,000 characters" in reply.title
    assert store.attempts == []
    [graded] = await dm_user.say("lookup and writes")
    assert graded.kind is ReplyKind.GRADE


async def test_control_characters_and_odd_unicode_are_cleaned_not_fatal(dm_user: Person, store) -> None:
    await dm_user.command("quiz", "databases")
    [graded] = await dm_user.say("\x00\x1b[31mｌｏｏｋｕｐ\u202e and writes 🤖 \u200b")
    assert graded.verdict == "correct"
    assert "\x00" not in store.attempts[-1].answer_text and "\x1b" not in store.attempts[-1].answer_text


async def test_markup_in_answers_is_kept_as_text(dm_user: Person, store) -> None:
    await dm_user.command("quiz", "databases")
    answer = "<b>lookup</b> & *writes* @everyone <script>alert(1)</script>"
    [graded] = await dm_user.say(answer)
    assert graded.kind is ReplyKind.GRADE
    assert store.attempts[-1].answer_text == answer


async def test_stale_and_foreign_buttons_get_a_clear_reply(dm_user: Person) -> None:
    [reply] = await dm_user.press(Action.parse("hint:99999"))
    assert reply.title == "That question is not here any more."
    [other] = await dm_user.press(Action.parse("weird-button"))
    assert other.title == "That button no longer works."


def test_cleaning_keeps_layout_and_drops_only_control_characters() -> None:
    assert clean_answer("  two\nlines\tand a tab  ") == "two\nlines\tand a tab"
    assert clean_answer("no\u00a0break space") == "no break space"  # NFKC makes it a plain space
    assert clean_answer("zero\u200bwidth\u202e and \x07bell\u2028") == "zerowidth and bell"
