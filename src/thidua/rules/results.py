"""What the engine answers: one `Outcome` per condition, one `Verdict` per award kind,
one `Answer` per case (its `to_dict()` is the JSON of DESIGN.md §6)."""

import enum
from dataclasses import dataclass, field


class Status(enum.Enum):
    PASS = "pass"  # noqa: S105 - a verdict status, not a password
    FAIL = "fail"
    # The case cannot carry the fact the law needs (bloc ranking, movement results…):
    # never eligible, and the verdict says which fact is missing.
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one condition: pass/fail/unknown, a Vietnamese reason, a Vietnamese
    "missing" text when it did not pass, and the article it applies.

    `claims` are the keys of the initiatives this condition would consume if the award is
    granted (LAW.md R-P10); the engine commits them only for an eligible verdict.
    """

    status: Status
    reason: str
    article: str
    missing: str | None = None
    condition: str = ""
    claims: tuple[str, ...] = ()
    # Further articles the outcome rests on (the maternity rule beside the months floor…).
    extra_articles: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.status is Status.PASS


@dataclass
class Verdict:
    """Eligibility of one award kind. `missing` lists what would still be needed."""

    code: str
    eligible: bool
    reasons: list[str]
    missing: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        # Key order follows DESIGN.md §6; `missing` is left out when empty, as in its example.
        out: dict = {"code": self.code, "eligible": self.eligible, "reasons": list(self.reasons)}
        if self.missing:
            out["missing"] = list(self.missing)
        out["basis"] = list(self.basis)
        return out


@dataclass
class Answer:
    """The verdicts for one case and year under one rule set."""

    year: int
    ruleset: str
    verdicts: list[Verdict]

    def to_dict(self) -> dict:
        return {"year": self.year, "ruleset": self.ruleset, "verdicts": [v.to_dict() for v in self.verdicts]}

    def verdict(self, code: str) -> Verdict | None:
        """The verdict for `code`, None when that kind does not apply to the subject."""
        return next((v for v in self.verdicts if v.code == code), None)
