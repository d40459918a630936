"""Errors with a one-line message meant for the user."""


class ClaimledgerError(Exception):
    """Base class: str(error) is a clear one-line message."""


class InputError(ClaimledgerError):
    """An input file cannot be read as an article (empty, binary, not UTF-8, ...)."""


class NotEnglishError(InputError):
    """The article is not in English; it is flagged, not analysed."""


class UnsupportedLanguageError(NotEnglishError):
    """The article is in a language no pipeline analyses yet (ingest stores it, unanalysed)."""


class MissingExtraError(ClaimledgerError):
    """An optional dependency is not installed."""

    def __init__(self, extra: str, module: str):
        super().__init__(f"this needs the optional '{extra}' extra ({module} is not installed): pip install 'claimledger[{extra}]'")


class LedgerError(ClaimledgerError):
    """The ledger file cannot be opened or is not a ledger (missing, not SQLite, no directory, read-only)."""
