"""The terminal adapter end to end: ``interview-bot`` fed through a pipe on stdin, on SQLite."""

from __future__ import annotations


def test_practice_grades_an_answer_then_offers_the_next_question(run_cli_process) -> None:
    # A partial or wrong answer gets a follow-up first; /skip leaves it (see test_console_follow_ups.py).
    # A real child process, piped, as a script would run it (the other tests call the app in-process).
    stdin = "It is about tokens and identity.\n/skip\n/quit\n"
    result = run_cli_process("practice", "--topic", "security", stdin=stdin)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert out.startswith("security · ")
    assert "Model answer:" in out
    assert any(mark in out for mark in ("🟡 Partly right", "❌ Not quite"))
    assert "🔁 Follow-up" in out and "Follow-up skipped." in out
    assert out.count("security · ") == 2, "the next question follows the graded answer"
    assert "Practised 1 answer(s) this session (" in out and "Run `interview-bot stats`" in out


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


def test_a_line_ending_in_a_backslash_continues_the_answer_through_a_pipe(run_cli) -> None:
    piped = (
        "Normalization splits tables to remove redundancy. \\\n"
        "Denormalization duplicates data so that reads are faster.\n/quit\n"
    )
    result = run_cli("practice", "--question", "normalization", stdin=piped)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Question: normalization") == 1
    assert "✅ Correct" in result.stdout
    assert "Practised 1 answer(s) this session (1 correct)." in result.stdout


def test_a_dry_run_leaves_the_stats_alone(run_cli) -> None:
    tried = run_cli("practice", "--dry-run", "--topic", "security", stdin="my answer\n/quit\n")
    assert tried.returncode == 0 and "Practised 1 answer(s)" in tried.stdout, tried.stderr
    stats = run_cli("stats", "--plain")
    assert "1 answers" not in stats.stdout and "security: 1 answered" not in stats.stdout


def test_practice_one_question_by_id_or_refuse_an_unknown_one(run_cli) -> None:
    asked = run_cli("practice", "--question", "jwt", stdin="/quit\n")
    assert asked.returncode == 0 and "What is JWT" in asked.stdout, asked.stderr
    unknown = run_cli("practice", "--question", "no-such-question", stdin="")
    assert unknown.returncode == 2
    assert "there is no question 'no-such-question'" in unknown.stderr
    assert "content list --questions" in unknown.stderr


def test_content_lists_question_ids_and_shows_one(run_cli) -> None:
    listed = run_cli("content", "list", "--questions")
    assert listed.returncode == 0, listed.stderr
    assert "security – " in listed.stdout and "  jwt  (medium)" in listed.stdout
    shown = run_cli("content", "show", "jwt")
    assert shown.returncode == 0 and shown.stdout.startswith("jwt · security · medium")
    assert "Key points" not in shown.stdout, "the answer is only shown when asked for"
    assert "Model answer:" in run_cli("content", "show", "jwt", "--answer").stdout
    assert run_cli("content", "show", "nope").returncode == 2


def test_help_in_the_terminal_lists_the_terminal_commands(run_cli) -> None:
    result = run_cli("practice", "--question", "jwt", stdin="/help\n/quit\n")
    out = result.stdout
    assert "/answer – the model answer" in out and "/quit, Ctrl-D or Ctrl-C" in out
    assert "/leaderboard" not in out and "Discord" not in out


def test_replies_are_readable_at_60_columns(run_cli) -> None:
    result = run_cli("practice", "--rich", "--topic", "cooking", stdin="", columns=60)
    lines = result.stdout.splitlines()
    assert all(len(line) <= 60 for line in lines), result.stdout
    body = " ".join(line.strip("│ ") for line in lines)
    assert "There is no topic “cooking”." in body and "system-design" in body
    assert "Error" in lines[0], "the title is short, the text is in the body"


def test_command_help_shows_no_bool_and_no_literal_markup(run_cli) -> None:
    for command in (("practice",), ("drills", "tick"), ("stats",), ("content", "list")):
        shown = run_cli(*command, "--help").stdout
        assert "<bool>" not in shown and "``" not in shown, command
