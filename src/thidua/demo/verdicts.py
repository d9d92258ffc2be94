"""The demo's stored verdicts (ADR 0015): the generator writes facts in bulk, past the
signals that forget stale verdicts, so it ends by judging everyone afresh for the year its
lists open on, as a nightly or post-import run would."""

from thidua.eligibility import verdicts
from thidua.eligibility.selectors import ruleset_for
from thidua.people.models import Person


def seed_verdicts(year: int) -> int:
    """Forget every stored verdict and judge every person for YEAR; how many were judged."""
    verdicts.forget(None)
    return verdicts.fill(Person.objects.all(), year, ruleset_for(year))
