"""What a button does, as a typed ``Action``, and its wire form: the short text a platform carries back.

The wire form is ``<verb>:<argument>`` (``hint:42``, ``skip:42``, ``reveal:42``, ``next:security``,
``next:`` for any topic, ``forget:yes:7``, ``forget:no:7``, ``disagree:42`` under the grade of an
answer to open question 42, ``accept:5`` under appeal 5, ``leave:9`` under follow-up 9).  Buttons
already posted carry it, so it must not change.  ``Action.parse`` never raises: text it cannot read is
the stale action, which keeps the text for the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_ID = 2**63 - 1
"""The largest id a store hands out (a signed 64-bit integer); a bigger number is not one of ours."""


class Verb(StrEnum):
    """What pressing a button asks for."""

    NEXT = "next"
    HINT = "hint"
    SKIP = "skip"
    REVEAL = "reveal"
    FORGET = "forget"
    DISAGREE = "disagree"
    """Appeal the presser's grade on an open question."""
    ACCEPT = "accept"
    """Accept an appeal (a group's admin)."""
    LEAVE = "leave"
    """Leave (skip) a follow-up, keeping the grade."""
    STALE = "stale"
    """A button the bot no longer understands (an old or tampered payload)."""


QUESTION_VERBS = frozenset({Verb.HINT, Verb.SKIP, Verb.REVEAL})
"""The verbs that act on one open question, named by its id."""


def _id(text: str) -> int | None:
    """A store id written as ASCII digits, or None."""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


@dataclass(frozen=True)
class Action:
    """A button's action: the verb and what it acts on.

    ``question_id`` is the open question of a hint, skip or reveal; ``topic`` the topic of the next
    question (empty for any); ``confirmed`` and ``owner_id`` the answer to ``/forget`` and whose
    prompt it was; ``raw`` the unreadable text of a stale action.  ``appeal_id`` is the appeal an
    Accept button accepts; ``reason`` is what a platform's own form (a Discord modal) collected with a
    Disagree press: it is not part of the wire form.  ``follow_up_id`` is the follow-up a Leave
    button skips.
    """

    verb: Verb
    question_id: int | None = None
    topic: str = ""
    confirmed: bool = False
    owner_id: int | None = None
    raw: str = ""
    appeal_id: int | None = None
    reason: str = ""
    follow_up_id: int | None = None

    @classmethod
    def next(cls, topic: str = "") -> Action:
        """Ask the next question, of a topic or (empty) any."""
        return cls(Verb.NEXT, topic=topic)

    @classmethod
    def hint(cls, question_id: int) -> Action:
        """Show the next hint of an open question."""
        return cls(Verb.HINT, question_id=question_id)

    @classmethod
    def skip(cls, question_id: int) -> Action:
        """Skip an open question."""
        return cls(Verb.SKIP, question_id=question_id)

    @classmethod
    def reveal(cls, question_id: int) -> Action:
        """Show the model answer of an open question."""
        return cls(Verb.REVEAL, question_id=question_id)

    @classmethod
    def forget(cls, *, confirmed: bool, owner_id: int) -> Action:
        """Answer the ``/forget`` prompt shown to user ``owner_id``: delete (confirmed) or cancel."""
        return cls(Verb.FORGET, confirmed=confirmed, owner_id=owner_id)

    @classmethod
    def disagree(cls, question_id: int, reason: str = "") -> Action:
        """Appeal the presser's grade on open question ``question_id`` (with a reason, if one was given)."""
        return cls(Verb.DISAGREE, question_id=question_id, reason=reason)

    @classmethod
    def accept(cls, appeal_id: int) -> Action:
        """Accept appeal ``appeal_id``."""
        return cls(Verb.ACCEPT, appeal_id=appeal_id)

    @classmethod
    def leave(cls, follow_up_id: int) -> Action:
        """Leave follow-up ``follow_up_id`` unanswered (its grade stays)."""
        return cls(Verb.LEAVE, follow_up_id=follow_up_id)

    @classmethod
    def stale(cls, raw: str = "") -> Action:
        """A button that no longer works; ``raw`` is what it carried."""
        return cls(Verb.STALE, raw=raw)

    @classmethod
    def parse(cls, text: str) -> Action:
        """The action a platform payload stands for; the stale action when it is unreadable."""
        if not isinstance(text, str):
            return cls.stale(repr(text))
        name, colon, argument = text.partition(":")
        if name == Verb.NEXT:
            return cls.next(argument)
        if not colon:
            return cls.stale(text)
        if name in QUESTION_VERBS:
            question_id = _id(argument)
            return cls.stale(text) if question_id is None else cls(Verb(name), question_id=question_id)
        if name in {Verb.DISAGREE, Verb.ACCEPT}:
            target = _id(argument)
            if target is None:
                return cls.stale(text)
            return cls.disagree(target) if name == Verb.DISAGREE else cls.accept(target)
        if name == Verb.LEAVE:
            follow_up_id = _id(argument)
            return cls.stale(text) if follow_up_id is None else cls.leave(follow_up_id)
        if name == Verb.FORGET:
            choice, _, owner = argument.partition(":")
            owner_id = _id(owner)
            if choice in {"yes", "no"} and owner_id is not None:
                return cls.forget(confirmed=choice == "yes", owner_id=owner_id)
        return cls.stale(text)

    def encode(self) -> str:
        """The wire form, which ``parse`` reads back (a stale action gives back what it carried)."""
        if self.verb is Verb.NEXT:
            return f"next:{self.topic}"
        if self.verb in QUESTION_VERBS:
            return f"{self.verb}:{self.question_id}"
        if self.verb is Verb.FORGET:
            return f"forget:{'yes' if self.confirmed else 'no'}:{self.owner_id}"
        if self.verb is Verb.DISAGREE:
            return f"disagree:{self.question_id}"
        if self.verb is Verb.ACCEPT:
            return f"accept:{self.appeal_id}"
        if self.verb is Verb.LEAVE:
            return f"leave:{self.follow_up_id}"
        return self.raw

    @property
    def is_stale(self) -> bool:
        """Whether this is a button the bot no longer understands."""
        return self.verb is Verb.STALE
