"""How a unit is named where its name alone is ambiguous: "Khoa Nội, Bệnh viện Đa khoa tỉnh"
(every hospital has a Khoa Nội, every department a Văn phòng). The unit is followed by its
parent; the province's own root is left out, as every unit of it would repeat it."""

from collections.abc import Iterable

from thidua.org.models import Unit
from thidua.org.paths import parent_path


def parents_of(units: Iterable[Unit]) -> dict[str, Unit]:
    """The parents of UNITS below the second level, by path: one query."""
    paths = {parent_path(u.path) for u in units if u.depth > 2}
    return {u.path: u for u in Unit.objects.filter(path__in=paths)} if paths else {}


def parent_in(unit: Unit, parents: dict[str, Unit]) -> Unit | None:
    """UNIT's parent from PARENTS (`parents_of`), or None under the root."""
    return parents.get(parent_path(unit.path)) if unit.depth > 2 else None


def unit_text(unit: Unit, parents: dict[str, Unit]) -> str:
    """"Phòng Công chức, viên chức, Sở Nội vụ"."""
    parent = parent_in(unit, parents)
    return f"{unit.name}, {parent.name}" if parent is not None else unit.name


def unit_texts(units: Iterable[Unit]) -> dict[int, str]:
    """`unit_text` for each of UNITS, by pk, in one query."""
    units = list(units)
    parents = parents_of(units)
    return {u.pk: unit_text(u, parents) for u in units}
