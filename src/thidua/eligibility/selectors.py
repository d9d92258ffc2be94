"""Eligibility reads for pages: the rule set of a year, and the verdicts for one subject (the
qualified list of a subtree is `eligibility.listing`)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from thidua import rules
from thidua.core.years import evaluation_year
from thidua.eligibility.facts import person_cases, unit_cases
from thidua.eligibility.models import RulesetSwitch
from thidua.org.models import Unit
from thidua.people.models import Evaluation, Person
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


def list_year(rated: QuerySet[Evaluation]) -> int:
    """The year a qualified list opens on: the latest of RATED's years from next year back to
    three years ago, each looked for with one EXISTS that stops at its first row (the latest of
    a province's ratings would read them all); else the year being rated now. What the nightly
    fill judges ahead, so the list a user opens is the one judged."""
    now = evaluation_year()
    for year in range(now + 1, now - 3, -1):
        if rated.filter(year=year).exists():
            return year
    return now


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
