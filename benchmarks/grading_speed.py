"""How fast the grader is: time per answer (median, p99) by answer length, and the time to load the packs.

Usage: ``python -m benchmarks.grading_speed [--answers N] [--seed S]``.  Answers of 5 to 300 words are
built from the packs' own model answers (dense technical text, the slowest kind) with some words
misspelt, so the typo matcher works too.  "Steady" is a running bot (each question compiled once, its
word cache warm: before timing, every distinct word of the model answers is graded once against every
question, so only the misspellings are new); "cold words" clears the question's word cache before
every answer, so every word is looked up and typo-matched afresh.  Times are CPU time of this thread
(``time.thread_time``), so other processes on a shared machine do not inflate them; the wall-clock
median is printed beside them.
"Adversarial" grades answers of up to 5,000 characters built to find super-linear text handling
(runs of line breaks, dots, brackets, commas, tabs, pipes, dashes, negations) on every question, and
answers built from each question's own words said over and over (super-linear matching), and prints
the worst case of each.  The last line is machine-readable:
``grading_speed: p50_ms=... p99_ms=... worst_ms=... cold_p99_ms=...`` (steady p50 and p99,
adversarial worst of both kinds, p99 with cold words).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time

from bot.grading import compiled, grade
from bot.model.questions import Question
from content import load_bank
from interview_bot.config import Settings

LENGTHS = (5, 25, 50, 100, 200, 300)
MAX_ANSWER = 5000
ADVERSARIAL = (
    "a" + "\n" * 4998 + "a",
    "." * 4999 + "x",
    "a," * 2500,
    "(" * 5000,
    "(a " * 1666,
    ", like a" * 625,
    "e.g. " * 1000,
    "w/o " * 1250,
    "a\t" * 2500,
    "a|b\n" * 1250,
    "|" * 5000,
    " - a" * 1250,
    "not " * 1250,
    "so nobody can " * 357,
    "x" * 5000,
    "authentification " * 294,
    "1. " * 1666,
    "<" * 5000,
    "&amp;" * 1000,
    "400-499 " * 625,
)
Timings = dict[int, tuple[list[float], list[float]]]  # length -> (CPU ms, wall ms) per call


def make_answer(rng: random.Random, words: list[str], length: int) -> str:
    """An answer of ``length`` words: a run of the given words, some misspelt, with sentence breaks."""
    start = rng.randrange(len(words))
    picked = [words[(start + i) % len(words)] for i in range(length)]
    out = []
    for i, word in enumerate(picked):
        if len(word) > 5 and rng.random() < 0.1:
            j = rng.randrange(1, len(word) - 2)
            word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]  # swap two letters
        out.append(word + ("." if i % 15 == 14 else ""))
    return " ".join(out)


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def warm_words(questions: list[Question], words: list[str], per_answer: int = 300) -> None:
    """Fill every question's word cache with the given words (each distinct word graded once)."""
    distinct = list(dict.fromkeys(words))
    chunks = [" ".join(distinct[i : i + per_answer]) for i in range(0, len(distinct), per_answer)]
    for question in questions:
        for chunk in chunks:
            grade(question, chunk)


def time_grading(questions: list[Question], answers: int, seed: int, cold_words: bool) -> Timings:
    """CPU and wall-clock milliseconds per grade call, by answer length."""
    rng = random.Random(seed)
    words = " ".join(q.model_answer for q in questions).split()
    timings: Timings = {length: ([], []) for length in LENGTHS}
    for question in questions:
        compiled(question)
    if not cold_words:
        warm_words(questions, words)
    for length in LENGTHS:
        for _ in range(answers):
            question = rng.choice(questions)
            answer = make_answer(rng, words, length)
            if cold_words:
                compiled(question).word_keys.clear()
            cpu, wall = time.thread_time(), time.perf_counter()
            grade(question, answer)
            timings[length][0].append((time.thread_time() - cpu) * 1000)
            timings[length][1].append((time.perf_counter() - wall) * 1000)
    return timings


def time_loading(repeats: int = 5) -> tuple[float, float]:
    """Median milliseconds to load all packs, and to compile every question for grading."""
    loads, compiles = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        bank = load_bank(Settings().content_dirs)
        loads.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        for question in bank.questions():
            compiled(question)
        compiles.append((time.perf_counter() - started) * 1000)
    return statistics.median(loads), statistics.median(compiles)


def report(title: str, timings: Timings) -> None:
    """Print CPU median, p99 and max, and the wall-clock median, per length and overall."""
    print(f"\n{title}")
    print(f"{'words':>6} {'median ms':>10} {'p99 ms':>8} {'max ms':>8} {'wall median':>12}")
    rows = [(str(length), cpu, wall) for length, (cpu, wall) in timings.items()]
    every_cpu = [v for cpu, _ in timings.values() for v in cpu]
    every_wall = [v for _, wall in timings.values() for v in wall]
    for name, cpu, wall in [*rows, ("all", every_cpu, every_wall)]:
        median, p99 = statistics.median(cpu), percentile(cpu, 0.99)
        print(f"{name:>6} {median:>10.3f} {p99:>8.3f} {max(cpu):>8.3f} {statistics.median(wall):>12.3f}")


def own_word_runs(question: Question) -> list[str]:
    """Answers of up to 5,000 characters built from the question's own words, to find matching that
    is super-linear in how often a word recurs: a word of a key point said over and over, then the
    point's other words; for a two-sided question, a side's name, then another word of a key point or
    misconception said over and over (plain, and negated)."""
    answers = []
    for point in question.key_points[:2]:
        words = [w for w in re.findall(r"[A-Za-z]+", point.text) if len(w) > 3]
        for i, word in enumerate(words[:2] if len(words) > 1 else []):
            rest = " ".join(words[:i] + words[i + 1 :])
            answers.append(((word + " ") * MAX_ANSWER)[: MAX_ANSWER - len(rest) - 1] + " " + rest)
    if question.subjects:
        side = question.subjects[0][1][0].rstrip("*")
        texts = [m.text for m in question.misconceptions[:1]] + [p.text for p in question.key_points[:1]]
        for text in texts:
            words = re.findall(r"[A-Za-z]+", text)
            word = next((w for w in words if len(w) > 3 and w.lower() not in side.lower()), "")
            for lead in (f"{side} is fine, ", f"{side} is fine, not "):
                answers.append((lead + (word + " ") * MAX_ANSWER)[:MAX_ANSWER])
    return answers


def worst_case(questions: list[Question], own_words: bool, repeats: int = 5) -> tuple[float, str, str]:
    """The slowest grade (CPU ms, best of ``repeats``) over every question and the adversarial answers
    (``own_words``: those built from each question's own words instead)."""
    worst = (0.0, "", "")
    for question in questions:
        for answer in own_word_runs(question) if own_words else ADVERSARIAL:
            answer = answer[:MAX_ANSWER]
            best = float("inf")
            for _ in range(repeats):
                cpu = time.thread_time()
                grade(question, answer)
                best = min(best, (time.thread_time() - cpu) * 1000)
            if best > worst[0]:
                worst = (best, question.id, repr(answer[:20]))
    return worst


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000, help="answers per length (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    load_ms, compile_ms = time_loading()
    questions = load_bank(Settings().content_dirs).questions()
    print(f"load all packs: {load_ms:.1f} ms (median of 5)", end="; ")
    print(f"compile {len(questions)} questions for grading: {compile_ms:.1f} ms")
    steady = time_grading(questions, args.answers, args.seed, cold_words=False)
    report("steady (compiled, word cache warm)", steady)
    cold = time_grading(questions, args.answers // 4, args.seed, cold_words=True)
    report("cold words (word cache cleared before each answer)", cold)
    worst_ms, question_id, answer = worst_case(questions, own_words=False)
    print(
        f"\nadversarial (answers up to {MAX_ANSWER} chars): worst {worst_ms:.3f} ms ({question_id}, {answer})"
    )
    own_ms, question_id, answer = worst_case(questions, own_words=True)
    print(f"adversarial, each question's own words repeated: worst {own_ms:.3f} ms ({question_id}, {answer})")
    worst_ms = max(worst_ms, own_ms)
    every = [v for cpu, _ in steady.values() for v in cpu]
    p50, p99 = statistics.median(every), percentile(every, 0.99)
    cold_p99 = percentile([v for cpu, _ in cold.values() for v in cpu], 0.99)
    print(
        f"grading_speed: p50_ms={p50:.3f} p99_ms={p99:.3f} worst_ms={worst_ms:.3f} cold_p99_ms={cold_p99:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
