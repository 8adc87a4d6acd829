"""Errors the core raises on purpose. Each carries a message fit to show a facilitator as-is."""

from __future__ import annotations

from pathlib import Path


class FacilitatorError(Exception):
    """Base of every expected error: the CLI and the UI show `str(error)` and carry on."""


class PartnershipFileError(FacilitatorError):
    """A file could not be opened as a partnership. `path` names it; the file was not changed."""

    reason = "cannot be opened"

    def __init__(self, path: Path | str, detail: str = ""):
        self.path = Path(path)
        self.detail = detail
        message = f"“{self.path.name}” {self.reason}."
        if detail:
            message += f" {detail}"
        super().__init__(message)


class FileMissingError(PartnershipFileError):
    reason = "does not exist"


class NotSQLiteError(PartnershipFileError):
    reason = "is not a Facilitator partnership file (it is not an SQLite database at all)"


class NotOursError(PartnershipFileError):
    reason = "is an SQLite database, but not a Facilitator partnership file"


class DamagedFileError(PartnershipFileError):
    reason = "is damaged and cannot be read safely"


class ForeignSchemaError(PartnershipFileError):
    reason = "contains database objects Facilitator did not create, so it will not be opened"


class NewerVersionError(PartnershipFileError):
    reason = "was made by a newer version of Facilitator"


class AlreadyOpenError(PartnershipFileError):
    reason = "is already open"

    def __init__(self, path, detail: str = "Close it in the other Facilitator window or program first."):
        super().__init__(path, detail)


class NeedsRecoveryError(PartnershipFileError):
    reason = "has an unfinished change from a crash that can only be undone where the file can be written"

    def __init__(self, path, detail: str = "Copy it to a folder you can write to (not a read-only stick or share) "
                                           "and open it there; nothing saved will be lost."):
        super().__init__(path, detail)


class FileExistsAlreadyError(PartnershipFileError):
    reason = "already exists; choose another name so it is not overwritten"


class CannotCreateError(PartnershipFileError):
    reason = "could not be created"


class ReadOnlyError(FacilitatorError):
    """A change was attempted on a file opened read-only."""


class WriteFailedError(FacilitatorError):
    """The disk refused a write (full, removed, permission lost). Nothing of that change was kept."""


class ValidationError(FacilitatorError):
    """An operation was given values that make no sense (unknown sector, blank name...)."""


class NotFoundError(ValidationError):
    """An operation named a row that does not exist (perhaps deleted meanwhile)."""


class InterchangeError(FacilitatorError):
    """A JSON partnership document could not be read or imported."""
