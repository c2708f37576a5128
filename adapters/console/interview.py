"""A mock interview in the terminal: the practice session's chat and line handling, one question after
another until the scorecard (or until the user leaves, which pauses the interview for next time)."""

from __future__ import annotations

from adapters.console.editor import INTERRUPTED
from adapters.console.session import EXIT_INTERRUPTED, QUIT_WORDS, ConsoleSession
from bot.flows.scorecard import SCORECARD_TITLE
from bot.model.messages import Incoming, Reply, ReplyKind

PAUSED = (
    "The interview is paused: run `interview-bot interview` to go on from this question, "
    "or send /interview stop there to end it with a scorecard."
)


def _scored(replies: list[Reply]) -> bool:
    return any(r.title.startswith(SCORECARD_TITLE) for r in replies)


class InterviewSession(ConsoleSession):
    """Runs ``/interview`` in this terminal session: each line one answer or command, no grades until
    the scorecard."""

    async def interview(self, topic: str | None, questions: int | None) -> int:
        """Start (or go on with) the user's interview and run it to its scorecard; return an exit code.

        2 when it cannot start (an unknown topic, no questions); 130 after Ctrl-C; 0 otherwise.
        """
        args = [arg for arg in (topic, str(questions) if questions is not None else None) if arg]
        first = await self.send(Incoming.for_command(self.sender, self.chat, "interview", *args))
        if not any(r.kind is ReplyKind.QUESTION for r in first):
            return 0 if _scored(first) else 2
        while True:
            line = await self.read_line("answer> ")
            if line == INTERRUPTED or line is None or line.strip().lower() in QUIT_WORDS:
                self.console.print(PAUSED, markup=False, highlight=False)
                return EXIT_INTERRUPTED if line == INTERRUPTED else 0
            if _scored(await self.send(self._incoming(line))):
                return 0
