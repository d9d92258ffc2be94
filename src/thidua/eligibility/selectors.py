"""Eligibility reads for pages: verdicts for one subject, and the qualified list of a subtree."""

from dataclasses import dataclass

from django.conf import settings

from thidua import rules
from thidua.accounts.roles import Perm
from thidua.core import access
from thidua.eligibility.facts import person_cases, unit_cases
from thidua.org.models import Unit
from thidua.people.models import Person


@dataclass
class Row:
    subject: Person | Unit
    verdict: rules.Verdict
    over_quota: bool = False

    @property
    def is_person(self) -> bool:
        return isinstance(self.subject, Person)

    @property
    def label(self) -> str:
        return self.subject.full_name if self.is_person else self.subject.name

    @property
    def unit(self) -> Unit:
        return self.subject.current_unit if self.is_person else self.subject


def ruleset_for(year: int) -> rules.RuleSet:
    """The rule set in force for YEAR, or the province's stricter layer on it.

    `THIDUA_RULESETS` maps a national rule-set id to the province's own (a YAML layer with
    `extends:` in THIDUA_RULESETS_DIR): {"2025": "2025-hs"}.
    """
    base = rules.ruleset_for_year(year)
    override = getattr(settings, "THIDUA_RULESETS", {}).get(base.id)
    return rules.get_ruleset(override) if override else base


def rule_codes(year: int, subject_kind: str) -> list[tuple[str, str]]:
    """(code, name) of the award kinds the rule set for YEAR judges for SUBJECT_KIND."""
    ruleset = ruleset_for(year)
    return [(code, rule.name) for code, rule in ruleset.rules.items() if subject_kind in rule.subjects]


def person_answer(person: Person, year: int) -> rules.Answer:
    """PERSON must come from a scoped fetch."""
    case = person_cases(Person.objects.filter(pk=person.pk), year)[0][person.pk]
    return rules.evaluate(case, ruleset_for(year))


def unit_answer(unit: Unit, year: int) -> rules.Answer:
    case = unit_cases(Unit.objects.filter(pk=unit.pk), year)[0][unit.pk]
    return rules.evaluate(case, ruleset_for(year))


def qualified_list(user, unit: Unit, year: int, code: str) -> tuple[list[Row], list[rules.QuotaExcess]]:
    """Everyone in UNIT's subtree (within the user's scope) who qualifies for CODE in YEAR,
    with the limits of the rule set that the list as proposed would exceed."""
    ruleset = ruleset_for(year)
    rule = ruleset.rules.get(code)
    if rule is None:
        return [], []
    rows: list[Row] = []
    if "individual" in rule.subjects:
        people = access.scope(user, Perm.PEOPLE_VIEW, Person.objects.filter(current_unit__path__startswith=unit.path))
        cases, _subjects = person_cases(people, year)
        by_pk = {p.pk: p for p in people.select_related("current_unit")}
        rows += _qualified(cases, by_pk, code, ruleset)
    if "collective" in rule.subjects:
        units = access.scope(user, Perm.ORG_VIEW, Unit.objects.filter(path__startswith=unit.path,
                                                                         active_until__isnull=True))
        cases, _subjects = unit_cases(units, year)
        by_pk = {u.pk: u for u in units}
        rows += _qualified(cases, by_pk, code, ruleset)
    rows.sort(key=lambda r: r.subject.search_key)
    proposals = [rules.Proposal(subject=str(r.subject.pk), code=code, unit=_quota_unit(r.subject),
                                woman=getattr(r.subject, "gender", "") == "nu") for r in rows]
    # Quotas compare the proposed title with its base: the unit's LĐTT for CSTĐCS and so on.
    base = {"CSTDCS": "LDTT", "TTLDXS": "TTLDTT"}.get(code)
    if base:
        base_rows, _ = qualified_list(user, unit, year, base)
        proposals += [rules.Proposal(subject=str(r.subject.pk), code=base, unit=_quota_unit(r.subject))
                      for r in base_rows]
    excesses = rules.check_quotas(ruleset, proposals)
    over = {s for e in excesses for s in e.over}
    for r in rows:
        r.over_quota = str(r.subject.pk) in over
    return rows, excesses


def _quota_unit(subject) -> str:
    return (subject.current_unit if isinstance(subject, Person) else subject).name


def _qualified(cases: dict[int, rules.Case], objects: dict, code: str, ruleset: rules.RuleSet) -> list[Row]:
    rows = []
    for pk, case in cases.items():
        verdict = rules.evaluate(case, ruleset).verdict(code)
        if verdict is not None and verdict.eligible and pk in objects:
            rows.append(Row(objects[pk], verdict))
    return rows
