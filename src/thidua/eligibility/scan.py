"""Bulk verdicts: everyone under a unit, judged for a year with the rule set in force."""

import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua import rules
from thidua.eligibility.facts import Subject, person_cases, unit_cases
from thidua.eligibility.selectors import ruleset_for
from thidua.org.models import Unit
from thidua.people.models import Person


class ScanError(Exception):
    pass


@dataclass
class ScanResult:
    load_seconds: float
    person_cases: dict[int, rules.Case]
    unit_cases: dict[int, rules.Case]
    subjects: dict[tuple[str, int], Subject]
    ruleset: rules.RuleSet

    @property
    def answers(self) -> Iterator[tuple[dict, "rules.Answer"]]:
        for kind, cases in (("individual", self.person_cases), ("collective", self.unit_cases)):
            # Flags first; reasons are built only for an answer whose text is read.
            for pk, answer in zip(cases, rules.evaluate_many(cases.values(), self.ruleset), strict=True):
                yield self.subjects[(kind, pk)].as_dict(), answer


def scan(*, year: int, unit_code: str | None = None, people: bool = True, units: bool = True) -> ScanResult:
    """Facts of every active person and unit under UNIT_CODE (the whole tree by default).

    The command line runs with full rights; pages call `person_cases` / `unit_cases` on
    querysets they narrowed through the scope.
    """
    unit_qs = Unit.objects.all()
    if unit_code:
        root = Unit.objects.filter(code=unit_code).first()
        if root is None:
            raise ScanError(_("Không có đơn vị mã «%s».") % unit_code)
        unit_qs = unit_qs.filter(path__startswith=root.path)
    started = time.perf_counter()
    p_cases, p_subjects = (person_cases(Person.objects.filter(current_unit__in=unit_qs.values("pk")), year)
                           if people else ({}, {}))
    u_cases, u_subjects = unit_cases(unit_qs.filter(active_until__isnull=True), year) if units else ({}, {})
    subjects = {("individual", pk): s for pk, s in p_subjects.items()}
    subjects.update({("collective", pk): s for pk, s in u_subjects.items()})
    return ScanResult(time.perf_counter() - started, p_cases, u_cases, subjects, ruleset_for(year))
