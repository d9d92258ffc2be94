"""A unit's yearly ratings entered in one grid: every person working in the unit (and its
units below) on one page, checked cell by cell with the Excel import's own parsers, saved
all or nothing, each rating only over the version the grid showed — a rating saved by
someone else meanwhile refuses the whole save and names who saved it.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.errors import ApplicationError
from thidua.imports.people import cells
from thidua.imports.sheet import CellError
from thidua.org.models import Unit
from thidua.org.selectors import within
from thidua.people import selectors as people_selectors
from thidua.people import services as people_services
from thidua.people.models import Evaluation, Person

# One page of the grid; a bigger unit turns pages (each saved on its own).
PER_PAGE = 100


@dataclass
class Line:
    """One person's row: what is saved (`evaluation`) and what was typed, with its errors."""

    person: Person
    evaluation: Evaluation | None
    rating: str = ""
    months: str = ""
    note: str = ""
    version: int = 0
    errors: list[str] = field(default_factory=list)


def people(user, unit: Unit):
    """The people USER may rate who work in UNIT or below, by name."""
    return people_selectors.people_for(user).filter(within(unit, "current_unit__path")) \
        .select_related("current_unit").order_by("search_key", "pk")


def lines(people_page, year: int) -> list[Line]:
    """The grid's rows for PEOPLE_PAGE, with YEAR's saved ratings (one query)."""
    saved = {e.person_id: e for e in Evaluation.objects.filter(person__in=people_page, year=year)}
    rows = []
    for person in people_page:
        e = saved.get(person.pk)
        rows.append(Line(person, e, e.rating if e else "", str(e.months_worked) if e else "", e.note if e else "",
                         e.version if e else 0))
    return rows


def read(rows: list[Line], data) -> list[tuple[Line, str, int, str]]:
    """The rows DATA (a posted grid) changes, parsed as the import parses its cells:
    (line, rating, months, note). Errors are put on each line (`errors`)."""
    table, changed = cells._rating_lookup(), []  # the import's own table of codes and labels
    for line in rows:
        pk = line.person.pk
        line.rating, line.months = data.get(f"r{pk}", "").strip(), data.get(f"m{pk}", "").strip()
        line.note, line.version = data.get(f"n{pk}", "").strip(), int(data.get(f"v{pk}", "0") or 0)
        if not line.rating and line.evaluation is None:
            continue  # not rated yet, nothing typed
        parsed = []
        for label, parse, value in ((_("Xếp loại"), lambda v: cells.parse_rating(v, table), line.rating),
                                    (_("Số tháng công tác"), cells.parse_months, line.months),
                                    (_("Ghi chú"), cells.parse_note, line.note)):
            try:
                parsed.append(parse(value))
            except CellError as exc:
                line.errors.append(f"{label}: {exc.message}")
        if not line.errors:
            rating, months, note = parsed
            e = line.evaluation
            if e is None or (e.rating, e.months_worked, e.note) != (rating, months, note):
                changed.append((line, rating, months, note))
    return changed


@transaction.atomic
def ratings_save(*, actor, year: int, changed: list[tuple[Line, str, int, str]]) -> int:
    """Write every CHANGED rating for YEAR through `people.services.evaluation_set` (its
    scope check, version check and audit), all or nothing. Returns how many were written."""
    for line, rating, months, note in changed:
        try:
            people_services.evaluation_set(actor=actor, person=line.person, year=year, rating=rating,
                                           months_worked=months, note=note, version=line.version)
        except ApplicationError as exc:
            if exc.extra.get("stale"):
                raise ApplicationError(_("%(name)s: %(message)s") % {"name": line.person.full_name,
                                                                      "message": exc.message}, exc.extra) from exc
            raise
    return len(changed)
