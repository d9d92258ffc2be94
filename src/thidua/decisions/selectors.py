"""Reads of decisions and the fund ledger, always through the scope.

Who sees a decision: whoever reads awards (`award.view`) over the unit that keeps it —
drafts included; and, once signed, whoever reads awards over one of the people or units
it names (a decision is a public act; its nominees' officers follow it). Writes need
`decision.change` (drafts, the fund) or `decision.sign` (signing, revoking) over it. One
decision is fetched with `access.get(user, Decision, pk)`, asked with
`access.policy(Decision).may` (both registered in `apps`).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404

from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.decisions.models import Decision, DecisionState, EntryKind, FundEntry, Recipient
from thidua.org.models import Unit


def decisions_for(user) -> QuerySet[Decision]:
    """Every decision USER may read (see the module docstring)."""
    own = access.path_condition(user, Perm.AWARD_VIEW, "unit__path")
    if own is None:
        return Decision.objects.all()
    named = Recipient.objects.filter(decision=OuterRef("pk")).filter(
        access.path_condition(user, Perm.AWARD_VIEW, "person__current_unit__path")
        | access.path_condition(user, Perm.AWARD_VIEW, "unit__path"))
    return Decision.objects.filter(own | (Q(state=DecisionState.SIGNED) & Exists(named)))


def decision_lines(decision: Decision) -> list[Recipient]:
    """DECISION's lines with their subjects and awards (one query)."""
    return list(decision.recipients.select_related(
        "person__current_unit", "unit", "award", "revoked_award", "justified_by",
    ).order_by("id"))


def decision_list(user, *, unit: Unit | None = None, year: int | None = None, state: str = "", kind: str = "",
                  query: str = "") -> QuerySet[Decision]:
    qs = decisions_for(user).select_related("unit").annotate(lines=Count("recipients"))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if year:
        qs = qs.filter(Q(year=year) | Q(year__isnull=True, created_at__year=year))
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    for word in (query or "").split():
        if word.isdigit():
            qs = qs.filter(Q(number=int(word)) | Q(summary__icontains=word))
        else:
            qs = qs.filter(Q(summary__icontains=word) | Q(symbol__icontains=word) | Q(authority_name__icontains=word))
    return qs.order_by("-year", "-number", "-created_at", "-id")


# --- the fund ledger -----------------------------------------------------------------------


def fund_scope(user) -> QuerySet[FundEntry]:
    """Entries of the funds USER keeps (`decision.change`) or signs for (`decision.sign`)."""
    keep = access.path_condition(user, Perm.DECISION_CHANGE, "unit__path")
    sign = access.path_condition(user, Perm.DECISION_SIGN, "unit__path")
    if keep is None or sign is None:
        return FundEntry.objects.all()
    return FundEntry.objects.filter(keep | sign)


def may_see_fund(user, unit: Unit) -> bool:
    return access.covers(user, Perm.DECISION_CHANGE, unit.path) or access.covers(user, Perm.DECISION_SIGN, unit.path)


def has_fund_access(user) -> bool:
    return access.has_any(user, Perm.DECISION_CHANGE) or access.has_any(user, Perm.DECISION_SIGN)


class FundSums:
    """What a fund paid and recovered over some entries; the net is what stays paid."""

    paid: int
    recovered: int

    @property
    def net(self) -> int:
        return self.paid - self.recovered

    def add(self, kind: str, total: int) -> None:
        if kind == EntryKind.PAYMENT:
            self.paid += total
        else:
            self.recovered += total


@dataclass
class FundYear(FundSums):
    unit: Unit
    year: int
    paid: int = 0
    recovered: int = 0
    decisions: int = 0


def fund_totals(user) -> list[FundYear]:
    """Per fund (unit) and budget year: paid, recovered, net and how many decisions paid
    or recovered; newest year first. Two queries."""
    rows = (fund_scope(user).values("unit_id", "year", "kind")
            .annotate(total=Sum("amount"), decisions=Count("decision", distinct=True)))
    by_key: dict[tuple[int, int], FundYear] = {}
    units = {u.pk: u for u in Unit.objects.filter(pk__in={r["unit_id"] for r in rows})}
    for row in rows:
        entry = by_key.setdefault((row["unit_id"], row["year"]), FundYear(units[row["unit_id"]], row["year"]))
        entry.add(row["kind"], row["total"])
        entry.decisions += row["decisions"]
    return sorted(by_key.values(), key=lambda f: (-f.year, f.unit.path))


@dataclass
class FundDecision(FundSums):
    decision: Decision
    paid: int = 0
    recovered: int = 0
    entries: int = 0


@dataclass
class FundYearDetail:
    unit: Unit
    year: int
    rows: list[FundDecision] = field(default_factory=list)

    @property
    def paid(self) -> int:
        return sum(r.paid for r in self.rows)

    @property
    def recovered(self) -> int:
        return sum(r.recovered for r in self.rows)

    @property
    def net(self) -> int:
        return self.paid - self.recovered


def fund_year(user, unit: Unit, year: int) -> FundYearDetail:
    """UNIT's fund in YEAR, per decision. 404 when USER cannot see UNIT, 403 when they see it
    but keep no fund over it. Two queries."""
    if not access.covers(user, Perm.AWARD_VIEW, unit.path) and not may_see_fund(user, unit):
        raise Http404
    if not may_see_fund(user, unit):
        raise PermissionDenied(access.REFUSED)
    sums: dict[int, FundDecision] = {}
    rows = (FundEntry.objects.filter(unit=unit, year=year).values("decision_id", "kind")
            .annotate(total=Sum("amount"), n=Count("id")))
    decisions = {d.pk: d for d in Decision.objects.filter(pk__in={r["decision_id"] for r in rows})}
    for row in rows:
        entry = sums.setdefault(row["decision_id"], FundDecision(decisions[row["decision_id"]]))
        entry.add(row["kind"], row["total"])
        entry.entries += row["n"]
    detail = FundYearDetail(unit, year)
    detail.rows = sorted(sums.values(), key=lambda r: (r.decision.issued_on, r.decision.number or 0))
    return detail


@dataclass
class DecisionTotals(FundSums):
    paid: int = 0
    recovered: int = 0


def decision_totals(decision: Decision) -> DecisionTotals:
    """What DECISION paid and recovered (its own fund entries). One query."""
    sums = DecisionTotals()
    for row in FundEntry.objects.filter(decision=decision).values("kind").annotate(total=Sum("amount")):
        sums.add(row["kind"], row["total"])
    return sums
