"""One evaluation of one case under one rule set: the state conditions read (facts,
settings, which initiatives are already consumed) and the evaluation of rule trees.

Rules are judged at most once per (code, year) and remembered, so a prerequisite judged
for CSTĐ tỉnh is the same verdict the list shows for CSTĐCS. When a title not yet recorded
is judged eligible, the initiatives it relied on are consumed for the rest of the
evaluation (LAW.md R-P10); the engine judges titles before forms so that a form never takes
an initiative a title needs.

`Context` judges with the full trees (every outcome and reason); `FastContext`, used by
`evaluate_many(..., explain=False)`, only asks whether each rule passes (plans.py).
"""

from thidua.rules.declarations import Node
from thidua.rules.errors import RulesetError
from thidua.rules.plans import NodeResult, compile_full, plans_for
from thidua.rules.results import Status

__all__ = ["Context", "FastContext", "NodeResult"]


class Context:
    """The evaluation of one case under one rule set; what conditions receive as `ctx`."""

    def __init__(self, case, ruleset):
        self.case = case
        self.ruleset = ruleset
        self.year = case.year
        # `ctx.entry(year)`: the facts of a year (an empty record for a year with nothing). The
        # case's own bound method, since conditions call it for every year they look at.
        self.entry = case.entry
        self._plans = plans_for(ruleset)
        self._memo: dict[tuple[str, int], NodeResult] = {}
        self._active: list[str] = []
        self._claimed: dict[str, str] = {}
        self._initiatives: list | None = None

    # -- facts -----------------------------------------------------------------------
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
        """(key, initiative) for every initiative of the history; the key is its id, else
        "year#index"."""
        found = self._initiatives
        if found is None:
            found = self._initiatives = [
                (item.id if item.id else f"{entry.year}#{index}", item)
                for entry in self.case.history
                for index, item in enumerate(entry.initiatives)
            ]
        return list(found)

    def initiative_holder(self, key: str, item) -> str | None:
        """The award that already consumed this initiative, None when it is free for the award
        being judged. An initiative marked as used for a title the history already records for
        the year judged is that title's own: re-judging the title must still find it."""
        current = self._active[-1] if self._active else None
        if item.used_for and not (item.used_for == current and current in self.entry(self.year).titles):
            return item.used_for
        holder = self._claimed.get(key)
        return holder if holder and holder != current else None

    def _commit(self, code: str, year: int, claims) -> None:
        # A recorded title was granted on a basis the case records through `used_for`;
        # only a title granted now consumes what it relied on.
        if claims and code not in self.entry(year).titles:
            claimed = self._claimed
            for claim in claims:
                claimed.setdefault(claim, code)

    def _run(self, plans, code: str, year: int):
        """CODE's rule for YEAR, compiled by PLANS (full or fast); a rule met again while
        it is being judged depends on itself."""
        if code in self._active:
            raise RulesetError(f"quy tắc {code} phụ thuộc vòng tròn: {' → '.join([*self._active, code])}")
        self._active.append(code)
        try:
            return plans(code, self.case.subject_kind)(self, year)
        finally:
            self._active.pop()

    # -- rules -----------------------------------------------------------------------
    def judge(self, code: str, year: int) -> NodeResult:
        key = (code, year)
        found = self._memo.get(key)
        if found is not None:
            return found
        result = self._run(self._plans.full, code, year)
        if result.status is Status.PASS:
            self._commit(code, year, result.claims)
        self._memo[key] = result
        return result

    def resolve(self, value):
        if isinstance(value, str) and value.startswith("$"):
            return self.ruleset.settings[value[1:]]
        if isinstance(value, str) and value.startswith("@"):
            return self.ruleset.articles[value[1:]]
        return value

    def evaluate(self, node: Node, year: int) -> NodeResult:
        """Evaluate any node of the rule set's trees (compiled on the spot)."""
        return compile_full(node, self.ruleset)(self, year)


class FastContext(Context):
    """An evaluation that only establishes which rules pass (`passes`), running the
    conditions' checks instead of the conditions: no reason is built. Only valid for an
    exact plan (plans.CasePlan), which `evaluate_many` checks."""

    def __init__(self, case, ruleset):
        super().__init__(case, ruleset)
        self._passed: dict[tuple[str, int], bool] = {}

    def qualifies(self, code: str, year: int) -> bool:
        rule = self.ruleset.rules.get(code)
        if rule is None or not rule.applies_to(self.case):
            return False
        return self.passes(code, year)

    def first_failure(self, code: str, year: int) -> str | None:
        return None  # only a reason's wording depends on it

    def passes(self, code: str, year: int) -> bool:
        key = (code, year)
        found = self._passed.get(key)
        if found is not None:
            return found
        result = self._run(self._plans.fast, code, year)
        if result and result is not True:
            self._commit(code, year, result)
        passed = self._passed[key] = bool(result)
        return passed
