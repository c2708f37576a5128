"""Button actions: typed in the core, the same short text on the wire as the buttons already posted."""

from __future__ import annotations

import pytest

from bot.model.actions import Action, Verb

WIRE_FORMS = [
    (Action.hint(42), "hint:42"),
    (Action.skip(42), "skip:42"),
    (Action.reveal(42), "reveal:42"),
    (Action.next("security"), "next:security"),
    (Action.next("system-design"), "next:system-design"),
    (Action.next(), "next:"),
    (Action.forget(confirmed=True, owner_id=7), "forget:yes:7"),
    (Action.forget(confirmed=False, owner_id=7), "forget:no:7"),
    (Action.disagree(42), "disagree:42"),
    (Action.accept(5), "accept:5"),
    (Action.leave(9), "leave:9"),
]


@pytest.mark.parametrize(("action", "wire"), WIRE_FORMS)
def test_every_action_keeps_its_wire_form_and_reads_back(action: Action, wire: str) -> None:
    assert action.encode() == wire
    assert Action.parse(wire) == action


def test_the_typed_fields_say_what_an_action_acts_on() -> None:
    assert (Action.parse("hint:42").verb, Action.parse("hint:42").question_id) == (Verb.HINT, 42)
    assert Action.parse("next:databases").topic == "databases"
    assert Action.parse("next:").topic == ""
    forget = Action.parse("forget:yes:7")
    assert (forget.verb, forget.confirmed, forget.owner_id) == (Verb.FORGET, True, 7)
    assert Action.parse("forget:no:7").confirmed is False


@pytest.mark.parametrize(
    "text",
    [
        "",
        "weird-button",
        "hint",
        "hint:",
        "hint:abc",
        "hint:-1",
        "hint:4.2",
        "hint: 42",
        "hint:²",
        "hint:٤٢",
        "skip:" + "9" * 30,
        f"reveal:{2**63}",
        "forget",
        "forget:yes",
        "forget:yes:",
        "forget:maybe:7",
        "forget:yes:seven",
        "disagree",
        "disagree:",
        "disagree:x",
        "accept:-5",
        "leave:",
        "leave:nine",
        "HINT:42",
        "stale:1",
        "ib:hint:42",
        "\x00\n",
    ],
)
def test_unreadable_text_is_the_stale_action_and_never_raises(text: str) -> None:
    action = Action.parse(text)
    assert action.verb is Verb.STALE and action.is_stale
    assert action == Action.stale(text)


def test_a_stale_action_keeps_what_it_carried() -> None:
    assert Action.parse("é" * 32).encode() == "é" * 32
    assert Action.stale().encode() == ""


def test_the_largest_id_still_reads() -> None:
    assert Action.parse(f"hint:{2**63 - 1}") == Action.hint(2**63 - 1)


def test_every_verb_but_stale_has_a_wire_form() -> None:
    wired = {action.verb for action, _ in WIRE_FORMS}
    assert wired == set(Verb) - {Verb.STALE}
