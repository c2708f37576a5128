"""The grader: a free-text answer in, a ``Grade`` out. Pure, fast, no I/O.

The public API is what this module exports; ``compile``, ``index``, ``match``, ``spelling``,
``verdict`` and the ``text`` reader are its internals.
"""

from bot.grading.compile import inverted_set, needed_set
from bot.grading.grader import GradingParams, compiled, grade, nudge
from bot.model.grades import Grade, PointResult, Verdict

__all__ = [
    "Grade",
    "GradingParams",
    "PointResult",
    "Verdict",
    "compiled",
    "grade",
    "inverted_set",
    "needed_set",
    "nudge",
]
