"""What the ledger lends the apps below it: the people list's title filter (`people`)."""

from thidua.awards.models import Award
from thidua.catalog.models import SubjectKind
from thidua.catalog.selectors import current_kinds
from thidua.core import history
from thidua.people.selectors import people_with_title, person_titles


def _titles() -> list[tuple[str, str]]:
    """The titles a person may be given today, (code, name), by rank."""
    kinds = [k for k in current_kinds().values() if k.is_title and k.accepts(SubjectKind.INDIVIDUAL)]
    return [(k.code, k.name) for k in sorted(kinds, key=lambda k: (k.rank, k.name))]


def _holders(code: str, year: int):
    return Award.objects.filter(kind=code, year=year, revoked=False, person__isnull=False).values("person_id")


person_titles.fill(_titles)
people_with_title.fill(_holders)
history.holds_award_kinds("awards.award.kind")
