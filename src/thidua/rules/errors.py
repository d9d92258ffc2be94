"""The two errors the rules package raises."""


class CaseError(ValueError):
    """A case (CASE.json) that cannot be judged: wrong type, unknown code, bad date.

    `field` is the path of the offending value ("history[2].rating", "" for the whole
    document); `message` is Vietnamese. `str(error)` is "field: message", ready to print.
    """

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


class RulesetError(ValueError):
    """A rule-set file that is not valid data (unknown condition, missing citation, bad setting),
    or a request the encoded rule sets cannot answer (no reward coefficient for a date)."""
