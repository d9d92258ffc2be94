"""The year-end report (báo cáo tổng kết công tác thi đua, khen thưởng năm) of a reporting
unit: the figures of its subtree for a year — movements launched, registrations, titles
and awards by level and kind, the share of people working directly among the individuals
rewarded, exemplars, the reward fund — as the page shows them and as the Word draft
(`printing` kind `bao_cao`, keys in `printing.contexts`) receives them; the prose is left
to the officer.

Read-only, every read through the user's scope. What is counted follows the statistical
forms (`figures`, docs/statistics.md): awards decided in the reporting period (01/12 of
the year before to 30/11 of the year), not revoked, by the unit the subject belonged to
then; movements launched in that period (the counts of biểu 0601.N, reused as they are).
Registrations and exemplars are of the year they name; congresses held in the period; the
fund's entries of the budget year.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import Award
from thidua.catalog.models import Category
from thidua.catalog.selectors import current_kinds, kind_names
from thidua.core import access
from thidua.decisions.models import EntryKind
from thidua.decisions.selectors import FundSums, fund_scope, may_see_fund
from thidua.decisions.services.common import default_symbol
from thidua.decisions.services.signatories import COMMITTEES
from thidua.exemplars.models import ExemplarState, Honour
from thidua.exemplars.selectors import exemplars_for
from thidua.movements.models import Movement, ReviewKind
from thidua.org import labels
from thidua.org.models import Unit
from thidua.org.selectors import within
from thidua.people.models import PositionGroup
from thidua.printing import layouts as print_layouts
from thidua.registrations.models import Registration
from thidua.registrations.selectors import SHEET_VIEW, counted
from thidua.reports import figures
from thidua.reports.layouts import M0601

# The levels the report groups awards by: the catalog's authority levels of each kind
# (`AwardKind.data.authority.levels`); a kind of several levels goes to the highest.
LEVELS = (
    ("nha_nuoc", gettext_lazy("Khen thưởng cấp Nhà nước"), frozenset({"chu_tich_nuoc", "thu_tuong"})),
    ("tinh", gettext_lazy("Khen thưởng cấp bộ, cấp tỉnh"), frozenset({"tinh", "trung_uong"})),
    ("co_so", gettext_lazy("Khen thưởng của cơ quan, đơn vị, cấp xã"), frozenset({"co_quan", "xa"})),
)
LEVEL_KEYS = tuple(key for key, _label, _levels in LEVELS)
SUBJECTS = ("collective", "household", "individual")
# The rows of biểu 0601.N the report shows movements by (method), and its columns (level).
MOVEMENT_ROWS = ("12", "11")
MOVEMENT_COLUMNS = {"total": 0, "province": 2, "unit": 3}


def level_of(levels) -> str:
    """The report's level (`LEVELS`) of a kind decided at LEVELS (catalog codes)."""
    for key, _label, codes in LEVELS:
        if set(levels) & codes:
            return key
    return "co_so"


def kind_name(code: str) -> str:
    """The kind's name, from any of its versions (a kind no longer in force still has one)."""
    return kind_names().get(code, code)


def share_text(part: int, whole: int) -> str:
    """37.5 % as Vietnamese writes it: "37,5 %"; "50 %" without a zero decimal; "—" of nothing."""
    if not whole:
        return "—"
    text = f"{100 * part / whole:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text} %"


# --- awards ------------------------------------------------------------------------------


@dataclass
class AwardLine:
    """One title or form of a level: how many collectives, households and individuals
    received it, and how many of the individuals work directly."""

    code: str
    name: str
    is_title: bool
    rank: int
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SUBJECTS, 0))
    direct: int = 0
    unclassified: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(subject, self.counts[subject]) for subject in SUBJECTS]

    @property
    def category(self) -> str:
        return str(Category.DANH_HIEU.label if self.is_title else Category.HINH_THUC.label)


@dataclass
class Level:
    key: str
    label: str
    lines: list[AwardLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def individuals(self) -> int:
        return sum(line.counts["individual"] for line in self.lines)

    @property
    def direct(self) -> int:
        return sum(line.direct for line in self.lines)

    @property
    def share(self) -> str:
        return share_text(self.direct, self.individuals)


def award_levels(user, unit: Unit, year: int, kinds: dict | None = None) -> list[Level]:
    """The awards `figures.awards_counted` counts, by level then title or form (titles
    first, then by the catalog's rank), each by subject. One grouped query (and the catalog
    in force, KINDS, when not given)."""
    kinds = current_kinds() if kinds is None else kinds
    groups = (figures.awards_counted(user, unit, year).order_by().values("kind", "is_title", "subject_kind", "grp")
              .annotate(n=Count("pk")))
    lines: dict[str, AwardLine] = {}
    levels = {key: Level(key, str(label)) for key, label, _codes in LEVELS}
    for g in groups:
        info = kinds.get(g["kind"])
        line = lines.get(g["kind"])
        if line is None:
            line = lines[g["kind"]] = AwardLine(
                g["kind"], info.name if info else g["kind"], info.is_title if info else g["is_title"],
                info.rank if info else 0)
            levels[level_of(info.authority_levels if info else ())].lines.append(line)
        line.counts[g["subject_kind"]] = line.counts.get(g["subject_kind"], 0) + g["n"]
        if g["subject_kind"] == "individual":
            if g["grp"] == PositionGroup.TRUC_TIEP:
                line.direct += g["n"]
            elif not g["grp"]:
                line.unclassified += g["n"]
    for level in levels.values():
        level.lines.sort(key=lambda ln: (not ln.is_title, -ln.rank, ln.name))
    return [level for level in levels.values() if level.lines]


def awards_listed(user, unit: Unit, year: int, *, kind: str = "", subject: str = "", level: str = "",
                  direct: bool = False) -> QuerySet[Award]:
    """The awards behind one figure of `award_levels`: of KIND, to SUBJECT, of LEVEL (a key
    of `LEVELS`), to people working directly (DIRECT)."""
    qs = figures.awards_counted(user, unit, year)
    if kind:
        qs = qs.filter(kind=kind)
    if subject:
        qs = qs.filter(subject_kind=subject)
    if level:
        kinds = current_kinds()
        codes = [code for code, info in kinds.items() if level_of(info.authority_levels) == level]
        # A kind the catalog no longer holds is counted with the lowest level, as above.
        unknown = ~Q(kind__in=list(kinds)) if level == "co_so" else Q(pk__in=[])
        qs = qs.filter(Q(kind__in=codes) | unknown)
    if direct:
        qs = qs.filter(subject_kind="individual", grp=PositionGroup.TRUC_TIEP)
    return qs


# --- movements ---------------------------------------------------------------------------


@dataclass
class MovementLine:
    movement: Movement
    launched: dt.date | None
    reviews: str


def _review_text(review) -> str:
    """"Sơ kết ngày 01/07/2025: 12 đơn vị tham gia, 40 lượt đăng ký, …" from the figures
    the review kept on its day."""
    data = review.figures or {}
    parts = []
    for key, words in (("participants", _("%(n)s đơn vị tham gia")), ("registered", _("%(n)s lượt đăng ký")),
                       ("titles", _("%(n)s danh hiệu đạt được")), ("awards", _("%(n)s lượt khen thưởng"))):
        value = data.get(key)
        n = sum(value.values()) if isinstance(value, dict) else value
        if n:
            parts.append(words % {"n": n})
    head = _("%(kind)s ngày %(day)s") % {"kind": ReviewKind(review.kind).label, "day": f"{review.held_on:%d/%m/%Y}"}
    return f"{head}: {', '.join(parts)}" if parts else head


def movement_lines(user, unit: Unit, year: int) -> list[MovementLine]:
    """The movements biểu 0601.N counts for UNIT and YEAR, with their reviews. Two queries."""
    rows = (figures.movements_counted(user, unit, year).select_related("organiser")
            .prefetch_related("reviews").order_by("launched", "name"))
    return [MovementLine(m, m.launched, "; ".join(_review_text(r) for r in sorted(
        m.reviews.all(), key=lambda r: r.held_on))) for m in rows]


# --- registrations -----------------------------------------------------------------------


@dataclass
class RegistrationLine:
    code: str
    title: str
    collective: bool
    registered: int
    approved: int

    @property
    def subject(self) -> str:
        return _("Tập thể") if self.collective else _("Cá nhân")


def registration_lines(user, unit: Unit, year: int, kinds: dict | None = None) -> list[RegistrationLine]:
    """Registrations of YEAR in UNIT's subtree USER may read, by title and subject: all of
    them, and those that count (on an approved sheet, or none: `registrations.counted`)."""
    qs = access.scope(user, SHEET_VIEW, Registration.objects.filter(within(unit, "unit__path"), year=year))
    groups = (qs.order_by().values("code").annotate(
        people=Count("pk", filter=Q(person__isnull=False)), units=Count("pk", filter=Q(person__isnull=True)),
        people_ok=Count("pk", filter=Q(person__isnull=False) & counted()),
        units_ok=Count("pk", filter=Q(person__isnull=True) & counted())))
    kinds = current_kinds() if kinds is None else kinds
    out = []
    for g in groups:
        info = kinds.get(g["code"])
        name = info.name if info else g["code"]
        if g["people"]:
            out.append(RegistrationLine(g["code"], name, False, g["people"], g["people_ok"]))
        if g["units"]:
            out.append(RegistrationLine(g["code"], name, True, g["units"], g["units_ok"]))
    out.sort(key=lambda r: (r.collective, -(kinds[r.code].rank if r.code in kinds else 0), r.title))
    return out


# --- exemplars ---------------------------------------------------------------------------


@dataclass
class ExemplarFigures:
    total: int = 0
    approved: int = 0
    published: int = 0
    honoured: int = 0
    rows: list = field(default_factory=list)  # (exemplar, congress names)
    congresses: list = field(default_factory=list)  # (congress, honoured of the subtree)


def exemplar_figures(user, unit: Unit, year: int) -> ExemplarFigures:
    """The exemplars of YEAR in UNIT's subtree USER sees (nominated, approved, published),
    and those of the subtree honoured at a congress held in the reporting period."""
    first, last = figures.period(year)
    mine = exemplars_for(user).filter(within(unit, "unit__path"))
    honours = list(Honour.objects.filter(exemplar__in=mine.values("pk"), congress__held_on__gte=first,
                                         congress__held_on__lte=last)
                   .select_related("congress").order_by("congress__held_on", "order"))
    at: dict[int, list[str]] = defaultdict(list)
    congresses: dict[int, list] = {}
    for h in honours:
        at[h.exemplar_id].append(h.congress.name)
        congresses.setdefault(h.congress_id, [h.congress, 0])[1] += 1
    out = ExemplarFigures(honoured=len(at), congresses=[tuple(c) for c in congresses.values()])
    for e in mine.filter(year=year).select_related("unit").order_by("name", "pk"):
        out.total += 1
        out.approved += e.state == ExemplarState.APPROVED
        out.published += e.published_at is not None
        out.rows.append((e, at.get(e.pk, [])))
    return out


def exemplar_unit(exemplar) -> str:
    """The unit an exemplar is named with: none for a collective that is the unit itself."""
    return "" if exemplar.unit.name == exemplar.name else exemplar.unit.name


def exemplar_state(exemplar) -> str:
    state = str(ExemplarState(exemplar.state).label)
    return _("%s, đã công bố") % state if exemplar.published_at else state


# --- the fund ----------------------------------------------------------------------------


@dataclass
class FundLine(FundSums):
    unit: Unit
    paid: int
    recovered: int
    decisions: int
    income: int = 0


@dataclass
class FundFigures(FundSums):
    """The year's fund lines and their totals; its `difference` is the year's alone (the
    ledger's earlier years aside)."""

    shown: bool
    lines: list[FundLine] = field(default_factory=list)

    @property
    def income(self) -> int:
        return sum(x.income for x in self.lines)

    @property
    def paid(self) -> int:
        return sum(x.paid for x in self.lines)

    @property
    def recovered(self) -> int:
        return sum(x.recovered for x in self.lines)

    @property
    def decisions(self) -> int:
        return sum(x.decisions for x in self.lines)


def fund_figures(user, unit: Unit, year: int) -> FundFigures:
    """What the funds of UNIT's subtree USER keeps or signs for received (receipts less their
    corrections), paid and recovered in the budget year YEAR, per fund. Not shown to a user
    who keeps no fund there. One query (two with the units)."""
    rows = list(fund_scope(user).filter(within(unit, "unit__path"), year=year).order_by().values("unit_id")
                .annotate(paid=Sum("amount", filter=Q(kind=EntryKind.PAYMENT), default=0),
                          recovered=Sum("amount", filter=Q(kind=EntryKind.RECOVERY), default=0),
                          received=Sum("amount", filter=Q(kind=EntryKind.INCOME), default=0),
                          reversed=Sum("amount", filter=Q(kind=EntryKind.INCOME_REVERSAL), default=0),
                          decisions=Count("decision", distinct=True)))
    if not rows and not may_see_fund(user, unit):
        return FundFigures(shown=False)
    units = Unit.objects.in_bulk([r["unit_id"] for r in rows])
    lines = [FundLine(units[r["unit_id"]], r["paid"], r["recovered"], r["decisions"], r["received"] - r["reversed"])
             for r in rows]
    return FundFigures(shown=True, lines=sorted(lines, key=lambda x: x.unit.path))


# --- the report --------------------------------------------------------------------------


@dataclass
class Report:
    unit: Unit
    year: int
    movements: figures.Figures
    movement_lines: list[MovementLine]
    registrations: list[RegistrationLine]
    levels: list[Level]
    state: figures.Figures
    province: figures.Figures
    exemplars: ExemplarFigures
    fund: FundFigures

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return figures.period(self.year)

    def movement_rows(self) -> list[tuple]:
        """(row of 0601, [(column key, column index, count)]) for the method rows shown."""
        return [(M0601.row(code), [(key, col, self.movements.value(code, col))
                                   for key, col in MOVEMENT_COLUMNS.items()]) for code in MOVEMENT_ROWS]

    @property
    def movements_total(self) -> int:
        return self.movements.value("01", 0)

    @property
    def state_total(self) -> int:
        return self.state.value("01", 0)

    @property
    def province_total(self) -> int:
        return self.province.value("01", 0)

    def subject_total(self, subject: str) -> int:
        return sum(line.counts[subject] for level in self.levels for line in level.lines)

    @property
    def awards_total(self) -> int:
        return sum(level.total for level in self.levels)

    @property
    def individuals(self) -> int:
        return self.subject_total("individual")

    @property
    def direct(self) -> int:
        return sum(level.direct for level in self.levels)

    @property
    def unclassified(self) -> int:
        return sum(line.unclassified for level in self.levels for line in level.lines)

    @property
    def share(self) -> str:
        return share_text(self.direct, self.individuals)


def report(user, unit: Unit, year: int) -> Report:
    """The figures of UNIT's year-end report for YEAR as USER may read them."""
    kinds = current_kinds()
    return Report(
        unit=unit, year=year,
        movements=figures.movement_figures(user, unit, year),
        movement_lines=movement_lines(user, unit, year),
        registrations=registration_lines(user, unit, year, kinds),
        levels=award_levels(user, unit, year, kinds),
        state=figures.award_figures(user, unit, year, figures.layout("0602", kinds)),
        province=figures.award_figures(user, unit, year, figures.layout("0603", kinds)),
        exemplars=exemplar_figures(user, unit, year),
        fund=fund_figures(user, unit, year),
    )


def _issuer(unit: Unit) -> dict:
    """The heading and the signature of a report UNIT sends upward: its own name under its
    parent's, its place, the symbol "BC-…", its head's title over a blank for the name."""
    parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
    return {
        "issuer_parent": labels.full_name(parent) if parent is not None else "",
        "issuer": labels.full_name(unit), "number": "",
        "symbol": "BC-" + default_symbol(unit).removeprefix("QĐ-"),
        "place": print_layouts.place_of(unit), "date": None,
        # A People's Committee reports as a body: its chairman signs on its behalf.
        "signer_authority": "TM. Ủy ban nhân dân" if unit.kind in COMMITTEES else "",
        "signer_title": labels.head_title(unit.name, unit.kind), "signer_name": "",
        "recipients_to": [labels.full_name(parent) if parent is not None
                          else "Ban Thi đua – Khen thưởng Trung ương (Bộ Nội vụ)"],
        "archive": "VT, TĐKT",
    }


def context(r: Report) -> dict:
    """R as the context of the Word kind `bao_cao` (`printing.contexts`)."""
    first, last = r.period
    ex = r.exemplars
    return _issuer(r.unit) | {
        "summary": f"Tổng kết công tác thi đua, khen thưởng năm {r.year} và phương hướng, nhiệm vụ năm {r.year + 1}",
        "reporting_unit": r.unit.name, "year": r.year, "next_year": r.year + 1,
        "period_text": f"từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}",
        "movements_total": r.movements_total,
        "movement_rows": [{"label": str(row.label), **{key: n for key, _col, n in counts}}
                          for row, counts in r.movement_rows()],
        "movements": [{"name": m.movement.name, "kind": str(m.movement.get_kind_display()),
                       "organiser": m.movement.organiser.name,
                       "launched": f"{m.launched:%d/%m/%Y}" if m.launched else "", "reviews": m.reviews}
                      for m in r.movement_lines],
        "registrations": [{"title": x.title, "subject": x.subject, "registered": x.registered,
                           "approved": x.approved} for x in r.registrations],
        "registrations_total": sum(x.registered for x in r.registrations),
        "registrations_approved": sum(x.approved for x in r.registrations),
        "award_levels": [{"label": level.label, "total": level.total, "rows": [
            {"name": ln.name, "category": ln.category, "collectives": ln.counts["collective"],
             "households": ln.counts["household"], "individuals": ln.counts["individual"], "total": ln.total}
            for ln in level.lines]} for level in r.levels],
        "awards_total": r.awards_total, "awards_collectives": r.subject_total("collective"),
        "awards_households": r.subject_total("household"), "awards_individuals": r.individuals,
        "state_total": r.state_total, "province_total": r.province_total,
        "direct": {"individuals": r.individuals, "direct": r.direct, "share": r.share,
                   "unclassified": r.unclassified},
        "direct_levels": [{"label": level.label, "individuals": level.individuals, "direct": level.direct,
                           "share": level.share} for level in r.levels if level.individuals],
        "exemplars": {"total": ex.total, "approved": ex.approved, "published": ex.published,
                      "honoured": ex.honoured},
        "exemplar_rows": [{"name": e.name, "unit": exemplar_unit(e), "field": str(e.get_field_display()),
                           "state": exemplar_state(e), "congresses": ", ".join(names)} for e, names in ex.rows],
        "congresses": [{"name": c.name, "kind": str(c.get_kind_display()), "held_on": f"{c.held_on:%d/%m/%Y}",
                        "honoured": n} for c, n in ex.congresses],
        "fund": {"shown": r.fund.shown, "income": r.fund.income, "paid": r.fund.paid, "recovered": r.fund.recovered,
                 "net": r.fund.net, "difference": r.fund.difference, "decisions": r.fund.decisions},
        "fund_rows": [{"unit": x.unit.name, "income": x.income, "paid": x.paid, "recovered": x.recovered,
                       "net": x.net, "difference": x.difference, "decisions": x.decisions} for x in r.fund.lines],
    }


def filename(r: Report) -> str:
    return f"bao-cao-tong-ket-{r.unit.code}-{r.year}.docx"
