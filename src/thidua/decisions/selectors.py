"""Reads of decisions and the fund ledger, always through the scope.

Who sees a decision: whoever reads awards (`award.view`) over the unit that keeps it —
drafts included; and, once signed, whoever reads awards over one of the people or units
it names (a decision is a public act; its nominees' officers follow it). Writes need
`decision.change` (drafts, the fund) or `decision.sign` (signing, revoking) over it. One
decision is fetched with `access.get(user, Decision, pk)`, asked with
`access.policy(Decision).may` (both registered in `apps`).
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404

from thidua.catalog import display
from thidua.catalog.models import SubjectKind
from thidua.catalog.selectors import kind_names
from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.core.text import search_tokens
from thidua.decisions.models import (
    DECISION_KINDS,
    INCOME_KINDS,
    Decision,
    DecisionKind,
    DecisionState,
    EntryKind,
    FundEntry,
    Recipient,
)
from thidua.org import labels
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
    """What a fund received, paid and recovered over some entries. `income` is the receipts
    less their corrections; `net` is what stays paid (payments less recoveries);
    `difference` is receipts less what stays paid; `balance` is what is left in the fund
    after them: the `opening` balance (what the earlier years of the ledger left; 0 where
    it is not computed) plus the difference."""

    paid: int
    recovered: int
    income: int
    opening: int = 0

    @property
    def net(self) -> int:
        return self.paid - self.recovered

    @property
    def difference(self) -> int:
        return self.income - self.net

    @property
    def balance(self) -> int:
        return self.opening + self.difference

    def add(self, kind: str, total: int) -> None:
        if kind == EntryKind.PAYMENT:
            self.paid += total
        elif kind == EntryKind.RECOVERY:
            self.recovered += total
        elif kind == EntryKind.INCOME:
            self.income += total
        elif kind == EntryKind.INCOME_REVERSAL:
            self.income -= total


@dataclass
class FundYear(FundSums):
    unit: Unit
    year: int
    paid: int = 0
    recovered: int = 0
    decisions: int = 0
    income: int = 0
    opening: int = 0


def fund_totals(user) -> list[FundYear]:
    """Per fund (unit) and budget year: received, paid, recovered, net, how many decisions
    paid or recovered, and the balance at the year's end (every earlier year of the ledger
    carried over); newest year first. Two queries."""
    rows = (fund_scope(user).values("unit_id", "year", "kind")
            .annotate(total=Sum("amount"), decisions=Count("decision", distinct=True)))
    by_key: dict[tuple[int, int], FundYear] = {}
    units = {u.pk: u for u in Unit.objects.filter(pk__in={r["unit_id"] for r in rows})}
    for row in rows:
        entry = by_key.setdefault((row["unit_id"], row["year"]), FundYear(units[row["unit_id"]], row["year"]))
        entry.add(row["kind"], row["total"])
        entry.decisions += row["decisions"]
    carried: dict[int, int] = {}
    for entry in sorted(by_key.values(), key=lambda f: f.year):
        entry.opening = carried.get(entry.unit.pk, 0)
        carried[entry.unit.pk] = entry.balance
    return sorted(by_key.values(), key=lambda f: (-f.year, f.unit.path))


@dataclass
class FundDecision(FundSums):
    decision: Decision
    paid: int = 0
    recovered: int = 0
    entries: int = 0
    income: int = 0


@dataclass
class FundReceipt:
    """One receipt of a fund's year, or the correction of one (`entry.kind`), with whether
    a receipt was corrected since."""

    entry: FundEntry
    reversed: bool = False


@dataclass
class FundYearDetail(FundSums):
    unit: Unit
    year: int
    rows: list[FundDecision] = field(default_factory=list)
    receipts: list[FundReceipt] = field(default_factory=list)
    opening: int = 0  # what the earlier years of the ledger left in the fund

    @property
    def paid(self) -> int:
        return sum(r.paid for r in self.rows)

    @property
    def recovered(self) -> int:
        return sum(r.recovered for r in self.rows)

    @property
    def income(self) -> int:
        return sum(r.entry.signed_amount for r in self.receipts)


def fund_access(user, unit: Unit) -> None:
    """404 when USER cannot see UNIT, 403 when they see it but keep no fund over it."""
    if not access.covers(user, Perm.AWARD_VIEW, unit.path) and not may_see_fund(user, unit):
        access.log.warning("404 out-of-scope fund of unit %s for user=%s", unit.pk, getattr(user, "pk", None))
        raise Http404
    if not may_see_fund(user, unit):
        raise PermissionDenied(access.REFUSED)


def fund_year(user, unit: Unit, year: int) -> FundYearDetail:
    """UNIT's fund in YEAR: its receipts (and their corrections) in the order received, and
    what it paid and recovered per decision. 404 when USER cannot see UNIT, 403 when they
    see it but keep no fund over it. Four queries."""
    fund_access(user, unit)
    sums: dict[int, FundDecision] = {}
    rows = (FundEntry.objects.filter(unit=unit, year=year, kind__in=DECISION_KINDS).values("decision_id", "kind")
            .annotate(total=Sum("amount"), n=Count("id")))
    decisions = {d.pk: d for d in Decision.objects.filter(pk__in={r["decision_id"] for r in rows})}
    for row in rows:
        entry = sums.setdefault(row["decision_id"], FundDecision(decisions[row["decision_id"]]))
        entry.add(row["kind"], row["total"])
        entry.entries += row["n"]
    detail = FundYearDetail(unit, year)
    detail.rows = sorted(sums.values(), key=lambda r: (r.decision.issued_on, r.decision.number or 0))
    entries = list(FundEntry.objects.filter(unit=unit, year=year, kind__in=INCOME_KINDS)
                   .select_related("created_by").order_by("received_on", "id"))
    corrected = {e.reverses_id for e in entries if e.reverses_id}
    detail.receipts = [FundReceipt(e, reversed=e.pk in corrected) for e in entries]
    before = FundTotals()
    for row in FundEntry.objects.filter(unit=unit, year__lt=year).values("kind").annotate(total=Sum("amount")):
        before.add(row["kind"], row["total"])
    detail.opening = before.difference
    return detail


def fund_receipt(user, unit: Unit, pk: int) -> FundEntry:
    """One receipt (kind `income`) of UNIT's fund, for its correction page: 404 when USER
    cannot see UNIT or it has no such receipt, 403 when they see it but keep no fund."""
    fund_access(user, unit)
    entry = FundEntry.objects.filter(unit=unit, pk=pk, kind=EntryKind.INCOME).select_related("unit").first()
    if entry is None:
        raise Http404
    return entry


@dataclass
class FundTotals(FundSums):
    """Plain totals of some entries: of a decision, of a fund's earlier years, of a chart's year."""

    paid: int = 0
    recovered: int = 0
    income: int = 0


def decision_totals(decision: Decision) -> FundTotals:
    """What DECISION paid and recovered (its own fund entries). One query."""
    sums = FundTotals()
    for row in FundEntry.objects.filter(decision=decision).values("kind").annotate(total=Sum("amount")):
        sums.add(row["kind"], row["total"])
    return sums


# --- what the public portal shows ---------------------------------------------------------
#
# A decision reaches the public only once its secretariat published it (`published_at`,
# `services.publishing`), and only as these plain records: the decision as it is printed
# (number, date, issuer, summary, signer) and, per line, the name, the unit and the title.
# Nothing else of a person — birth date, CCCD, gender, position, money — leaves here, and
# no model instance does, so a template cannot reach further than these fields.


@dataclass(frozen=True)
class PublicDecision:
    pk: int
    number_text: str
    issued_on: object  # datetime.date
    authority_name: str
    summary: str
    commendation_type: str  # its Vietnamese label
    signer_title: str
    signer_name: str
    published_at: object  # datetime.datetime
    lines: int = 0


@dataclass(frozen=True)
class PublicLine:
    name: str
    unit: str
    title: str
    years: str
    household: bool
    revoked: bool
    decision_pk: int
    decision_number: str
    decision_date: object  # datetime.date
    authority_name: str


_PUBLIC_DECISION_FIELDS = ("pk", "kind", "state", "authority_name", "number", "symbol", "issued_on", "summary",
                           "commendation_type", "signer_title", "signer_name", "published_at")


def published() -> QuerySet[Decision]:
    """The decisions on the public portal: signed award decisions their secretariat published,
    newest issued first. Only the public fields are read."""
    return (Decision.objects.filter(published_at__isnull=False, state=DecisionState.SIGNED, kind=DecisionKind.AWARD)
            .only(*_PUBLIC_DECISION_FIELDS).order_by("-issued_on", "-number", "-pk"))


def public_decisions(decisions, *, count_lines: bool = True) -> list[PublicDecision]:
    """DECISIONS (rows of `published()`) as the public reads them; with COUNT_LINES the size
    of each list (one query)."""
    decisions = list(decisions)
    counts = dict(Recipient.objects.filter(decision__in=decisions).values("decision").annotate(n=Count("id"))
                  .values_list("decision", "n")) if count_lines and decisions else {}
    return [PublicDecision(
        pk=d.pk, number_text=d.number_text, issued_on=d.issued_on, authority_name=d.authority_name,
        summary=d.summary, commendation_type=d.get_commendation_type_display(), signer_title=d.signer_title,
        signer_name=d.signer_name, published_at=d.published_at, lines=counts.get(d.pk, 0)) for d in decisions]


def published_get(pk) -> PublicDecision:
    """One published decision; 404 for any other (missing, draft, unpublished alike)."""
    try:
        decision = published().get(pk=pk)
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    return public_decisions([decision])[0]


def public_lines(recipients) -> list[PublicLine]:
    """RECIPIENTS (lines of published decisions, from `published_lines` or
    `published_awards`) as the public reads them: a person's unit is the one they were
    awarded in, a collective's the unit it belongs to. Two queries besides RECIPIENTS."""
    recipients = list(recipients)
    held = [r.award.held_unit for r in recipients if r.person_id and r.award_id]
    texts = labels.unit_texts(held) if held else {}
    parents = labels.parents_of([r.unit for r in recipients if r.unit_id])
    names = kind_names()
    out = []
    for r in recipients:
        d = r.decision
        name = display.namer(None, issuer=d.authority_name, names=names)
        if r.person_id:
            unit = texts.get(r.award.held_unit_id, "") if r.award_id else ""
        else:
            parent = labels.parent_in(r.unit, parents)
            unit = parent.name if parent is not None else ""
        first, last = r.period_from, r.period_to or r.year
        out.append(PublicLine(
            name=r.person.full_name if r.person_id else r.unit.name, unit=unit, title=name(r.kind),
            years=f"{first}–{last}" if first and first != last else str(last),
            household=r.subject_kind == SubjectKind.HOUSEHOLD, revoked=bool(r.award_id and r.award.revoked),
            decision_pk=d.pk, decision_number=d.number_text, decision_date=d.issued_on,
            authority_name=d.authority_name))
    return out


def _public_recipients() -> QuerySet[Recipient]:
    return (Recipient.objects.filter(decision__in=published().values("pk"))
            .select_related("decision", "person", "unit", "award__held_unit")
            .only("pk", "subject_kind", "kind", "year", "period_from", "period_to", "person__full_name",
                  "unit__name", "unit__path", "unit__depth", "award__revoked", "award__held_unit",
                  *(f"decision__{f}" for f in _PUBLIC_DECISION_FIELDS if f != "pk"),
                  "award__held_unit__name", "award__held_unit__path", "award__held_unit__depth"))


def published_lines(decision: PublicDecision) -> list[PublicLine]:
    """The list of a published DECISION, in its order."""
    return public_lines(_public_recipients().filter(decision_id=decision.pk).order_by("id"))


_NUMBER = re.compile(r"(?:s[oố]\s*)?0*(\d{1,6})\s*(?:/\s*(\S+))?", re.IGNORECASE)


def published_awards(query: str) -> QuerySet[Recipient]:
    """Lines of published decisions that QUERY names: a decision's number ("15", "15/QĐ-UBND")
    or every word of a person's or collective's name, folded ("nguyen van an" finds "Nguyễn
    Văn An"). Nothing for an empty QUERY. Newest decision first."""
    query = (query or "").strip()
    qs = _public_recipients()
    number = _NUMBER.fullmatch(query)
    if number:
        qs = qs.filter(decision__number=int(number.group(1)))
        if number.group(2):
            symbol = number.group(2)
            # "QD-UBND" typed without its Đ finds "QĐ-UBND".
            qs = qs.filter(Q(decision__symbol__iexact=symbol)
                           | Q(decision__symbol__iexact=re.sub(r"^Q[Dd]", "QĐ", symbol)))
    else:
        tokens = search_tokens(query)
        if not tokens:
            return qs.none()
        for token in tokens:
            qs = qs.filter(Q(person__search_key__contains=token) | Q(unit__search_key__contains=token))
    return qs.order_by("-decision__issued_on", "-decision__number", "decision_id", "id")
