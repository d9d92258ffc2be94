"""The figures of the reports' charts (bao-cao/bieu-do/), read-only and scoped.

Each chart is a `Chart`: categories (the x axis, the table's rows) and series (the
datasets, the table's columns), the same numbers for the canvas, its table and its Excel
export. Every read passes `access.scope` for the permission that shows its rows, then is
narrowed to the chosen unit's subtree (`org.selectors.within`):

- awards (`award.view`, over the unit the subject belonged to at the time, as every
  statistic follows it) by the level of the authority that gives the kind (the catalog's
  `authority.levels`) and by the year of the decision, for five years;
- the registration progress of the movements running today (`registrations.progress`,
  the rule the movement's progress page applies), over the participant units in sight;
- the dossiers of the year by state (`dossier.view`) and how their steps kept the
  deadlines the workflow set (`data/workflows/dossier.yaml`, each `DossierEvent`'s `due_on`);
- the reward fund (`decisions.selectors.fund_scope`: who keeps or signs for it) by budget
  year: what it received, what it paid in rewards and what revocations brought back.
"""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Award
from thidua.catalog.models import AuthorityLevel, AwardKind
from thidua.core import access
from thidua.core.roles import Perm
from thidua.decisions.selectors import FundTotals, fund_scope, may_see_fund
from thidua.dossiers import workflow
from thidua.dossiers.models import Dossier, DossierEvent, DossierState
from thidua.movements.selectors import participant_units, running_movements
from thidua.org.models import Unit
from thidua.org.selectors import within
from thidua.registrations.models import SheetStatus
from thidua.registrations.progress import units_progress

YEARS = 5
# The most running movements the progress chart draws (the nearest the top first).
MOVEMENTS = 8

# Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito).
BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#8C8C8C")


@dataclass
class Series:
    label: str
    values: list[int]
    color: str


@dataclass
class Chart:
    """One chart and its table: row i of the table is category i, column j series j.

    key: the chart's slug in its export URL. stacked: the series add up (the table then
    has a "Tổng" column). horizontal: categories on the vertical axis (long names). money:
    the numbers are đồng. note: a line under the table (a rate, what is counted).
    unavailable: why the user is shown no figures (the chart is then empty).
    """

    key: str
    title: str
    category_label: str
    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    stacked: bool = False
    horizontal: bool = False
    money: bool = False
    note: str = ""
    unavailable: str = ""

    @property
    def empty(self) -> bool:
        return not self.categories or not any(v for s in self.series for v in s.values)

    @property
    def headers(self) -> list[str]:
        return [str(self.category_label), *(str(s.label) for s in self.series)] + (
            [str(_("Tổng"))] if self.stacked else [])

    @property
    def rows(self) -> list[list]:
        """The table: one row per category, its value in each series (and the total)."""
        rows = []
        for i, category in enumerate(self.categories):
            values = [s.values[i] for s in self.series]
            rows.append([category, *values, *([sum(values)] if self.stacked else [])])
        return rows

    @property
    def data(self) -> dict:
        """What charts.js draws (`json`, in the canvas's `data-chart`)."""
        return {
            "type": "bar", "labels": [str(c) for c in self.categories], "stacked": self.stacked,
            "horizontal": self.horizontal, "money": self.money, "title": str(self.title),
            "datasets": [{"label": str(s.label), "data": s.values, "backgroundColor": s.color} for s in self.series],
        }

    @property
    def json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False)


# --- awards by level ----------------------------------------------------------------------

STATE, MINISTRY, BASE, UNKNOWN = "nha_nuoc", "bo_tinh", "co_so", "khac"
LEVELS = {
    STATE: (_("Cấp Nhà nước"), VERMILLION),
    MINISTRY: (_("Cấp bộ, ban, ngành, tỉnh"), BLUE),
    # Since 01/7/2025 there is no district level; the five years may still hold its awards.
    BASE: (_("Cấp sở, ngành, huyện, xã, cơ sở"), GREEN),
    UNKNOWN: (_("Chưa rõ cấp"), GREY),
}
# The chart's level of each of the catalog's authority levels (`LEVELS` is in rank order).
_LEVEL_OF = {
    AuthorityLevel.CHU_TICH_NUOC: STATE, AuthorityLevel.THU_TUONG: STATE,
    AuthorityLevel.TRUNG_UONG: MINISTRY, AuthorityLevel.TINH: MINISTRY,
    AuthorityLevel.CO_QUAN: BASE, AuthorityLevel.XA: BASE,
}


def kind_levels() -> dict[str, str]:
    """Award code → the chart's level (`LEVELS`): the highest level whose authority gives
    the kind, in its latest catalog version (an award of a kind withdrawn since keeps its
    level). One query."""
    levels: dict[str, str] = {}
    for code, data in AwardKind.objects.order_by("code", "valid_from", "version").values_list("code", "data"):
        found = [_LEVEL_OF[lv] for lv in (data.get("authority") or {}).get("levels", ()) if lv in _LEVEL_OF]
        levels[code] = min(found, key=list(LEVELS).index) if found else UNKNOWN
    return levels


def awards_by_level(user, unit: Unit, year: int) -> Chart:
    """Awards standing (not revoked) decided in the five years up to YEAR, held in UNIT's
    subtree, by level and year of decision. Two queries."""
    years = list(range(year - YEARS + 1, year + 1))
    chart = Chart("khen-thuong", _("Khen thưởng theo cấp và năm"), _("Năm"), [str(y) for y in years],
                  stacked=True, note=_("Khen thưởng theo năm ký quyết định, không tính khen thưởng đã hủy bỏ."))
    if not access.covers(user, Perm.AWARD_VIEW, unit.path):
        chart.unavailable = _("Bạn không có quyền xem khen thưởng của đơn vị này.")
        return chart
    awards = access.scope(user, Perm.AWARD_VIEW, Award.objects.filter(within(unit, "held_unit__path"))).filter(
        revoked=False, decided_on__gte=dt.date(years[0], 1, 1), decided_on__lte=dt.date(year, 12, 31))
    # Grouped by the day, not the year: decisions fall on few days, and the year of each of
    # the province's 200,000 rows was a Python call per row on SQLite (5× slower).
    rows = awards.values_list("decided_on", "kind").annotate(n=Count("id")).order_by()
    levels = kind_levels()
    counts = {key: [0] * len(years) for key in LEVELS}
    for day, kind, n in rows:
        counts[levels.get(kind, UNKNOWN)][day.year - years[0]] += n
    chart.series = [Series(label, counts[key], color) for key, (label, color) in LEVELS.items()
                    if key != UNKNOWN or any(counts[key])]
    return chart


# --- registration progress ----------------------------------------------------------------

PROGRESS = (
    (_("Đã duyệt"), GREEN, (SheetStatus.APPROVED,)),
    (_("Chờ thủ trưởng duyệt"), BLUE, (SheetStatus.SUBMITTED,)),
    (_("Đang lập, trả lại"), ORANGE, (SheetStatus.DRAFT, SheetStatus.RETURNED)),
)


def registration_progress(user, unit: Unit) -> Chart:
    """For each movement running today that USER sees and that asks units to register by a
    date (at most `MOVEMENTS`), its participant units in UNIT's subtree and USER's sight by
    the state of the sheet that answers for each; a movement with none there is left out.
    One query, then one per movement."""
    chart = Chart("dang-ky", _("Tiến độ đăng ký thi đua của các phong trào đang diễn ra"), _("Phong trào"),
                  stacked=True, horizontal=True)
    names, columns = [], [[] for _row in range(len(PROGRESS) + 1)]
    shown = 0
    for movement in running_movements(user).filter(registration_deadline__isnull=False):
        if shown == MOVEMENTS:
            break
        units = access.scope(user, Perm.ORG_VIEW, participant_units(movement)).filter(within(unit, "path"))
        progress = units_progress(movement, units)
        if not progress.total:
            continue
        shown += 1
        names.append(movement.name)
        for column, (_label, _color, states) in zip(columns, PROGRESS, strict=False):
            column.append(sum(progress.by_status.get(s, 0) for s in states))
        columns[-1].append(progress.missing)
    chart.categories = names
    chart.series = [Series(label, columns[i], color) for i, (label, color, _s) in enumerate(PROGRESS)]
    chart.series.append(Series(_("Chưa đăng ký"), columns[-1], GREY))
    approved = sum(columns[0])
    total = approved + sum(sum(c) for c in columns[1:])
    if total:
        chart.note = _("Đơn vị đã được duyệt đăng ký: %(a)s/%(t)s (%(p)s%%).") % {
            "a": number(approved), "t": number(total), "p": round(100 * approved / total)}
    return chart


# --- dossiers -----------------------------------------------------------------------------


def _dossiers(user, unit: Unit, year: int):
    """The dossiers units in UNIT's subtree opened in YEAR, as USER sees them. By the year of
    the work, not the achievement year (`Dossier.year`): the year-end dossiers of 2025 are
    the work of early 2026, and the awards chart counts by the year of the decision too."""
    return access.scope(user, Perm.DOSSIER_VIEW,
                        Dossier.objects.filter(within(unit, "unit__path"), created_at__year=year))


def dossiers_by_state(user, unit: Unit, year: int) -> Chart:
    """The dossiers of `_dossiers` by state (the workflow's order; states no dossier is in
    are left out). One query."""
    chart = Chart("ho-so", _("Hồ sơ đề nghị khen thưởng theo trạng thái"), _("Trạng thái"), horizontal=True,
                  note=_("Hồ sơ lập trong năm, theo trạng thái hiện nay."))
    if not access.covers(user, Perm.DOSSIER_VIEW, unit.path):
        chart.unavailable = _("Bạn không có quyền xem hồ sơ của đơn vị này.")
        return chart
    counts = dict(_dossiers(user, unit, year).values_list("state").annotate(n=Count("id")).order_by())
    states = [(label, counts[value]) for value, label in DossierState.choices if counts.get(value)]
    chart.categories = [label for label, _n in states]
    chart.series = [Series(_("Số hồ sơ"), [n for _label, n in states], BLUE)]
    return chart


# The step a deadline belongs to, by the state the dossier waits in while it runs
# (dossier.yaml's `limits`: receive, review, correct, council, decision, after_consultation;
# the year-end submission date; the consultation window).
STEPS = {
    DossierState.DRAFT: _("Lập, trình hồ sơ"),
    DossierState.SUBMITTED: _("Tiếp nhận, kiểm tra"),
    DossierState.RECEIVED: _("Thẩm định"),
    DossierState.UNDER_REVIEW: _("Thẩm định"),
    DossierState.RETURNED: _("Bổ sung, sửa hồ sơ"),
    DossierState.CONSULTATION: _("Lấy ý kiến công khai"),
    DossierState.TO_COUNCIL: _("Hội đồng xét"),
    DossierState.VOTED: _("Trình ký quyết định"),
    DossierState.DECISION_DRAFTED: _("Trình ký quyết định"),
}
OTHER_STEP = _("Bước khác")


@dataclass
class Step:
    label: str
    due: dt.date
    done: dt.date | None = None


def dossier_steps(events, today: dt.date) -> list[Step]:
    """The timed steps of one dossier from its timeline EVENTS (in order; each `(at, action,
    from_state, to_state, due_on)`). A step starts at a line whose transition starts a clock
    in the workflow (its `limit`), or that sets another deadline than the running one (a
    service's own: the consultation window); it ends at the next line that starts another
    or clears the deadline. A line that keeps the running deadline (accepting a received
    dossier) is inside the step. A step still running is returned with `done` None."""
    table = workflow.transitions()
    steps: list[Step] = []
    running: Step | None = None
    for at, action, from_state, to_state, due_on in events:
        row = table.get((from_state, action))
        restarts = row is not None and row.limit != workflow.KEEP
        if not restarts and due_on == (running.due if running else None):
            continue
        if running is not None:
            running.done = timezone.localtime(at).date()
        running = Step(str(STEPS.get(to_state, OTHER_STEP)), due_on) if due_on is not None else None
        if running is not None:
            steps.append(running)
    return steps


def on_time(user, unit: Unit, year: int, today: dt.date | None = None) -> Chart:
    """How the steps of the dossiers of `dossiers_by_state` kept their deadlines, by step: a
    step ended on or before its deadline is on time; one ended after it, or still running
    past it today, is late; one still running within it is not counted yet. One query."""
    today = today or timezone.localdate()
    chart = Chart("dung-han", _("Giải quyết hồ sơ đúng hạn theo thời hạn quy định"), _("Bước xử lý"),
                  stacked=True, horizontal=True)
    if not access.covers(user, Perm.DOSSIER_VIEW, unit.path):
        chart.unavailable = _("Bạn không có quyền xem hồ sơ của đơn vị này.")
        return chart
    rows = (DossierEvent.objects.filter(dossier__in=_dossiers(user, unit, year).values("pk"))
            .order_by("dossier_id", "at", "id").values_list("dossier_id", "at", "action", "from_state", "to_state",
                                                            "due_on"))
    by_dossier: dict[int, list] = {}
    for dossier_id, *event in rows:
        by_dossier.setdefault(dossier_id, []).append(event)
    order = list(dict.fromkeys(str(label) for label in (*STEPS.values(), OTHER_STEP)))
    kept, late = dict.fromkeys(order, 0), dict.fromkeys(order, 0)
    for events in by_dossier.values():
        for step in dossier_steps(events, today):
            if step.done is not None and step.done <= step.due:
                kept[step.label] += 1
            elif step.done is not None or today > step.due:
                late[step.label] += 1
    labels = [label for label in order if kept[label] or late[label]]
    chart.categories = labels
    chart.series = [Series(_("Đúng hạn"), [kept[x] for x in labels], GREEN),
                    Series(_("Quá hạn"), [late[x] for x in labels], VERMILLION)]
    total = sum(kept.values()) + sum(late.values())
    if total:
        chart.note = _("Tỷ lệ bước xử lý đúng hạn: %(k)s/%(t)s (%(p)s%%).") % {
            "k": number(sum(kept.values())), "t": number(total), "p": round(100 * sum(kept.values()) / total)}
    return chart


# --- the reward fund ----------------------------------------------------------------------


def fund_by_year(user, unit: Unit, year: int) -> Chart:
    """What the funds kept in UNIT's subtree received (receipts less their corrections),
    paid in rewards and got back by revocations, by budget year, for five years up to YEAR.
    Only for who keeps or signs for UNIT's fund (`decisions.selectors.may_see_fund`). One
    query."""
    years = list(range(year - YEARS + 1, year + 1))
    chart = Chart("quy", _("Quỹ thi đua, khen thưởng: thu vào quỹ, chi thưởng và thu hồi theo năm"), _("Năm"),
                  [str(y) for y in years], money=True,
                  note=_("Thu vào quỹ: ngân sách nhà nước cấp, đóng góp của tổ chức, cá nhân và nguồn thu hợp pháp "
                         "khác, trừ khoản điều chỉnh giảm; chi: tiền thưởng theo quyết định đã ký; thu hồi: tiền "
                         "thưởng thu về quỹ khi hủy bỏ khen thưởng. Số tiền tính bằng đồng."))
    if not may_see_fund(user, unit):
        chart.categories = []  # no years listed with empty cells
        chart.unavailable = _("Chỉ Thường trực, Ban Thi đua – Khen thưởng và thủ trưởng đơn vị xem quỹ thi đua, "
                              "khen thưởng.")
        return chart
    rows = (fund_scope(user).filter(within(unit, "unit__path"), year__gte=years[0], year__lte=year)
            .values_list("year", "kind").annotate(total=Sum("amount")).order_by())
    sums = [FundTotals() for _y in years]
    for y, kind, total in rows:
        sums[y - years[0]].add(kind, total)
    income, paid, recovered = ([s.income for s in sums], [s.paid for s in sums], [s.recovered for s in sums])
    chart.series = [Series(_("Thu vào quỹ (đồng)"), income, SKY), Series(_("Chi thưởng (đồng)"), paid, BLUE),
                    Series(_("Thu hồi về quỹ (đồng)"), recovered, GREEN)]
    total_in, total_net = sum(income), sum(paid) - sum(recovered)
    if total_in or total_net:
        chart.note = _("%(note)s Năm năm: thu %(income)s đ, chi sau thu hồi %(net)s đ, chênh lệch %(balance)s đ.") % {
            "note": chart.note, "income": number(total_in), "net": number(total_net),
            "balance": number(total_in - total_net)}
    return chart


# --- all of them --------------------------------------------------------------------------

BUILDERS = {
    "khen-thuong": lambda user, unit, year: awards_by_level(user, unit, year),
    "dang-ky": lambda user, unit, year: registration_progress(user, unit),
    "ho-so": dossiers_by_state,
    "dung-han": on_time,
    "quy": fund_by_year,
}


def charts_for(user, unit: Unit, year: int) -> list[Chart]:
    """Every chart of the reports' page and the dashboard's panel, in their order."""
    return [build(user, unit, year) for build in BUILDERS.values()]


def chart_for(user, unit: Unit, year: int, key: str) -> Chart | None:
    """The chart KEY (`BUILDERS`), None when there is no such chart."""
    build = BUILDERS.get(key)
    return build(user, unit, year) if build else None


def number(value: int) -> str:
    """VALUE with dots between thousands, as Vietnamese write it (1.234)."""
    return f"{value:,}".replace(",", ".")


def unit_for(user, pk) -> Unit | None:
    """The unit a chart is drawn for: PK when given (404 when missing or out of USER's
    sight), else the top of USER's sight; None when USER sees no unit."""
    if pk not in (None, ""):
        return access.get(user, Unit, pk)
    return access.scope(user, Perm.ORG_VIEW, Unit.objects.all()).filter(Q(active_until__isnull=True)).order_by(
        "depth", "path").first()
