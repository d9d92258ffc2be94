"""`evaluate`: the verdicts of one case under one rule set (DESIGN.md §6).

Which verdicts: one per rule of the rule set that applies to the subject (its kind, and for
the armed-forces and village variants the subject's flags), in the rule set's order; kinds
that do not apply are left out rather than answered "no". Titles are judged before forms so
that initiatives consumed by a title are not counted again by a form (R-P10).
"""

from thidua.rules.conditions import CONDITIONS
from thidua.rules.context import Context
from thidua.rules.errors import CaseError, RulesetError
from thidua.rules.facts import Case
from thidua.rules.parse import case_from_dict
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
    chosen = _choose(case, ruleset)
    ctx = Context(case, chosen)
    rules = [rule for rule in chosen.rules.values() if rule.applies_to(case)]
    notes = []
    note = chosen.earlier_years_note
    if note and case.year < note["before"]:
        notes.append(note["text"].format(year=case.year))
    verdicts: dict[str, Verdict] = {}
    if case.frozen:
        for rule in rules:
            verdicts[rule.code] = _frozen_verdict(rule, ctx, notes)
    else:
        for rule in sorted(rules, key=lambda r: not r.is_title):
            verdicts[rule.code] = _verdict(rule, ctx, notes)
    return Answer(year=case.year, ruleset=chosen.id, verdicts=[verdicts[rule.code] for rule in rules])


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


def _verdict(rule, ctx: Context, notes: list[str]) -> Verdict:
    result = ctx.judge(rule.code, ctx.year)
    outcomes = result.outcomes
    missing = _unique(result.missing) if result.status is not Status.PASS else []
    basis = _unique([*rule.basis, *(a for o in outcomes for a in (o.article, *o.extra_articles))])
    return Verdict(code=rule.code, eligible=result.status is Status.PASS,
                   reasons=[*notes, *(o.reason for o in outcomes)], missing=missing, basis=basis)


def _frozen_verdict(rule, ctx: Context, notes: list[str]) -> Verdict:
    outcome = CONDITIONS[_FREEZE_CONDITION](ctx, ctx.year, article=ctx.ruleset.article("@freeze"))
    return Verdict(code=rule.code, eligible=False, reasons=[*notes, outcome.reason],
                   missing=[outcome.missing] if outcome.missing else [], basis=_unique([*rule.basis, outcome.article]))


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
