"""User-facing errors: one sentence that says what is wrong and what to do.

The CLI turns a :class:`UserError` into that sentence on stderr and exit code 2, never a traceback.
"""


class UserError(Exception):
    """Bad input from a person: an unknown LA, indicator or year, an unusable file."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
