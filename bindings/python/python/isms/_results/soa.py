"""Statement of Applicability results (6.1.3 d): the statement and the
changes between two of its versions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from .._records import Record
from .base import Result


class Statement(Result):
    """The Statement of Applicability (6.1.3 d): one entry per Annex A
    control with applicability, reasons, status, owner, evidence, and the
    issues found in it."""

    _table = "entries"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        organization: str
        summary: Record
        issues: list[Record]

    def to_csv(self) -> str:
        """The statement as CSV, one row per control (RFC 4180, ``;``
        between list items), as ``isms soa --format csv`` writes it."""
        return self.render("csv")

    def to_markdown(self) -> str:
        """The statement as a Markdown document: summary, table, issues
        (``isms soa --format md``)."""
        return self.render("markdown")

    def to_html(self) -> str:
        """The statement as one self-contained HTML page (inline CSS, no
        external assets), as ``isms soa --format html`` writes it."""
        return self.render("html")


class SoaDiff(Result):
    """What changed between two versions of the Statement of Applicability
    (6.1.3 d, 7.5.3): one row per changed control with the kinds of change
    and the old and new decision fields (``old_*``, ``new_*`` columns in
    :meth:`to_pandas`)."""

    _table = "controls"
    __slots__ = ()
    if TYPE_CHECKING:
        old_version: Optional[str]
        new_version: Optional[str]
        controls: list[Record]

    @property
    def is_empty(self) -> bool:
        """True when no control changed."""
        return not self._data["controls"]

    def __bool__(self) -> bool:
        return not self.is_empty
