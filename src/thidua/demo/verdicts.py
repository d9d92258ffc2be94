"""The demo's stored verdicts (ADR 0016): everyone judged for the year its lists open on,
as a nightly `thidua rules fill` would leave them. The generator's raw inserts, which pass
the signals that forget stale verdicts, all come before its first list is read
(tests/demo/test_verdicts_demo.py holds every stored verdict to a fresh judgement)."""

from thidua.eligibility import verdicts
from thidua.eligibility.selectors import ruleset_for
from thidua.people.models import Person


def seed_verdicts(year: int) -> int:
    """Judge and store everyone with no stored verdict for YEAR; how many were judged."""
    return verdicts.fill(Person.objects.all(), year, ruleset_for(year))
