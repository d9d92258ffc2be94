"""One evaluation of one case under one rule set: the state conditions read (facts,
settings, which initiatives are already consumed) and the evaluation of rule trees.

Rules are judged at most once per (code, year) and remembered, so a prerequisite judged
for CSTĐ tỉnh is the same verdict the list shows for CSTĐCS. When a title not yet recorded
is judged eligible, the initiatives it relied on are consumed for the rest of the
evaluation (LAW.md R-P10); the engine judges titles before forms so that a form never takes
an initiative a title needs.
"""

from dataclasses import dataclass, replace

from thidua.rules.declarations import Cond, Group, Node
from thidua.rules.errors import RulesetError
from thidua.rules.results import Outcome, Status


@dataclass(frozen=True)
class NodeResult:
    """A node's status, the outcomes of the conditions it evaluated (reasons), the claims
    of a passing node, the missing items for the verdict, and `summary`: the same missing
    items as one phrase, for a parent "any" that offers alternatives."""

    status: Status
    outcomes: tuple[Outcome, ...]
    claims: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    summary: str | None = None


class Context:
    """The evaluation of one case under one rule set; what conditions receive as `ctx`."""

    def __init__(self, case, ruleset):
        self.case = case
        self.ruleset = ruleset
        self.year = case.year
        self._memo: dict[tuple[str, int], NodeResult] = {}
        self._active: list[str] = []
        self._claimed: dict[str, str] = {}
        self._initiatives = [
            (item.id if item.id else f"{entry.year}#{index}", item)
            for entry in case.history
            for index, item in enumerate(entry.initiatives)
        ]

    # -- facts -----------------------------------------------------------------------
    def entry(self, year: int):
        return self.case.entry(year)

    def setting(self, name: str):
        return self.ruleset.settings[name]

    def recorded_years(self, code: str) -> list[int]:
        return [entry.year for entry in self.case.history if code in entry.titles]

    def holds(self, code: str, year: int) -> str | None:
        """"recorded" when the history lists the title for `year`; "qualifies" when `year` is
        the year judged and the subject meets the title's rule (DESIGN §6); else None."""
        if code in self.entry(year).titles:
            return "recorded"
        if year == self.year and self.qualifies(code, year):
            return "qualifies"
        return None

    def qualifies(self, code: str, year: int) -> bool:
        rule = self.ruleset.rules.get(code)
        if rule is None or not rule.applies_to(self.case):
            return False
        return self.judge(code, year).status is Status.PASS

    def first_failure(self, code: str, year: int) -> str | None:
        """The first reason `code` is not met in `year` (for "why not" in a prerequisite)."""
        rule = self.ruleset.rules.get(code)
        if rule is None or not rule.applies_to(self.case) or year != self.year:
            return None
        return next((o.reason for o in self.judge(code, year).outcomes if not o.passed), None)

    # -- initiatives -----------------------------------------------------------------
    def initiatives(self):
        return list(self._initiatives)

    def initiative_holder(self, key: str, item) -> str | None:
        """The award that already consumed this initiative, None when it is free for the award
        being judged. An initiative marked as used for a title the history already records for
        the year judged is that title's own: re-judging the title must still find it."""
        current = self._active[-1] if self._active else None
        if item.used_for and not (item.used_for == current and current in self.entry(self.year).titles):
            return item.used_for
        holder = self._claimed.get(key)
        return holder if holder and holder != current else None

    # -- rules -----------------------------------------------------------------------
    def judge(self, code: str, year: int) -> NodeResult:
        key = (code, year)
        if key in self._memo:
            return self._memo[key]
        if code in self._active:
            raise RulesetError(f"quy tắc {code} phụ thuộc vòng tròn: {' → '.join([*self._active, code])}")
        rule = self.ruleset.rules[code]
        self._active.append(code)
        try:
            result = self.evaluate(rule.root_for(self.case.subject_kind), year)
        finally:
            self._active.pop()
        if result.status is Status.PASS and code not in self.entry(year).titles:
            # A recorded title was granted on a basis the case records through `used_for`;
            # only a title granted now consumes what it relied on.
            for claim in result.claims:
                self._claimed.setdefault(claim, code)
        self._memo[key] = result
        return result

    def resolve(self, value):
        if isinstance(value, str) and value.startswith("$"):
            return self.ruleset.settings[value[1:]]
        if isinstance(value, str) and value.startswith("@"):
            return self.ruleset.articles[value[1:]]
        return value

    def evaluate(self, node: Node, year: int) -> NodeResult:
        if isinstance(node, Cond):
            return self._evaluate_cond(node, year)
        assert isinstance(node, Group)
        if node.mode == "all":
            parts = [self.evaluate(item, year) for item in node.items]
            status = _combine_all(p.status for p in parts)
            outcomes = _labelled(tuple(o for p in parts for o in p.outcomes), node.label)
            if status is Status.PASS:
                return NodeResult(status, outcomes, tuple(c for p in parts for c in p.claims))
            missing = tuple(m for p in parts for m in p.missing)
            summary = "; ".join(p.summary for p in parts if p.summary)
            if node.label:
                missing = tuple(f"{node.label} — {m}" for m in missing)
                summary = f"{node.label}: {summary}"
            return NodeResult(status, outcomes, (), missing, summary or None)
        tried = []
        for item in node.items:
            part = self.evaluate(item, year)
            if part.status is Status.PASS:
                return NodeResult(Status.PASS, _labelled(part.outcomes, node.label), part.claims)
            tried.append(part)
        status = Status.UNKNOWN if any(p.status is Status.UNKNOWN for p in tried) else Status.FAIL
        options = [p.summary for p in tried if p.summary]
        if len(options) > 1:
            numbered = " hoặc ".join(f"({i}) {text}" for i, text in enumerate(options, 1))
            missing = (f"Một trong các cách: {numbered}",)
            summary = "[" + " hoặc ".join(options) + "]"
        else:
            summary = options[0] if options else None
            missing = (summary,) if summary else ()
        return NodeResult(status, _labelled(tuple(o for p in tried for o in p.outcomes), node.label), (),
                          missing, summary)

    def _evaluate_cond(self, node: Cond, year: int) -> NodeResult:
        params = {key: self.resolve(value) for key, value in node.params}
        outcome = node.fn(self, year, article=self.ruleset.article(node.article), **params)
        if outcome is None:
            return NodeResult(Status.PASS, ())
        outcome = _labelled((outcome,), node.label)[0]
        if outcome.passed:
            return NodeResult(outcome.status, (outcome,), outcome.claims)
        missing = (outcome.missing,) if outcome.missing else ()
        return NodeResult(outcome.status, (outcome,), (), missing, outcome.missing)


def _combine_all(statuses) -> Status:
    seen = set(statuses)
    if Status.FAIL in seen:
        return Status.FAIL
    if Status.UNKNOWN in seen:
        return Status.UNKNOWN
    return Status.PASS


def _labelled(outcomes: tuple[Outcome, ...], label: str | None) -> tuple[Outcome, ...]:
    if not label:
        return outcomes
    return tuple(replace(o, reason=f"{label} — {o.reason}") for o in outcomes)
