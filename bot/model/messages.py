"""The core's inbound and outbound contract: ``Incoming`` events and structured ``Reply`` objects.

Replies are data, not formatted strings: every adapter renders them in its own markup and owns
escaping, length limits and mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.model.actions import Action
from bot.model.grades import Verdict


@dataclass(frozen=True)
class Sender:
    """Who sent an event: the platform, the platform's user id and a display name."""

    platform: str
    user_id: str
    display_name: str


@dataclass(frozen=True)
class Chat:
    """Where an event happened.

    ``chat_id`` is where replies are posted; ``place_id`` is where scores count (a Telegram chat,
    a Discord guild, or the user's own DMs).  ``is_private`` is true for a direct conversation.
    """

    platform: str
    chat_id: str
    is_private: bool
    place_id: str = ""
    title: str = ""

    @property
    def place(self) -> str:
        """The id of the place scores count in (the chat itself unless told otherwise)."""
        return self.place_id or self.chat_id


@dataclass(frozen=True)
class Incoming:
    """One thing a person did: a command, free text, a button press, or a reply to the bot.

    Exactly one of ``command``, ``text`` and ``action`` is set.  ``reply_to`` is the platform id of
    the bot's message this one replies to; ``can_manage`` says the sender may administer the chat.
    """

    sender: Sender
    chat: Chat
    command: str | None = None
    args: tuple[str, ...] = ()
    text: str | None = None
    action: Action | None = None
    reply_to: str | None = None
    message_id: str | None = None
    can_manage: bool = False

    @classmethod
    def for_command(cls, sender: Sender, chat: Chat, command: str, *args: str, **extra: object) -> Incoming:
        """Build a command event (``/quiz security`` -> ``for_command(..., "quiz", "security")``)."""
        return cls(sender=sender, chat=chat, command=command.lower(), args=tuple(args), **extra)  # type: ignore[arg-type]

    @classmethod
    def for_text(cls, sender: Sender, chat: Chat, text: str, **extra: object) -> Incoming:
        """Build a free-text event (an answer, in a DM or as a reply)."""
        return cls(sender=sender, chat=chat, text=text, **extra)  # type: ignore[arg-type]

    @classmethod
    def for_action(cls, sender: Sender, chat: Chat, action: Action, **extra: object) -> Incoming:
        """Build a button-press event carrying the button's action."""
        return cls(sender=sender, chat=chat, action=action, **extra)  # type: ignore[arg-type]


class ReplyKind(StrEnum):
    """What a reply is, so adapters can render each kind in its own way."""

    QUESTION = "question"
    GRADE = "grade"
    HINT = "hint"
    ANSWER = "answer"
    INFO = "info"
    ERROR = "error"
    TOPICS = "topics"
    STATS = "stats"
    LEADERBOARD = "leaderboard"
    CONFIRM = "confirm"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class Button:
    """A button under a reply; ``action`` comes back as ``Incoming.action`` when it is pressed.

    Platforms carry the action's wire form (``Action.encode``), which Telegram limits to 64 bytes.
    """

    label: str
    action: Action


class AttachmentKind(StrEnum):
    """How an attachment is shown: a picture inline, or a file to download."""

    PHOTO = "photo"
    FILE = "file"


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply (a chart, an export), platform-neutral: the adapter uploads it."""

    filename: str
    data: bytes = field(repr=False)
    media_type: str
    kind: AttachmentKind = AttachmentKind.FILE


@dataclass(frozen=True)
class Section:
    """A titled block of lines inside a reply (a leaderboard table, the key points missed, ...)."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    """One message the core wants sent.

    Text fields are plain text, possibly containing user-supplied text: adapters escape them.
    ``answers`` is the platform message id this reply answers; ``private`` asks for a reply only
    the sender sees where the platform can do that (Discord ephemeral messages).
    ``open_question_id`` marks a posted question, whose platform message id the adapter reports back
    with ``Engine.question_posted``; ``question_id`` names the question a grade or model answer is about.
    ``follow_up_id`` marks a posted follow-up; with ``follow_up_by_message`` (in a group, where a reply to
    it is matched by the message replied to) its message id goes back with ``Engine.follow_up_posted``.  In
    a DM the user's one open follow-up takes the next message, so there is no message id to keep.
    ``appeal_id`` marks an appeal's notice or prompt, whose message id goes back with ``Engine.appeal_posted``
    (so a reply to it is read as the appeal's reason).
    ``attachments`` go out after the reply's text, so a failed upload never loses the text.
    """

    kind: ReplyKind
    title: str
    body: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    hits: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    buttons: tuple[Button, ...] = ()
    answers: str | None = None
    private: bool = False
    open_question_id: int | None = None
    score: float | None = None
    verdict: Verdict | None = None
    mention: str | None = field(default=None)
    question_id: str | None = None
    attachments: tuple[Attachment, ...] = ()
    follow_up_id: int | None = None
    appeal_id: int | None = None
    follow_up_by_message: bool = False
