"""Accuracy of the key-point grader on a labelled JSONL file, beside two simple baselines.

Usage: ``python -m benchmarks.grading_eval [FILE...] [--errors] [--plain]`` (default: the shared dev
set, ``../shared/grading/dev_set.jsonl`` next to the repository, and the project's own labelled
cases, ``tests/data/grading_cases.jsonl``; each data set gets its own figures and confusion matrix
of label x verdict, and so does each split of a set).  Each line is
``{"question", "answer", "label", "kind"}``.  Prints accuracy over the three verdicts, severe errors
(correct <-> wrong), a confusion matrix and per-kind accuracy for the grader, and the same figures
for keyword overlap with the model answer and for one rapidfuzz ratio against the model answer,
each with the two thresholds that do best on this very file (an optimistic baseline).
``--plain`` grades with a plain-sentence copy of the shipped packs instead (key point text only, no
synonym groups, phrasings, subjects or misconceptions: what counts is derived from the text and the
shared lexicon).  Every run ends with the refined packs and their plain copy side by side (accuracy,
severe errors, confusion matrix) on each file and on the packs' own labelled examples.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from bot.grading import grade
from bot.model.questions import Question
from content import ContentBank, load_bank, shipped_pack_files
from content.loader import load_packs
from content.plain import write_plain_copy
from interview_bot.config import Settings

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO.parent / "shared" / "grading" / "dev_set.jsonl"
OWN_CASES = REPO / "tests" / "data" / "grading_cases.jsonl"
VERDICTS = ("correct", "partial", "wrong")
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = (
    "the a an is are was were be to of for in on at by with from as it its this that and or but if so "
    "than then there their they them you your we our can could will would should do does not no into "
    "each every any some such only other more most also e g i"
)
_STOP = frozenset(_STOP_WORDS.split())
LABEL_HEADER = "label \\ predicted"


@dataclass(frozen=True)
class Case:
    """One labelled answer."""

    question: str
    answer: str
    label: str
    kind: str
    split: str = ""


@dataclass(frozen=True)
class Report:
    """How a predictor fared on the cases."""

    name: str
    accuracy: float
    severe: int
    total: int
    confusion: dict[tuple[str, str], int]
    by_kind: dict[str, tuple[int, int]]
    note: str = ""


def load_cases(path: Path) -> list[Case]:
    """The labelled cases of a JSONL file."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            cases.append(
                Case(row["question"], row["answer"], row["label"], row.get("kind", ""), row.get("split", ""))
            )
    return cases


def evaluate(name: str, predictions: list[str], cases: list[Case], note: str = "") -> Report:
    """Accuracy, severe errors, confusion and per-kind accuracy of predictions against labels."""
    confusion: Counter[tuple[str, str]] = Counter()
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for predicted, case in zip(predictions, cases, strict=True):
        confusion[(case.label, predicted)] += 1
        by_kind[case.kind][0] += predicted == case.label
        by_kind[case.kind][1] += 1
    right = sum(n for (label, predicted), n in confusion.items() if label == predicted)
    severe = confusion[("correct", "wrong")] + confusion[("wrong", "correct")]
    kinds = {kind: (hits, n) for kind, (hits, n) in sorted(by_kind.items())}
    return Report(name, right / max(1, len(cases)), severe, len(cases), dict(confusion), kinds, note)


def keyword_overlap(question: Question, answer: str) -> float:
    """Share of the model answer's content words that the answer uses."""
    wanted = _content_words(question.model_answer)
    return len(wanted & _content_words(answer)) / max(1, len(wanted))


def fuzzy_ratio(question: Question, answer: str) -> float:
    """rapidfuzz's token-set ratio of answer and model answer, in 0..1."""
    return fuzz.token_set_ratio(answer.lower(), question.model_answer.lower()) / 100


def _content_words(text: str) -> set[str]:
    """Lowercase words of a text without stop words."""
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def best_thresholds(scores: list[float], cases: list[Case]) -> tuple[float, float, list[str]]:
    """The (partial, correct) thresholds that maximise accuracy on these cases, and the verdicts."""
    candidates = [*sorted(set(scores)), 1.01]
    best: tuple[int, float, float] = (-1, 0.0, 0.0)
    for i, low in enumerate(candidates):
        for high in candidates[i:]:
            right = sum(_verdict(s, low, high) == c.label for s, c in zip(scores, cases, strict=True))
            if right > best[0]:
                best = (right, low, high)
    _, low, high = best
    return low, high, [_verdict(s, low, high) for s in scores]


def _verdict(score: float, low: float, high: float) -> str:
    """A verdict from a score and two thresholds."""
    return "correct" if score >= high else "partial" if score >= low else "wrong"


def baseline(name: str, scorer: Callable[[Question, str], float], cases: list[Case], bank) -> Report:
    """A threshold baseline evaluated with its best thresholds on the cases."""
    scores = [scorer(bank.get(c.question), c.answer) for c in cases]
    low, high, verdicts = best_thresholds(scores, cases)
    return evaluate(name, verdicts, cases, f"partial >= {low:.2f}, correct >= {high:.2f}")


def print_report(report: Report) -> None:
    """Print one predictor's figures."""
    severe_pct = 100 * report.severe / max(1, report.total)
    print(f"\n== {report.name} {('(' + report.note + ')') if report.note else ''}")
    print(f"accuracy {report.accuracy:.3f}   severe errors {report.severe} ({severe_pct:.1f}%)", end="")
    print(f"   n={report.total}")
    print("label \\ predicted   " + "  ".join(f"{v:>8}" for v in VERDICTS))
    for label in VERDICTS:
        row = "  ".join(f"{report.confusion.get((label, v), 0):>8}" for v in VERDICTS)
        print(f"{label:<19} {row}")
    kinds = ", ".join(f"{kind or '-'} {hits}/{n}" for kind, (hits, n) in report.by_kind.items())
    print(f"by kind: {kinds}")


def plain_bank() -> ContentBank:
    """The shipped packs as plain sentences (key point text only), loaded as the bot would."""
    return _bank_and_examples(plain=True)[0]


def _bank_and_examples(plain: bool) -> tuple[ContentBank, list[Case]]:
    """The shipped packs (as plain sentences when ``plain``) and their labelled examples as cases."""
    with tempfile.TemporaryDirectory() as folder:
        files = [
            write_plain_copy(Path(str(f)), Path(folder) / f.name) if plain else f
            for f in shipped_pack_files()
        ]
        result = load_packs(files)
    if result.problems:
        raise SystemExit("\n".join(map(str, result.problems)))
    examples = [
        Case(q.id, e.answer, e.label, "example")
        for q in result.questions
        for e in result.examples.get(q.id, [])
    ]
    return ContentBank(result.topics, result.questions), examples


def side_by_side(paths: list[Path]) -> list[tuple[str, Report, Report]]:
    """The grader's figures with the refined packs and with their plain-sentence copy, per data set:
    each file, then the packs' own labelled examples (what ``interview-bot content check`` grades)."""
    refined, refined_examples = _bank_and_examples(plain=False)
    plain, plain_examples = _bank_and_examples(plain=True)
    sets = [(path.name, load_cases(path), load_cases(path)) for path in paths if path.exists()]
    sets.append(("shipped examples", refined_examples, plain_examples))
    rows = []
    for name, refined_cases, plain_cases in sets:
        reports = []
        for bank, cases, label in ((refined, refined_cases, "refined"), (plain, plain_cases, "plain")):
            chosen = [c for c in cases if bank.get(c.question) is not None]
            verdicts = [grade(bank.get(c.question), c.answer).verdict.value for c in chosen]
            reports.append(evaluate(label, verdicts, chosen))
        rows.append((name, reports[0], reports[1]))
    return rows


def print_side_by_side(rows: list[tuple[str, Report, Report]]) -> None:
    """Print refined and plain figures next to each other: accuracy, severe errors, confusion."""
    print("\n" + "=" * 100 + "\nrefined packs vs their plain-sentence copy (key point text only)")
    for name, refined, plain in rows:
        print(f"\n== {name} (n={refined.total})")
        print(f"{'':19} {'refined':>26}   {'plain copy':>26}")
        print(f"{'accuracy':19} {refined.accuracy:>26.3f}   {plain.accuracy:>26.3f}")
        print(f"{'severe errors':19} {refined.severe:>26}   {plain.severe:>26}")
        header = "".join(f"{v:>9}" for v in VERDICTS)
        print(f"{LABEL_HEADER:19} {header}   {header}")
        for label in VERDICTS:
            cells = [
                "".join(f"{r.confusion.get((label, v), 0):>9}" for v in VERDICTS) for r in (refined, plain)
            ]
            print(f"{label:19} " + "   ".join(cells))


def run(path: Path, show_errors: bool = False, plain: bool = False) -> list[Report]:
    """Evaluate the grader and both baselines on a file and print the figures."""
    bank = plain_bank() if plain else load_bank(Settings().content_dirs)
    cases = [c for c in load_cases(path) if bank.get(c.question) is not None]
    grades = [grade(bank.get(c.question), c.answer) for c in cases]
    reports = [
        evaluate(
            "key-point grader" + (" (plain pack)" if plain else ""), [g.verdict.value for g in grades], cases
        ),
        baseline("baseline: keyword overlap with the model answer", keyword_overlap, cases, bank),
        baseline("baseline: rapidfuzz token_set_ratio vs model answer", fuzzy_ratio, cases, bank),
    ]
    print(f"{path} ({len(cases)} labelled answers)")
    for report in reports:
        print_report(report)
    splits = sorted({c.split for c in cases if c.split})
    for split in splits:
        chosen = [i for i, c in enumerate(cases) if c.split == split]
        picked = [cases[i] for i in chosen]
        report = evaluate(f"grader on split '{split}'", [grades[i].verdict.value for i in chosen], picked)
        print_report(report)
    if show_errors:
        _print_errors(cases, grades)
    return reports


def _print_errors(cases: Iterable[Case], grades: Iterable) -> None:
    """Every case the grader got wrong, with what it matched."""
    print("\n== grader mistakes")
    for case, g in zip(cases, grades, strict=True):
        if g.verdict.value != case.label:
            print(f"- [{case.question}] label={case.label} got={g.verdict.value} ({case.kind}) {g.reason}")
            print(f"  matched={list(g.matched)} missed={list(g.missed)}")
            print(f"  {case.answer[:300]}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="labelled JSONL files (default: dev set, own)")
    parser.add_argument("--errors", action="store_true", help="list the grader's mistakes")
    parser.add_argument("--plain", action="store_true", help="grade with a plain-sentence copy of the packs")
    args = parser.parse_args(argv)
    paths = args.files or [DEFAULT_FILE, OWN_CASES]
    for number, path in enumerate(paths):
        if path.exists():
            print("\n" * bool(number) + "=" * 100)
            run(path, args.errors, args.plain)
        else:
            print(f"{path}: not found, skipped")
    print_side_by_side(side_by_side(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
