"""``bot.replies.in_messages``: a follow-up rides in its grade's message only when both go to the same
people and quote the same message; everything else keeps a message of its own, in order."""

from __future__ import annotations

from dataclasses import replace

from bot.model.messages import Attachment, AttachmentKind, Reply, ReplyKind
from bot.replies import in_messages

GRADE = Reply(ReplyKind.GRADE, "🟡 Partly right – 50%", answers="41")
FOLLOW_UP = Reply(ReplyKind.FOLLOW_UP, "🔁 Follow-up", ("Why?",), answers="41", follow_up_id=7)
QUESTION = Reply(ReplyKind.QUESTION, "What is a JWT?", open_question_id=3)
CHART = Attachment("chart.png", b"png", "image/png", AttachmentKind.PHOTO)


def test_a_follow_up_joins_the_grade_before_it() -> None:
    assert in_messages([GRADE, FOLLOW_UP]) == [(GRADE, FOLLOW_UP)]
    assert in_messages([QUESTION, GRADE, FOLLOW_UP, QUESTION]) == [
        (QUESTION,),
        (GRADE, FOLLOW_UP),
        (QUESTION,),
    ]


def test_a_follow_up_stays_apart_when_the_two_would_not_go_alike() -> None:
    apart = [
        replace(GRADE, private=True),  # only the member sees the grade
        replace(GRADE, answers="40"),  # quotes another message
        replace(GRADE, attachments=(CHART,)),  # its files follow its message
        QUESTION,  # a posted question is matched by its own message
        replace(FOLLOW_UP, follow_up_id=6),  # one follow-up per message
    ]
    for first in apart:
        assert in_messages([first, FOLLOW_UP]) == [(first,), (FOLLOW_UP,)], first


def test_only_follow_ups_ride_and_only_one_per_message() -> None:
    other = replace(GRADE, title="Another")
    assert in_messages([GRADE, other]) == [(GRADE,), (other,)]
    assert in_messages([GRADE, FOLLOW_UP, FOLLOW_UP]) == [(GRADE, FOLLOW_UP), (FOLLOW_UP,)]
    assert in_messages([FOLLOW_UP]) == [(FOLLOW_UP,)]
    assert in_messages([]) == []
