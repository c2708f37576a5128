"""The terminal adapter end to end: ``interview-bot`` run as a subprocess fed through stdin, on SQLite."""

from __future__ import annotations


def test_practice_grades_an_answer_then_offers_the_next_question(run_cli) -> None:
    result = run_cli("practice", "--topic", "security", stdin="It is about tokens and identity.\n/quit\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert out.startswith("security · ")
    assert "Model answer:" in out
    assert any(mark in out for mark in ("✅ Correct", "🟡 Partly right", "❌ Not quite"))
    assert out.count("security · ") == 2, "the next question follows the graded answer"
    assert "Practised 1 answer(s) this session." in out


def test_hint_skip_topics_and_empty_answer_inside_practice(run_cli) -> None:
    script = "/hint\n\n/topics\n/skip\n/answer\n/quit\n"
    result = run_cli("practice", "--topic", "databases", stdin=script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "💡 Hint 1/" in out
    assert "Your answer is empty." in out
    assert "security – " in out and "databases – " in out
    assert "Skipped." in out
    assert "📖 The model answer" in out


def test_unknown_topic_exits_2_and_lists_topics(run_cli) -> None:
    result = run_cli("practice", "--topic", "cooking", stdin="")
    assert result.returncode == 2
    assert "There is no topic “cooking”." in result.stdout
    assert "system-design" in result.stdout


def test_progress_is_saved_and_stats_shows_it(run_cli) -> None:
    run_cli("practice", "--topic", "security", stdin="Authentication verifies identity.\n/quit\n")
    result = run_cli("stats", "--plain")
    assert result.returncode == 0, result.stderr
    assert "1 answers · " in result.stdout
    assert "security: 1 answered" in result.stdout


def test_end_of_input_mid_question_loses_nothing_and_a_new_session_continues(run_cli) -> None:
    first = run_cli("practice", stdin="A load balancer spreads requests across servers.\n")
    assert first.returncode == 0 and "Practised 1 answer(s)" in first.stdout
    second = run_cli("practice", stdin="")
    assert second.returncode == 0
    stats = run_cli("stats", "--plain")
    assert "1 answers · " in stats.stdout


def test_a_huge_answer_with_markup_is_refused_clearly(run_cli) -> None:
    huge = "[bold]<b>" + "x" * 10_000 + "</b>\n/quit\n"
    result = run_cli("practice", stdin=huge)
    assert result.returncode == 0, result.stderr
    assert "characters; please keep it under 5,000." in result.stdout
