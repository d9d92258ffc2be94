"""Which units take part in a movement in a year: the one rule (ADR 0005, "Who takes part").

A unit takes part in MOVEMENT in YEAR when it is active, it is not the organiser, and
  - it is listed, or lies inside the subtree of a unit listed with its subtree, or
  - it is a member, that year, of a bloc the movement lists;
a movement listing no unit and no bloc is followed by the organiser's whole subtree.

The organiser launches the movement and judges it; it registers under the movement above
it, not under its own. A unit with no people recorded takes part all the same: it
registers its collective titles (a thôn or tổ dân phố, a unit whose staff is not entered
yet). A closed unit no longer takes part.

Everything that asks the question reads this module: a sheet's acceptance
(`registrations.services`), the sheet page and its movement list (`registrations.views`,
`registrations.selectors.movements_for_unit`), the Excel import (`imports.selectors`), the
list of units not registered, progress, figures and reminders (`registrations.progress`,
`registrations.due`, `movements.selectors`). `Reach` holds the rule's data for one movement and year, loaded in two
queries (two for any number of movements), and answers both ways from the same data:
`q()` filters units in the database, `includes()` tests one unit in memory.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import FilteredRelation, Q, QuerySet

from thidua.movements.models import Movement, Participant
from thidua.org.models import Unit


@dataclass(frozen=True)
class Reach:
    """The units a movement reaches in a year, before the two exclusions every answer
    applies (the organiser, closed units): the units listed one by one (UNIT_IDS) and the
    subtrees (SUBTREES, tree paths)."""

    organiser_id: int
    unit_ids: frozenset[int]
    subtrees: tuple[str, ...]

    def q(self) -> Q:
        """The condition on `Unit` for the units taking part."""
        reached = Q(pk__in=sorted(self.unit_ids))
        for path in self.subtrees:
            reached |= Q(path__startswith=path)
        return reached & Q(active_until__isnull=True) & ~Q(pk=self.organiser_id)

    def includes(self, unit: Unit) -> bool:
        """Whether UNIT takes part: `q()` asked of one unit already in memory."""
        reached = unit.pk in self.unit_ids or any(unit.path.startswith(path) for path in self.subtrees)
        return reached and unit.active_until is None and unit.pk != self.organiser_id


def _reach(organiser: Unit, listed: list[tuple[int, str, bool]], blocs_listed: bool,
           members: list[tuple[int, str]]) -> Reach:
    """LISTED: (unit pk, path, with its subtree) of the listed units; MEMBERS: (unit pk,
    path) of the listed blocs' members that year. Nested subtrees and units inside a
    subtree are dropped: the same units, a shorter condition."""
    if not listed and not blocs_listed:
        return Reach(organiser.pk, frozenset(), (organiser.path,))
    subtrees: list[str] = []
    for path in sorted(path for _pk, path, subtree in listed if subtree):
        if not any(path.startswith(kept) for kept in subtrees):
            subtrees.append(path)
    singles = [(pk, path) for pk, path, subtree in listed if not subtree] + members
    ids = frozenset(pk for pk, path in singles if not any(path.startswith(kept) for kept in subtrees))
    return Reach(organiser.pk, ids, tuple(subtrees))


def reaches(movements: Iterable[Movement], year: int) -> dict[int, Reach]:
    """movement pk → its Reach in YEAR, for MOVEMENTS (organisers loaded), in two queries."""
    movements = list(movements)
    ids = [m.pk for m in movements]
    listed: dict[int, list[tuple[int, str, bool]]] = {pk: [] for pk in ids}
    rows = Participant.objects.filter(movement__in=ids).values_list("movement_id", "unit_id", "unit__path",
                                                                    "subtree")
    for movement_id, unit_id, path, subtree in rows.order_by():
        listed[movement_id].append((unit_id, path, subtree))
    # One row per listed bloc and member that year; a listed bloc without members that
    # year still comes back (with no unit), so it still narrows the movement to its blocs.
    blocs_listed: set[int] = set()
    members: dict[int, list[tuple[int, str]]] = {pk: [] for pk in ids}
    through = (Movement.blocs.through.objects.filter(movement__in=ids)
               .annotate(member=FilteredRelation("bloc__memberships", condition=Q(bloc__memberships__year=year)))
               .values_list("movement_id", "member__unit_id", "member__unit__path"))
    for movement_id, unit_id, path in through.order_by():
        blocs_listed.add(movement_id)
        if unit_id is not None:
            members[movement_id].append((unit_id, path))
    return {m.pk: _reach(m.organiser, listed[m.pk], m.pk in blocs_listed, members[m.pk]) for m in movements}


def reach(movement: Movement, year: int) -> Reach:
    return reaches([movement], year)[movement.pk]


def units(movement: Movement, year: int) -> QuerySet[Unit]:
    """The units taking part in MOVEMENT in YEAR."""
    return Unit.objects.filter(reach(movement, year).q())


def takes_part(movement: Movement, unit: Unit, year: int) -> bool:
    return reach(movement, year).includes(unit)


def taking_part(movement: Movement, units: Iterable[Unit], years: Iterable[int]) -> set[tuple[int, int]]:
    """(unit pk, year) for each of UNITS taking part in MOVEMENT in each of YEARS (two
    queries a year, whatever the number of units)."""
    units = list(units)
    out = set()
    for year in years:
        reach_then = reach(movement, year)
        out |= {(unit.pk, year) for unit in units if reach_then.includes(unit)}
    return out
