"""Eligibility reads for pages: verdicts for one subject, and the qualified list of a subtree."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from thidua import rules
from thidua.core import access
from thidua.core.roles import Perm
from thidua.eligibility import verdicts
from thidua.eligibility.facts import no_gc, person_cases, unit_cases
from thidua.eligibility.models import RulesetSwitch
from thidua.org.models import Unit
from thidua.people.models import Person
from thidua.registrations.models import Registration
from thidua.rules.codes import TITLE_CODES
from thidua.rules.quotas import SHARE_LIMITS
from thidua.rules.registration import registration_codes
from thidua.rules.transition import judge as judge_transitional


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
    base = rules.ruleset_for_year(year, enabled_drafts())
    override = getattr(settings, "THIDUA_RULESETS", {}).get(base.id)
    return rules.get_ruleset(override) if override else base


def enabled_drafts() -> frozenset[str]:
    """The draft rule sets an administrator switched on (none by default)."""
    return frozenset(RulesetSwitch.objects.filter(enabled=True).values_list("ruleset_id", flat=True))


def draft_switches() -> dict[str, RulesetSwitch | None]:
    """Every draft rule set with its switch (None: never switched, so off)."""
    found = {s.ruleset_id: s for s in RulesetSwitch.objects.all()}
    return {key: found.get(key) for key, rs in sorted(rules.RULESETS.items()) if rs.draft}


def rule_names(year: int) -> dict[str, str]:
    return {code: rule.name for code, rule in ruleset_for(year).rules.items()}


def rule_codes(year: int, subject_kind: str) -> list[tuple[str, str]]:
    """(code, name) of the award kinds the rule set for YEAR judges for SUBJECT_KIND."""
    ruleset = ruleset_for(year)
    return [(code, rule.name) for code, rule in ruleset.rules.items() if subject_kind in rule.subjects]


def person_answer(person: Person, year: int, received_on: dt.date | None = None) -> rules.Answer:
    """PERSON must come from a scoped fetch. RECEIVED_ON, the day the competent body received
    the dossier, brings in the transitional rule of a rule set with an effective date."""
    case = person_cases(Person.objects.filter(pk=person.pk), year)[0][person.pk]
    return _answer(case, year, received_on)


def unit_answer(unit: Unit, year: int, received_on: dt.date | None = None) -> rules.Answer:
    case = unit_cases(Unit.objects.filter(pk=unit.pk), year)[0][unit.pk]
    return _answer(case, year, received_on)


def _answer(case, year: int, received_on: dt.date | None) -> rules.Answer:
    ruleset = ruleset_for(year)
    if received_on is None:
        return rules.evaluate(case, ruleset)
    return judge_transitional(case, ruleset, received_on)


def qualified_list(user, unit: Unit, year: int, code: str) -> tuple[list[Row], list[rules.QuotaExcess]]:
    """Everyone in UNIT's subtree (within the user's scope) who qualifies for CODE in YEAR,
    with the limits of the rule set that the list as proposed would exceed.

    Quotas compare a title with its base (CSTĐCS with the unit's LĐTT…), so both are judged
    from one load of the facts.
    """
    ruleset = ruleset_for(year)
    rule = ruleset.rules.get(code)
    if rule is None:
        return [], []
    bases = SHARE_LIMITS.get(code, ((), ""))[0]
    wanted = [code, *(c for c in bases if c in ruleset.rules)]
    found: dict[str, list[Row]] = {c: [] for c in wanted}
    if "individual" in rule.subjects:
        people = access.scope(user, Perm.PEOPLE_VIEW, Person.objects.filter(current_unit__path__startswith=unit.path))
        people = _candidates(people, ruleset, wanted, year, "person")
        # Only the people whose stored verdict holds a wanted code are judged again.
        verdicts.fill(people, year, ruleset)
        holders = Q()
        for c in wanted:
            holders |= Q(codes__contains=verdicts.holding(c))
        people = people.filter(pk__in=verdicts.judged(year, ruleset).filter(holders).values("person_id"))
        with no_gc():
            cases, _subjects = person_cases(people, year)
        _judge(cases, {p.pk: p for p in people.select_related("current_unit")}, wanted, ruleset, found)
    if "collective" in rule.subjects:
        units = access.scope(user, Perm.ORG_VIEW, Unit.objects.filter(path__startswith=unit.path,
                                                                         active_until__isnull=True))
        units = _candidates(units, ruleset, wanted, year, "unit")
        cases, _subjects = unit_cases(units, year)
        _judge(cases, {u.pk: u for u in units}, wanted, ruleset, found)
    rows = sorted(found[code], key=lambda r: r.subject.search_key)
    proposals = [rules.Proposal(subject=str(r.subject.pk), code=c, unit=_quota_unit(r.subject),
                                woman=getattr(r.subject, "gender", "") == "nu")
                 for c in wanted for r in found[c]]
    excesses = rules.check_quotas(ruleset, proposals)
    over = {s for e in excesses for s in e.over}
    for r in rows:
        r.over_quota = str(r.subject.pk) in over
    return rows, excesses


# The title a quota is a share of (LAW.md case 10: CSTĐCS as a share of LĐTT).


def _candidates(qs, ruleset: rules.RuleSet, codes: list[str], year: int, field: str):
    """Narrow QS to subjects that registered for one of CODES, when the rule set makes
    registration a condition of every title asked for: the engine would refuse the others."""
    if not ruleset.settings.get("registration_required") or not all(c in TITLE_CODES for c in codes):
        return qs
    # A registration for a higher title counts for the lower one it covers (CSTĐCS → LĐTT).
    accepted = set().union(*(registration_codes(ruleset, c) for c in codes))
    registered = Registration.objects.filter(year=year, code__in=accepted)
    if field == "person":
        return qs.filter(pk__in=registered.filter(person__isnull=False).values("person_id"))
    return qs.filter(pk__in=registered.filter(person__isnull=True).values("unit_id"))


def _judge(cases, objects: dict, codes: list[str], ruleset: rules.RuleSet, found: dict[str, list[Row]]) -> None:
    pks = [pk for pk in cases if pk in objects]
    for pk, answer in zip(pks, rules.evaluate_many([cases[pk] for pk in pks], ruleset, codes=codes), strict=True):
        for c in codes:
            verdict = answer.verdict(c)
            if verdict is not None and verdict.eligible:
                found[c].append(Row(objects[pk], verdict))


def _quota_unit(subject) -> str:
    return (subject.current_unit if isinstance(subject, Person) else subject).name
