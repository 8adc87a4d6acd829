"""Checks shared by the operations, each raising ValidationError with a message for people."""

from __future__ import annotations

import re
from types import MappingProxyType

from facilitator.errors import ValidationError


class _Unset:
    """Marks an update argument that was not given (None is a real value: 'no organisation')."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()

MAX_TEXT = 1_000_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}$")


def text(value: object, what: str, *, required: bool = True) -> str:
    """Text is stored exactly as given; it just has to be text, not too long, and (if required) not blank."""
    if not isinstance(value, str):
        raise ValidationError(f"The {what} must be text.")
    if required and not value.strip():
        raise ValidationError(f"The {what} cannot be blank.")
    if len(value) > MAX_TEXT:
        raise ValidationError(f"The {what} is too long (more than {MAX_TEXT:,} characters).")
    return value


def choice(value: object, vocabulary: MappingProxyType, what: str, *, optional: bool = False):
    if value is None and optional:
        return None
    if value not in vocabulary:
        allowed = ", ".join(str(k) for k in vocabulary)
        raise ValidationError(f"“{value}” is not a known {what}. Use one of: {allowed}.")
    return value


def minutes(value: object, what: str = "number of minutes") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 24 * 60:
        raise ValidationError(f"The {what} must be a whole number from 0 to 1440.")
    return value


def date(value: object, what: str = "date") -> str:
    value = text(value, what, required=False)
    if value and not _DATE.match(value):
        raise ValidationError(f"The {what} must look like 2026-03-14 (year-month-day).")
    return value


def time_of_day(value: object, what: str = "start time") -> str:
    value = text(value, what, required=False)
    if value and not _TIME.match(value):
        raise ValidationError(f"The {what} must look like 09:30.")
    return value


def given(**fields) -> dict:
    """Only the update arguments that were actually passed."""
    return {k: v for k, v in fields.items() if v is not UNSET}


def short(value: str, limit: int = 40) -> str:
    """A one-line excerpt for undo labels ("Add contribution “We bring…”")."""
    line = " ".join(value.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
