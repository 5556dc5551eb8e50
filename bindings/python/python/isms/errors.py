"""The exception hierarchy of :mod:`isms`.

Every error raised by the engine is an :class:`IsmsError`. Each subclass
corresponds to one stable code of the Rust core's ``Error::code()``
(``isms_core::error::ERROR_CODES``); the test suite checks that the two lists
are equal, so a code added in Rust cannot be forgotten here.

All errors carry ``.code`` and ``.problems`` (a list of :class:`Problem`), so
a caller can show every problem of a rejected document at once, each with the
JSON path of the offending value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Mapping, Sequence

__all__ = [
    "ERROR_CODES",
    "InvalidArgumentError",
    "IsmsError",
    "LimitExceededError",
    "NotFoundError",
    "ParseError",
    "Problem",
    "TransitionError",
    "ValidationError",
]


@dataclass(frozen=True)
class Problem:
    """One problem found in an input: a stable code, the JSON path of the
    offending value (e.g. ``$.risks[3].owner``) and a human-readable message."""

    code: str
    path: str
    message: str

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Problem:
        """Builds a problem from a ``{"code", "path", "message"}`` mapping."""
        return cls(code=str(d["code"]), path=str(d["path"]), message=str(d["message"]))

    def to_dict(self) -> dict[str, str]:
        """The problem as a plain dict (the JSON wire shape)."""
        return {"code": self.code, "path": self.path, "message": self.message}

    def __str__(self) -> str:
        return f"{self.code} at {self.path}: {self.message}"


class IsmsError(Exception):
    """Root of every error raised by :mod:`isms`.

    Attributes:
        code: the stable ``snake_case`` code of the core error.
        message: the human-readable message.
        problems: every problem the error carries (at least one).
        report_json: the core's error report as JSON text (schema ``error``),
            the same bytes on every front end; empty for errors raised in Python.
    """

    code: ClassVar[str] = "isms_error"

    def __init__(self, message: str, *, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = list(problems)
        self.report_json: str = ""


class ParseError(IsmsError, ValueError):
    """The input is not well-formed JSON or does not fit the document's shape
    (wrong type, unknown or missing field).

    Attributes:
        path: JSON path where parsing failed.
        line: 1-based line in the JSON text (0 when parsed from Python objects).
        column: 1-based column (0 when parsed from Python objects).
        reason: what went wrong, without the position.
    """

    code: ClassVar[str] = "parse_error"

    def __init__(
        self,
        message: str,
        *,
        path: str = "$",
        line: int = 0,
        column: int = 0,
        reason: str = "",
        problems: Sequence[Problem] = (),
    ) -> None:
        super().__init__(message, problems=problems)
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason


class ValidationError(IsmsError, ValueError):
    """The document parsed but breaks the rules of the model; ``.problems``
    lists all of them, not only the first."""

    code: ClassVar[str] = "invalid_document"


class InvalidArgumentError(IsmsError, ValueError):
    """An argument is out of its domain (an unknown theme, a bad simulation
    parameter, a date range that ends before it starts).

    Attributes:
        path: path of the argument.
        reason: what is wrong with it.
    """

    code: ClassVar[str] = "invalid_argument"

    def __init__(
        self, message: str, *, path: str = "$", reason: str = "", problems: Sequence[Problem] = ()
    ) -> None:
        super().__init__(message, problems=problems)
        self.path = path
        self.reason = reason


class TransitionError(IsmsError):
    """A lifecycle transition the record's current state does not allow, or
    that lacks data it requires. The document is left unchanged.

    Attributes:
        id: id of the record.
        state: its current state.
        action: the attempted action.
        reason: why it was refused.
    """

    code: ClassVar[str] = "transition_not_allowed"

    def __init__(
        self,
        message: str,
        *,
        id: str = "",
        state: str = "",
        action: str = "",
        reason: str = "",
        problems: Sequence[Problem] = (),
    ) -> None:
        super().__init__(message, problems=problems)
        self.id = id
        self.state = state
        self.action = action
        self.reason = reason


class NotFoundError(IsmsError, LookupError):
    """No entity of the expected kind has this id.

    Attributes:
        kind: the kind looked for, e.g. ``nonconformity``.
        id: the id.
    """

    code: ClassVar[str] = "not_found"

    def __init__(self, message: str, *, kind: str = "", id: str = "", problems: Sequence[Problem] = ()) -> None:
        super().__init__(message, problems=problems)
        self.kind = kind
        self.id = id


class LimitExceededError(IsmsError):
    """A computation would exceed its work limit (e.g. trials × risks).

    Attributes:
        path: the parameter that drives the work.
        reason: requested versus allowed.
    """

    code: ClassVar[str] = "limit_exceeded"

    def __init__(
        self, message: str, *, path: str = "$", reason: str = "", problems: Sequence[Problem] = ()
    ) -> None:
        super().__init__(message, problems=problems)
        self.path = path
        self.reason = reason


_BY_CODE: dict[str, type[IsmsError]] = {
    cls.code: cls
    for cls in (ParseError, ValidationError, InvalidArgumentError, TransitionError, NotFoundError, LimitExceededError)
}

#: The codes of the core's ``Error`` variants, in the core's order.
ERROR_CODES: tuple[str, ...] = tuple(_BY_CODE)


def _from_core(code: str, message: str, details: dict[str, Any]) -> IsmsError:
    """Builds the exception for a core error (called by the native module)."""
    problems = [Problem.from_dict(p) for p in details.pop("problems", [])]
    cls = _BY_CODE.get(code)
    if cls is None:  # a code this package does not know yet: still an IsmsError
        err = IsmsError(message, problems=problems)
        err.code = code  # type: ignore[misc]
        return err
    return cls(message, problems=problems, **details)
