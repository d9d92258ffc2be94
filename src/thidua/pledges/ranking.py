"""Ranking a bloc's members from their accepted points, with explicit tie-breaks.

Pure Python (no Django): `rank()` takes the criteria and each unit's accepted points and
returns the ordered rows; `propose()` picks the flag and Bằng khen proposals. The pages show
`TIE_BREAKS` as written here, and every row says which rule put it below the unit above.

Points: every criterion's points are positive numbers; deductions are subtracted.
    total = Σ standard + Σ bonus − Σ deduction

Order (each rule only decides between units equal on all the rules before it):
    1. higher total;
    2. higher total of the standard criteria (achievements before bonus and deductions);
    3. fewer deduction points;
    4. higher standard points in group I, then in group II, … (the table's groups that
       hold standard criteria, in their order);
    5. still equal on every rule: the units share the rank (đồng hạng), listed by name; when
       such a tie crosses the proposal cut, the bloc must vote and the proposal says so.
Units that did not send their sheet come after every unit that did, share the last rank,
and are never proposed.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from thidua import rules
from thidua.core.text import fold as _fold
from thidua.rules import labels

ZERO = Decimal("0")

STANDARD, BONUS, DEDUCTION = "standard", "bonus", "deduction"

# (code, what the page says); groups expand into one step per group.
TIE_BREAKS: tuple[tuple[str, str], ...] = (
    ("total", "Tổng điểm cao hơn xếp trên."),
    ("standard", "Bằng tổng điểm: tổng điểm các tiêu chí chấm điểm (không kể điểm thưởng, điểm trừ) cao hơn xếp trên."),
    ("deduction", "Vẫn bằng nhau: bị trừ ít điểm hơn xếp trên."),
    ("groups", "Vẫn bằng nhau: so lần lượt điểm các tiêu chí chấm điểm của từng nhóm theo thứ tự của bảng (nhóm I, "
               "rồi nhóm II…), nhóm nào cao hơn xếp trên."),
    ("tie", "Bằng nhau ở mọi bước trên: đồng hạng, ghi theo tên đơn vị; nếu đồng hạng ở ranh giới đề nghị khen "
            "thưởng thì Khối biểu quyết."),
)
NOT_SUBMITTED_NOTE = "Không gửi bảng tự chấm điểm: xếp cuối, không xét đề nghị."


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    kind: str  # standard / bonus / deduction
    group: int | None  # a standard criterion's group position (0 for the first); None for bonus, deduction


@dataclass(frozen=True)
class UnitPoints:
    unit_id: int
    name: str
    submitted: bool
    points: Mapping[int, Decimal]  # criterion id → accepted points (missing = 0)


@dataclass
class Row:
    unit_id: int
    name: str
    submitted: bool
    total: Decimal = ZERO
    standard: Decimal = ZERO
    bonus: Decimal = ZERO
    deduction: Decimal = ZERO
    groups: tuple[Decimal, ...] = ()
    rank: int = 0
    tied_with_above: bool = False  # same rank as the row above (đồng hạng)
    decided_by: str = ""  # the rule that put this row below the one above when their totals are equal
    explanation: str = ""
    proposal: str = ""  # CO_TINH / BK_TINH / ""
    proposal_note: str = ""
    extra: dict = field(default_factory=dict)


def fmt(value: Decimal) -> str:
    """Vietnamese number: 95,5 — no trailing zeros."""
    text = f"{value.normalize():f}" if value != value.to_integral() else f"{int(value)}"
    return text.replace(".", ",")


def totals(criteria: Sequence[CriterionInfo], unit: UnitPoints, n_groups: int) -> Row:
    row = Row(unit_id=unit.unit_id, name=unit.name, submitted=unit.submitted)
    groups = [ZERO] * n_groups
    for c in criteria:
        value = unit.points.get(c.id) or ZERO
        if c.kind == DEDUCTION:
            row.deduction += value
            continue
        if c.kind == BONUS:
            row.bonus += value
            continue
        row.standard += value
        if c.group is not None:
            groups[c.group] += value
    row.total = row.standard + row.bonus - row.deduction
    row.groups = tuple(groups)
    return row


def _key(row: Row) -> tuple:
    return (-row.total, -row.standard, row.deduction, *(-g for g in row.groups))


def _decided_by(above: Row, row: Row, group_labels: Sequence[str]) -> tuple[str, str]:
    """(rule code, sentence) for why ROW is below ABOVE although their totals are equal."""
    if above.standard != row.standard:
        return "standard", (f"Bằng tổng điểm với {above.name} ({fmt(row.total)}); xếp sau vì điểm các tiêu chí "
                            f"chấm điểm thấp hơn ({fmt(row.standard)} so với {fmt(above.standard)}).")
    if above.deduction != row.deduction:
        return "deduction", (f"Bằng tổng điểm và điểm tiêu chí với {above.name}; xếp sau vì bị trừ nhiều hơn "
                             f"({fmt(row.deduction)} so với {fmt(above.deduction)} điểm).")
    for i, (a, b) in enumerate(zip(above.groups, row.groups, strict=True)):
        if a != b:
            label = group_labels[i] if i < len(group_labels) else str(i + 1)
            return f"group:{i}", (f"Bằng tổng điểm, điểm tiêu chí và điểm trừ với {above.name}; xếp sau vì điểm "
                                  f"nhóm {label} thấp hơn ({fmt(b)} so với {fmt(a)}).")
    return "tie", f"Đồng hạng với {above.name}: bằng nhau ở mọi bước so sánh."


def rank(criteria: Sequence[CriterionInfo], units: Iterable[UnitPoints],
         group_labels: Sequence[str] = ()) -> list[Row]:
    """The members in ranking order, each with its rank and why it is below the one above."""
    n_groups = max((c.group for c in criteria if c.group is not None), default=-1) + 1
    n_groups = max(n_groups, len(group_labels))
    rows = [totals(criteria, u, n_groups) for u in units]
    sent = sorted((r for r in rows if r.submitted), key=lambda r: (_key(r), _fold(r.name)))
    missing = sorted((r for r in rows if not r.submitted), key=lambda r: _fold(r.name))
    for i, row in enumerate(sent):
        above = sent[i - 1] if i else None
        if above is not None and _key(above) == _key(row):
            row.rank, row.tied_with_above = above.rank, True
            row.decided_by, row.explanation = _decided_by(above, row, group_labels)
        else:
            row.rank = i + 1
            if above is not None and above.total == row.total:
                row.decided_by, row.explanation = _decided_by(above, row, group_labels)
    last = len(sent) + 1
    for i, row in enumerate(missing):
        row.rank, row.tied_with_above = last, i > 0
        row.explanation = NOT_SUBMITTED_NOTE
    return sent + missing


def propose(rows: Sequence[Row], *, flags: int, bk: int) -> list[Row]:
    """Mark the first FLAGS sent units for CO_TINH and the next BK for BK_TINH (in place).

    A tie (đồng hạng) straddling a cut keeps the order by name but the proposal notes that
    the bloc must vote between the tied units. Returns the proposed rows.
    """
    sent = [r for r in rows if r.submitted]
    chosen: list[Row] = []
    for start, count, code in ((0, flags, "CO_TINH"), (flags, bk, "BK_TINH")):
        for row in sent[start:start + count]:
            row.proposal = code
            chosen.append(row)
    cut_points = [flags, flags + bk]
    for cut in cut_points:
        if 0 < cut < len(sent) and sent[cut].tied_with_above:
            tied = [r for r in sent if r.rank == sent[cut].rank]
            names = ", ".join(r.name for r in tied)
            for r in tied:
                if r.proposal:
                    r.proposal_note = (f"Đồng hạng {r.rank} với {names} ở ranh giới đề nghị: Khối cần biểu quyết "
                                       f"trước khi lập hồ sơ.")
    return chosen


def flags_per_bloc(year: int) -> tuple[int, str]:
    """How many leading units a bloc proposes for the provincial flag in YEAR (the rule set's
    `flags_per_bloc`, LAW.md §B7: provinces fix it per bloc), and the sentence citing it."""
    ruleset = rules.ruleset_for_year(year)
    value = ruleset.settings.get("flags_per_bloc")
    if value is None:
        return 1, f"Bộ quy tắc {ruleset.id} không đặt số cờ mỗi khối; mặc định đề nghị 1 đơn vị dẫn đầu khối."
    return int(value), f"{labels.setting_line('flags_per_bloc', value)} (theo quy chế cụm, khối thi đua của tỉnh)."
