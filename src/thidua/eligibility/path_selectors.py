"""Reads for "Lộ trình khen thưởng": the path of one person or unit, and of the people of a
unit in scope, planned by `thidua.rules.path` under today's rule set."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from thidua.core import access
from thidua.core.roles import Perm
from thidua.eligibility.facts import person_cases, unit_cases
from thidua.eligibility.selectors import ruleset_for
from thidua.org.models import Unit
from thidua.people.models import Person
from thidua.rules import RuleSet
from thidua.rules.path import Path, plan_path


def todays_ruleset() -> RuleSet:
    """The rule set in force today (the province's layer on it when it has one): a path is
    planned under the law officers register under now, whatever year it starts from."""
    return ruleset_for(timezone.localdate().year)


def person_path(person: Person, year: int) -> Path:
    """PERSON must come from a scoped fetch; YEAR is the last year whose results count."""
    case = person_cases(Person.objects.filter(pk=person.pk), year)[0][person.pk]
    return plan_path(case, todays_ruleset())


def unit_path(unit: Unit, year: int) -> Path:
    """UNIT must come from a scoped fetch."""
    case = unit_cases(Unit.objects.filter(pk=unit.pk), year)[0][unit.pk]
    return plan_path(case, todays_ruleset())


def people_in(user, unit: Unit) -> QuerySet[Person]:
    """The people of UNIT's subtree the user may see, in the order of their names."""
    people = Person.objects.filter(current_unit__path__startswith=unit.path)
    return access.scope(user, Perm.PEOPLE_VIEW, people).select_related("current_unit").order_by("search_key", "pk")


@dataclass
class PathRow:
    person: Person
    path: Path

    @property
    def nearest(self):
        return self.path.next_step()


def people_paths(people: list[Person], year: int) -> list[PathRow]:
    """The path of each of PEOPLE (a page of `people_in`), their facts loaded at once."""
    if not people:
        return []
    ruleset = todays_ruleset()
    cases = person_cases(Person.objects.filter(pk__in=[p.pk for p in people]), year)[0]
    return [PathRow(p, plan_path(cases[p.pk], ruleset)) for p in people if p.pk in cases]
