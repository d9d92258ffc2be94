"""The layouts of the statutory statistical forms of emulation and commendation (biểu
0601.N, 0602.N, 0603.N /BNV-TĐKT): their rows with codes and units, their columns with
numbers, as docs/statistics.md records where each was read.

Pure data: what a row or a column counts is a `Cond` over the awards annotated by
`figures` (`grp`: the position group at the decision, `enterprise`), or a predicate over a
movement's facts. A `Cond` is both the filter of the list behind a figure (`q`) and the
test of the grouped counts (`matches`), so the figure and its list are one condition.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.people.models import PositionGroup


@dataclass(frozen=True)
class Cond:
    """Each field among its allowed values (all of them: an empty Cond holds for every award)."""

    parts: tuple[tuple[str, frozenset], ...] = ()

    def __and__(self, other: "Cond") -> "Cond":
        merged: dict[str, frozenset] = dict(self.parts)
        for name, values in other.parts:
            merged[name] = merged[name] & values if name in merged else values
        return Cond(tuple(sorted(merged.items())))

    def q(self) -> Q:
        return Q(**{f"{name}__in": sorted(values, key=str) for name, values in self.parts})

    def matches(self, row: dict) -> bool:
        return all(row[name] in values for name, values in self.parts)


def cond(**fields) -> Cond:
    return Cond(tuple(sorted((name, frozenset(v if isinstance(v, (set, frozenset, list, tuple)) else {v}))
                             for name, v in fields.items())))


NOTHING = cond(kind=frozenset())


@dataclass(frozen=True)
class Row:
    """One line of a form: CODE (mã số, "" for a heading), its LABEL, its unit of count
    (đơn vị tính), what it counts (`where` for awards, `test` for movements)."""

    code: str
    label: str
    unit: str = ""
    where: Cond = Cond()
    test: Callable[[dict], bool] | None = None
    bold: bool = False
    indent: int = 0

    @property
    def heading(self) -> bool:
        return not self.code


@dataclass(frozen=True)
class Column:
    """One figure column: its NUMBER as the form prints it, its LABEL, what it counts."""

    number: str
    label: str
    where: Cond = Cond()
    test: Callable[[dict], bool] | None = None
    total: bool = False


@dataclass(frozen=True)
class Layout:
    slug: str  # the address of the form (thong-ke/…/<slug>/)
    number: str  # "0603.N/BNV-TĐKT"
    title: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    # Shown above the table when one unit counts everything (0601: phong trào).
    unit_note: str = ""
    # A column for the unit of each row (0602, 0603).
    unit_column: bool = True
    # The row of individuals and the rows of their groups (0602, 0603).
    individuals: tuple[str, tuple[str, ...]] | None = None

    def row(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.code == code), None)

    def column(self, number: str) -> Column | None:
        return next((c for c in self.columns if c.number == number), None)


# --- 0601.N: movements --------------------------------------------------------------------
# A movement's facts (`figures.movement_facts`): "level" — the launching level ("tw",
# "tinh", "co_quan"); "scope" — "toan_quoc", "tinh", "khoi", "co_quan"; "months" — its
# length in months (None: not known); "kind" — MovementKind.

def _months(low: int | None, high: int | None) -> Callable[[dict], bool]:
    def test(m: dict) -> bool:
        n = m["months"]
        return n is not None and (low is None or n >= low) and (high is None or n < high)
    return test


def _one_year(m: dict) -> bool:
    return m["months"] == 12


def _under_year(m: dict) -> bool:
    return m["months"] is not None and m["months"] < 12


def _one_to_three(m: dict) -> bool:
    return m["months"] is not None and 12 < m["months"] < 36


M0601 = Layout(
    slug="0601", number="0601.N/BNV-TĐKT", title=_("Số phong trào thi đua"),
    unit_note=_("Đơn vị tính: Phong trào"), unit_column=False,
    columns=(
        Column("1=(2+3+4)", _("Tổng số"), test=lambda m: True, total=True),
        Column("2", _("Cấp Trung ương (Hội đồng Thi đua – Khen thưởng Trung ương)"),
               test=lambda m: m["level"] == "tw"),
        Column("3", _("Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"),
               test=lambda m: m["level"] == "tinh"),
        Column("4", _("Cơ quan, tổ chức, đơn vị"), test=lambda m: m["level"] == "co_quan"),
    ),
    rows=(
        Row("01", _("Tổng số"), test=lambda m: True, bold=True),
        Row("", _("1. Chia theo phạm vi tổ chức thi đua"), bold=True),
        Row("02", _("Toàn quốc"), test=lambda m: m["scope"] == "toan_quoc", indent=1),
        Row("03", _("Bộ, ban, ngành, đoàn thể, địa phương"), test=lambda m: m["scope"] == "tinh", indent=1),
        Row("04", _("Cụm, khối thi đua do Hội đồng Thi đua – Khen thưởng các cấp tổ chức"),
            test=lambda m: m["scope"] == "khoi", indent=1),
        Row("05", _("Cơ quan, tổ chức, đơn vị"), test=lambda m: m["scope"] == "co_quan", indent=1),
        Row("", _("2. Chia theo thời hạn thi đua"), bold=True),
        Row("06", _("Dưới 1 năm"), test=_under_year, indent=1),
        Row("07", _("1 năm"), test=_one_year, indent=1),
        Row("08", _("Từ 1 năm đến dưới 3 năm"), test=_one_to_three, indent=1),
        Row("09", _("Từ 3 năm đến dưới 5 năm"), test=_months(36, 60), indent=1),
        Row("10", _("Từ 5 năm trở lên"), test=_months(60, None), indent=1),
        Row("", _("3. Chia theo phương thức tổ chức phong trào thi đua"), bold=True),
        Row("11", _("Thi đua theo chuyên đề"), test=lambda m: m["kind"] != "thuong_xuyen", indent=1),
        Row("12", _("Thi đua thường xuyên hằng năm"), test=lambda m: m["kind"] == "thuong_xuyen", indent=1),
    ),
)


# --- awards: the rows 0602.N and 0603.N share --------------------------------------------

COLLECTIVE = cond(subject_kind="collective")
HOUSEHOLD = cond(subject_kind="household")
INDIVIDUAL = cond(subject_kind="individual")


def _group(value: str) -> Cond:
    return INDIVIDUAL & cond(grp=value)


def _by_subject(first: int) -> tuple[Row, ...]:
    """The rows "chia theo đối tượng khen thưởng", coded from FIRST."""
    c = [f"{n:02d}" for n in range(first, first + 9)]
    return (
        Row(c[0], _("Tập thể"), _("Tập thể"), COLLECTIVE, indent=1),
        Row(c[1], _("Trong đó: Doanh nghiệp"), _("Doanh nghiệp"), COLLECTIVE & cond(enterprise=True), indent=2),
        Row(c[2], _("Hộ gia đình"), _("Hộ"), HOUSEHOLD, indent=1),
        Row(c[3], _("Cá nhân"), _("Người"), INDIVIDUAL, indent=1),
        Row(c[4], PositionGroup.LANH_DAO_TINH.label, _("Người"), _group(PositionGroup.LANH_DAO_TINH), indent=2),
        Row(c[5], PositionGroup.LANH_DAO_SO.label, _("Người"), _group(PositionGroup.LANH_DAO_SO), indent=2),
        Row(c[6], PositionGroup.DOANH_NHAN.label, _("Người"), _group(PositionGroup.DOANH_NHAN), indent=2),
        Row(c[7], PositionGroup.LANH_DAO_KHAC.label, _("Người"), _group(PositionGroup.LANH_DAO_KHAC), indent=2),
        Row(c[8], PositionGroup.TRUC_TIEP.label, _("Người"), _group(PositionGroup.TRUC_TIEP), indent=2),
    )


def _by_type(first: int) -> tuple[Row, ...]:
    """The rows "chia theo phương thức khen thưởng", coded from FIRST: each the award's
    `CommendationType`; thidua records no award for resistance merit (kháng chiến)."""
    c = [f"{n:02d}" for n in range(first, first + 7)]
    return (
        Row(c[0], _("Thường xuyên"), where=cond(commendation_type="cong_trang"), indent=1),
        Row(c[1], _("Chuyên đề"), where=cond(commendation_type="phong_trao"), indent=1),
        Row(c[2], _("Đột xuất"), where=cond(commendation_type="dot_xuat"), indent=1),
        Row(c[3], _("Đối ngoại"), where=cond(commendation_type="doi_ngoai"), indent=1),
        Row(c[4], _("Cống hiến"), where=cond(commendation_type="cong_hien"), indent=1),
        Row(c[5], _("Niên hạn"), where=cond(commendation_type="nien_han"), indent=1),
        Row(c[6], _("Kháng chiến"), where=NOTHING, indent=1),
    )


def kinds_where(codes) -> Cond:
    return cond(kind=frozenset(codes))


# The award kinds of each column come from the catalog (`figures.kind_columns`): a column
# holds a catalog group or named codes, at the levels of its form.
STATE_LEVELS = frozenset({"thu_tuong", "chu_tich_nuoc"})
PROVINCE_LEVELS = frozenset({"tinh"})


@dataclass(frozen=True)
class KindColumn:
    number: str
    label: str
    groups: frozenset = frozenset()
    codes: frozenset = frozenset()
    rest: bool = False  # every kind of the form's levels no other column takes


STATE_COLUMNS = (
    KindColumn("2", _("Huân chương"), groups=frozenset({"huan_chuong"})),
    KindColumn("3", _("Huy chương"), groups=frozenset({"huy_chuong"})),
    KindColumn("4", _("Giải thưởng Hồ Chí Minh"), codes=frozenset({"GT_HCM"})),
    KindColumn("5", _("Giải thưởng Nhà nước"), codes=frozenset({"GT_NN"})),
    KindColumn("6", _("Danh hiệu vinh dự Nhà nước"), groups=frozenset({"danh_hieu_vinh_du"})),
    KindColumn("7", _("Cờ thi đua của Chính phủ"), codes=frozenset({"CO_CP"})),
    KindColumn("8", _("Bằng khen của Thủ tướng Chính phủ"), codes=frozenset({"BK_TTG"})),
    KindColumn("9", _("Danh hiệu “Chiến sĩ thi đua toàn quốc”"), codes=frozenset({"CSTD_TQ"})),
    KindColumn("10", _("Các hình thức khen thưởng khác"), rest=True),
)
PROVINCE_COLUMNS = (
    KindColumn("2", _("Bằng khen"), groups=frozenset({"bang_khen"})),
    KindColumn("3", _("Chiến sĩ thi đua cấp bộ, cấp tỉnh"), codes=frozenset({"CSTD_TINH"})),
    KindColumn("4", _("Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"),
               codes=frozenset({"CO_TINH"})),
    KindColumn("5", _("Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực "
                      "thuộc Trung ương"), groups=frozenset({"ky_niem_chuong"})),
)


def columns_for(kind_columns: tuple[KindColumn, ...], levels: frozenset, kinds: dict) -> tuple[Column, ...]:
    """The figure columns of KIND_COLUMNS, each holding the catalog KINDS (code → KindInfo)
    of LEVELS it names; the total column first (the sum of the others)."""
    taken: dict[str, set[str]] = {c.number: set() for c in kind_columns}
    at_level = {code: k for code, k in kinds.items() if set(k.authority_levels) & levels}
    for code, info in at_level.items():
        for col in kind_columns:
            if code in col.codes or info.group in col.groups:
                taken[col.number].add(code)
                break
        else:
            rest = next((c for c in kind_columns if c.rest), None)
            if rest is not None:
                taken[rest.number].add(code)
    every = set().union(*taken.values())
    first = "1=" + "+".join(c.number for c in kind_columns) if len(kind_columns) < 6 else "1"
    return (Column(first, _("Tổng số"), kinds_where(every), total=True),
            *(Column(c.number, c.label, kinds_where(taken[c.number])) for c in kind_columns))


def state_layout(kinds: dict) -> Layout:
    """Biểu 0602.N: State-level awards (of the President and the Prime Minister)."""
    return Layout(
        slug="0602", number="0602.N/BNV-TĐKT", title=_("Số lượng khen thưởng cấp Nhà nước"),
        columns=columns_for(STATE_COLUMNS, STATE_LEVELS, kinds),
        individuals=("09", ("10", "11", "12", "13", "14")),
        rows=(
            Row("01", _("Tổng số"), bold=True),
            Row("", _("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng"), bold=True),
            # A province's system: every proposal it holds went up through the province.
            Row("02", _("Bộ, ban, ngành, đoàn thể Trung ương"), _("Bộ, ngành"), NOTHING, indent=1),
            Row("03", _("Tỉnh, thành phố trực thuộc Trung ương"), _("Tỉnh, thành phố"), indent=1),
            Row("", _("2. Chia theo đối tượng khen thưởng"), bold=True),
            *_by_subject(6),
            Row("", _("3. Chia theo phương thức khen thưởng"), bold=True),
            *_by_type(15),
        ),
    )


def province_layout(kinds: dict) -> Layout:
    """Biểu 0603.N: awards of ministries, sectors, central organisations and provinces."""
    return Layout(
        slug="0603", number="0603.N/BNV-TĐKT",
        title=_("Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố trực thuộc "
                "Trung ương"),
        columns=columns_for(PROVINCE_COLUMNS, PROVINCE_LEVELS, kinds),
        individuals=("05", ("06", "07", "08", "09", "10")),
        rows=(
            Row("01", _("Tổng số"), bold=True),
            Row("", _("1. Chia theo đối tượng khen thưởng"), bold=True),
            *_by_subject(2),
            Row("", _("2. Chia theo phương thức khen thưởng"), bold=True),
            *_by_type(11),
        ),
    )


SLUGS = ("0601", "0602", "0603")
