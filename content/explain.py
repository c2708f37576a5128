"""Turns pydantic validation errors into short, located sentences a pack author can act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ValidationError

from content.schema import Location, RuleViolations
from content.yaml_source import YamlDocument

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


@dataclass(frozen=True)
class Finding:
    """One validation error: where it is (location in the document) and what it says."""

    loc: Location
    message: str


def findings(
    error: ValidationError, model: type[BaseModel], document: YamlDocument, base: Location = ()
) -> Iterator[Finding]:
    """Explain each error of validating ``model`` at ``base`` in ``document``."""
    for detail in error.errors():
        loc = tuple(detail["loc"])
        cause = detail.get("ctx", {}).get("error")
        if isinstance(cause, RuleViolations):
            for sub_loc, message in cause.violations:
                full = loc + sub_loc
                yield Finding(base + full, _with_path(full, message))
            continue
        yield Finding(base + loc, _explain(detail, loc, model, document.node_at(base + loc)))


def _explain(detail: Any, loc: Location, model: type[BaseModel], node: yaml.Node | None) -> str:
    """One error as a sentence, prefixed by the path of the field it concerns."""
    kind, value, ctx = detail["type"], detail.get("input"), detail.get("ctx", {})
    if kind == "missing":
        return _with_path(loc[:-1], f"missing required field '{loc[-1]}'")
    if kind == "extra_forbidden":
        return _with_path(loc[:-1], f"unknown field '{loc[-1]}'{_suggestion(loc, model)}")
    if loc and loc[-1] == "[key]":
        return _with_path(loc[:-2], f"bad name '{loc[-2]}': {_value_error(detail)}")
    if kind in _EXPECTED:
        return _with_path(loc, _wrong_type(_EXPECTED[kind], value, node))
    if kind in ("enum", "literal_error"):
        return _with_path(loc, f"must be one of {ctx.get('expected', '')} (got {value!r})")
    if kind == "too_short":
        return _with_path(loc, f"needs at least {ctx['min_length']}, has {ctx['actual_length']}")
    if kind == "too_long":
        return _with_path(loc, f"allows at most {ctx['max_length']}, has {ctx['actual_length']}")
    if kind == "greater_than":
        return _with_path(loc, f"must be greater than {ctx['gt']} (got {value!r})")
    if kind == "finite_number":
        return _with_path(loc, "must be a finite number")
    return _with_path(loc, _value_error(detail))


def _value_error(detail: Any) -> str:
    """The message of a ``ValueError`` raised by a validator, or pydantic's own message."""
    cause = detail.get("ctx", {}).get("error")
    return str(cause) if cause is not None else str(detail["msg"])


def _wrong_type(expected: str, value: Any, node: yaml.Node | None) -> str:
    """Say what was expected, and why the YAML did not give it (an empty value, an unquoted yes/no)."""
    if value is None:
        return f"has no value; expected {expected}"
    raw = node.value if isinstance(node, yaml.ScalarNode) else None
    if isinstance(value, bool) and expected == "text":
        return f"expected text, but YAML reads {raw or value!r} as {str(value).lower()}; put it in quotes"
    return f"expected {expected}, got {describe_value(value)}"


def describe_value(value: Any) -> str:
    """A reader's name for the type of a YAML value."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{value!r}".lower()
    if isinstance(value, str):
        return f"text {value[:40] + '…' if len(value) > 40 else value!r}"
    return f"{value!r}"


def _suggestion(loc: Location, model: type[BaseModel]) -> str:
    """`` (did you mean 'x'?)`` when an unknown field is close to a known one."""
    owner = _model_at(model, loc[:-1])
    if owner is None:
        return ""
    known = list(owner.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (known fields: {', '.join(known)})"


def _model_at(model: type[BaseModel], loc: Location) -> type[BaseModel] | None:
    """The nested model a location points into, following field annotations and list items."""
    current: Any = model
    for part in loc:
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field is not None else None
        elif isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else None
        else:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _with_path(loc: Location, message: str) -> str:
    """Prefix a message with a readable path such as ``key_points[1].weight``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return f"{path}: {message}" if path else message
