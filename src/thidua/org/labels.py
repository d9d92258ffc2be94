"""How a unit is named where its name alone is ambiguous: "Khoa Nội, Bệnh viện Đa khoa tỉnh"
(every hospital has a Khoa Nội, every department a Văn phòng). The unit is followed by its
parent; the province's own root is left out, as every unit of it would repeat it."""

from collections.abc import Iterable

from thidua.org.models import Unit, UnitKind
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


# The head of a unit as a paper addresses them: a People's Committee by its chairman, a
# department by its director, a school by its principal; "UBND" written out in full.
_HEADS = {
    UnitKind.UBND_TINH: "Chủ tịch", UnitKind.UBND_XA: "Chủ tịch", UnitKind.TRUONG_HOC: "Hiệu trưởng",
    UnitKind.BENH_VIEN: "Giám đốc", UnitKind.TRAM_Y_TE: "Trạm trưởng",
}
_HEADS_BY_NAME = (("Sở ", "Giám đốc"), ("Ban ", "Trưởng"), ("Văn phòng ", "Chánh"), ("Trung tâm ", "Giám đốc"),
                  ("Công ty ", "Giám đốc"), ("Thanh tra ", "Chánh"))


def full_name(unit: Unit) -> str:
    """UNIT's name with "UBND" written out: "Ủy ban nhân dân tỉnh Hà Sơn"."""
    return unit.name.replace("UBND ", "Ủy ban nhân dân ", 1) if unit.name.startswith("UBND ") else unit.name


def head_title(unit: Unit) -> str:
    """The title of UNIT's head: "Chủ tịch" of a People's Committee, "Giám đốc" of a Sở."""
    return _HEADS.get(unit.kind) or next((t for p, t in _HEADS_BY_NAME if unit.name.startswith(p)), "Thủ trưởng")


def head_of(unit: Unit, *, within: Unit | None = None) -> str:
    """Who heads UNIT, as "Kính gửi:" names them: "Chủ tịch Ủy ban nhân dân tỉnh",
    "Giám đốc Sở Nội vụ". Writing from WITHIN the same province, its People's Committee is
    "Ủy ban nhân dân tỉnh" without the province's name."""
    title = head_title(unit)
    name = full_name(unit)
    if unit.kind == UnitKind.UBND_TINH and within is not None and within.path.startswith(unit.path):
        name = "Ủy ban nhân dân tỉnh"
    return f"{title} {name}"
