"""`evaluate`: the verdicts of one case under one rule set (DESIGN.md §6), and
`evaluate_many`: the same for many cases, for scans.

Which verdicts: one per rule of the rule set that applies to the subject (its kind, and for
the armed-forces and village variants the subject's flags), in the rule set's order; kinds
that do not apply are left out rather than answered "no". Titles are judged before forms so
that initiatives consumed by a title are not counted again by a form (R-P10).
"""

from collections.abc import Iterable, Iterator

from thidua.rules.codes import AWARD_CODES
from thidua.rules.conditions import CONDITIONS
from thidua.rules.context import Context, FastContext
from thidua.rules.errors import CaseError, RulesetError
from thidua.rules.facts import Case
from thidua.rules.parse import case_from_dict
from thidua.rules.plans import plans_for
from thidua.rules.results import Answer, Status, Verdict
from thidua.rules.rulesets import RuleSet, get_ruleset, ruleset_for_year

_FREEZE_CONDITION = "not_frozen"


def evaluate(case: Case | dict, ruleset: str | RuleSet | None = None) -> Answer:
    """Judge `case` (a `Case` or a CASE.json mapping) for its year.

    The rule set is `ruleset` when given, else the case's own `ruleset`, else the one in
    force for the year judged. Raises CaseError for an invalid case or an unknown rule-set id.
    """
    if not isinstance(case, Case):
        case = case_from_dict(case)
    return _explain(case, _choose(case, ruleset), None)


def evaluate_many(cases: Iterable[Case | dict], ruleset: str | RuleSet | None = None, *,
                  codes: Iterable[str] | None = None, explain: bool = False) -> Iterator[Answer]:
    """Judge every case of `cases` (see `evaluate`), lazily, one `Answer` per case in order.

    `codes` keeps only the verdicts of these award kinds (those that apply to the subject, in
    the rule set's order); what they depend on (LĐTT for CSTĐCS, the titles judged before a
    form that may take its initiatives) is still judged, so each verdict is the one
    `evaluate` gives. With `explain=False` only whether each kind is eligible is worked out:
    each verdict's `eligible` is `evaluate`'s, and its reasons, missing items and basis are
    computed on first access (by judging that case in full, once). With `explain=True` the
    answers are `evaluate`'s, verdicts restricted to `codes`.

    Raises ValueError for an unknown award code and CaseError for an unknown rule-set id at
    once; CaseError for an invalid case when the iteration reaches it.
    """
    wanted = None
    if codes is not None:
        wanted = frozenset([codes] if isinstance(codes, str) else codes)
        unknown = sorted(wanted - AWARD_CODES)
        if unknown:
            raise ValueError(f"unknown award codes: {', '.join(unknown)}")
    fixed = _choose_fixed(ruleset)
    return _many(cases, ruleset, fixed, wanted, explain)


def _many(cases, ruleset, fixed: RuleSet | None, wanted, explain: bool) -> Iterator[Answer]:
    chosen_by: dict[tuple, RuleSet] = {}
    for case in cases:
        if not isinstance(case, Case):
            case = case_from_dict(case)
        chosen = fixed
        if chosen is None:
            key = (case.ruleset, case.year)
            chosen = chosen_by.get(key)
            if chosen is None:
                chosen = chosen_by[key] = _choose(case, ruleset)
        if explain:
            yield _explain(case, chosen, wanted)
        else:
            yield _flags(case, chosen, wanted)


def _choose_fixed(ruleset) -> RuleSet | None:
    """The rule set named by the caller for every case, or None when each case chooses."""
    if isinstance(ruleset, RuleSet):
        return ruleset
    if ruleset:
        try:
            return get_ruleset(ruleset)
        except RulesetError as error:
            raise CaseError("ruleset", str(error)) from None
    return None


def _choose(case: Case, ruleset) -> RuleSet:
    if isinstance(ruleset, RuleSet):
        return ruleset
    wanted = ruleset or case.ruleset
    if wanted:
        try:
            return get_ruleset(wanted)
        except RulesetError as error:
            raise CaseError("ruleset", str(error)) from None
    return ruleset_for_year(case.year)


def _explain(case: Case, chosen: RuleSet, wanted: frozenset[str] | None) -> Answer:
    """The full answer, with verdicts for the codes in `wanted` only (all when None)."""
    plan = plans_for(chosen).for_case(case)
    rules = plan.rules if wanted is None else [rule for rule in plan.rules if rule.code in wanted]
    ctx = Context(case, chosen)
    notes = []
    note = chosen.earlier_years_note
    if note and case.year < note["before"]:
        notes.append(note["text"].format(year=case.year))
    if case.frozen:
        return Answer(year=case.year, ruleset=chosen.id, verdicts=_frozen_verdicts(rules, ctx, notes))
    results = {}
    judge, year = ctx.judge, case.year
    for code in plan.needed(wanted):
        results[code] = judge(code, year)
    return Answer(year=case.year, ruleset=chosen.id,
                  verdicts=[_verdict(rule, results[rule.code], notes) for rule in rules])


def _verdict(rule, result, notes: list[str]) -> Verdict:
    passed = result.status is Status.PASS
    basis = dict.fromkeys(rule.basis)  # in order, each once
    reasons = list(notes)
    for o in result.outcomes:
        reasons.append(o.reason)
        basis[o.article] = None
        if o.extra_articles:
            basis.update(dict.fromkeys(o.extra_articles))
    missing = [] if passed else list(dict.fromkeys(result.missing))
    return Verdict(code=rule.code, eligible=passed, reasons=reasons, missing=missing, basis=list(basis))


def _frozen_verdicts(rules, ctx: Context, notes: list[str]) -> list[Verdict]:
    if not rules:
        return []
    outcome = CONDITIONS[_FREEZE_CONDITION](ctx, ctx.year, article=ctx.ruleset.article("@freeze"))
    missing = [outcome.missing] if outcome.missing else []
    return [Verdict(code=rule.code, eligible=False, reasons=[*notes, outcome.reason], missing=list(missing),
                    basis=_unique([*rule.basis, outcome.article])) for rule in rules]


def _flags(case: Case, chosen: RuleSet, wanted: frozenset[str] | None) -> Answer:
    """The answer with `eligible` worked out and the rest left to `_Explanation`."""
    plan = plans_for(chosen).for_case(case)
    if not plan.exact:
        # A layer this shortcut cannot judge exactly: judge in full (the details come free).
        return _explain(case, chosen, wanted)
    rules = plan.rules if wanted is None else [rule for rule in plan.rules if rule.code in wanted]
    explanation = _Explanation(case, chosen, wanted)
    if case.frozen:
        return Answer(case.year, chosen.id, [_LazyVerdict(rule.code, False, explanation) for rule in rules])
    ctx = FastContext(case, chosen)
    passes, year = ctx.passes, case.year
    for code in plan.needed(wanted):
        passes(code, year)
    return Answer(case.year, chosen.id, [_LazyVerdict(rule.code, passes(rule.code, year), explanation)
                                         for rule in rules])


class _Explanation:
    """The full answer of one case, worked out when a verdict's details are first read."""

    __slots__ = ("answer", "case", "ruleset", "wanted")

    def __init__(self, case: Case, ruleset: RuleSet, wanted: frozenset[str] | None):
        self.case, self.ruleset, self.wanted, self.answer = case, ruleset, wanted, None

    def verdict(self, code: str) -> Verdict:
        if self.answer is None:
            self.answer = _explain(self.case, self.ruleset, self.wanted)
        found = self.answer.verdict(code)
        assert found is not None, code
        return found


_DETAILS = ("reasons", "missing", "basis")


class _LazyVerdict(Verdict):
    """A `Verdict` whose `reasons`, `missing` and `basis` are filled on first access."""

    def __init__(self, code: str, eligible: bool, explanation: _Explanation | None = None, *, reasons=None,
                 missing=None, basis=None):
        self.code = code
        self.eligible = eligible
        self._explanation = explanation
        if explanation is None:  # dataclasses.replace and copies: a plain verdict's fields
            self.reasons = list(reasons or [])
            self.missing = list(missing or [])
            self.basis = list(basis or [])

    def __getattr__(self, name: str):
        # Only called for attributes not set yet: the details, before their first use.
        if name not in _DETAILS or "_explanation" not in self.__dict__ or self._explanation is None:
            raise AttributeError(name)
        full = self._explanation.verdict(self.code)
        for detail in _DETAILS:
            if detail not in self.__dict__:
                setattr(self, detail, list(getattr(full, detail)))
        return self.__dict__[name]

    def __eq__(self, other):
        if not isinstance(other, Verdict):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in ("code", "eligible", *_DETAILS))

    __hash__ = None


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
