"""Bulk verdicts: everyone under a unit, judged for a year with the rule set in force."""

import multiprocessing
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connections
from django.utils.translation import gettext as _

from thidua import rules
from thidua.core.collector import no_gc as _no_gc
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


def _root_path(unit_code: str | None) -> str:
    """The tree path a scan covers: the unit's subtree, or everything ("")."""
    if not unit_code:
        return ""
    root = Unit.objects.filter(code=unit_code).first()
    if root is None:
        raise ScanError(_("Không có đơn vị mã «%s».") % unit_code)
    return root.path


def scan(*, year: int, unit_code: str | None = None, people: bool = True, units: bool = True) -> ScanResult:
    """Facts of every active person and unit under UNIT_CODE (the whole tree by default).

    The command line runs with full rights; pages call `person_cases` / `unit_cases` on
    querysets they narrowed through the scope.
    """
    unit_qs = Unit.objects.filter(path__startswith=_root_path(unit_code))
    started = time.perf_counter()
    with _no_gc():
        p_cases, p_subjects = (person_cases(Person.objects.filter(current_unit__in=unit_qs.values("pk")), year)
                               if people else ({}, {}))
        u_cases, u_subjects = unit_cases(unit_qs.filter(active_until__isnull=True), year) if units else ({}, {})
    subjects = {("individual", pk): s for pk, s in p_subjects.items()}
    subjects.update({("collective", pk): s for pk, s in u_subjects.items()})
    return ScanResult(time.perf_counter() - started, p_cases, u_cases, subjects, ruleset_for(year))


@dataclass
class FlagsResult:
    seconds: float
    workers: int
    flags: dict[tuple[str, int], tuple[str, ...]]  # (subject kind, pk) → codes it qualifies for


def _people_flags(args: tuple) -> list[tuple[int, tuple[str, ...]]]:
    """One worker's share: load and judge the people whose pk falls in [lo, hi]."""
    with _no_gc():
        return _people_flags_now(*args)


def _people_flags_now(year, path, lo, hi, ruleset_id) -> list[tuple[int, tuple[str, ...]]]:
    people = Person.objects.filter(current_unit__path__startswith=path, pk__gte=lo, pk__lte=hi)
    cases, _subjects = person_cases(people, year)
    ruleset = rules.get_ruleset(ruleset_id)
    answers = rules.evaluate_many(cases.values(), ruleset)
    return [(pk, tuple(v.code for v in a.verdicts if v.eligible)) for pk, a in zip(cases, answers, strict=True)]


def eligible_flags(*, year: int, unit_code: str | None = None, workers: int = 1) -> FlagsResult:
    """Which award kinds every person and unit under UNIT_CODE qualifies for in YEAR.

    With WORKERS > 1 the people are split by id range between forked processes, each with
    its own database connection: a province scan is CPU-bound Python, and a server has
    cores to spare for a nightly or on-demand batch.
    """
    path = _root_path(unit_code)
    ruleset = ruleset_for(year)
    started = time.perf_counter()
    pks = list(Person.objects.filter(current_unit__path__startswith=path).order_by("pk").values_list("pk", flat=True))
    shares = [pks[i * len(pks) // workers:(i + 1) * len(pks) // workers] for i in range(workers)]
    jobs = [(year, path, share[0], share[-1], ruleset.id) for share in shares if share]
    flags: dict[tuple[str, int], tuple[str, ...]] = {}
    if workers > 1 and len(jobs) > 1:
        connections.close_all()  # each forked worker opens its own connection
        with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
            pending = pool.map_async(_people_flags, jobs)
            with _no_gc():
                unit_part = _unit_flags(year, path, ruleset)
            parts = pending.get()
    else:
        parts = [_people_flags(job) for job in jobs]
        with _no_gc():
            unit_part = _unit_flags(year, path, ruleset)
    for part in parts:
        flags.update((("individual", pk), codes) for pk, codes in part)
    flags.update((("collective", pk), codes) for pk, codes in unit_part)
    return FlagsResult(time.perf_counter() - started, max(1, min(workers, len(jobs))), flags)


def _unit_flags(year: int, path: str, ruleset: rules.RuleSet) -> list[tuple[int, tuple[str, ...]]]:
    cases, _subjects = unit_cases(Unit.objects.filter(path__startswith=path, active_until__isnull=True), year)
    answers = rules.evaluate_many(cases.values(), ruleset)
    return [(pk, tuple(v.code for v in a.verdicts if v.eligible)) for pk, a in zip(cases, answers, strict=True)]
