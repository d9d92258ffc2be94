"""Reads of dossiers, always through the scope (a dossier is seen by whoever's DOSSIER_VIEW
covers its proposing unit: the unit, its superiors, the receiving secretariat above it).

The stable API for the other apps:

- councils: `council_agenda(authority_unit=None)` — dossiers waiting for the council
  (state ``to_council``), unscoped, to be narrowed with `access.scope`;
  `council_items(dossier)` — the items to vote on (accepted), with `held_unit` and the
  dossier's `unit` for conflict-of-interest checks; then `services.dossier_record_votes`.
- decisions: `voted_dossiers(authority_unit=None)` (``voted``, ``decision_drafted``,
  ``sent``) and `items_to_decide(dossier)` — each item with `subject_kind`, `person` /
  `unit`, `held_unit`, `final_kind`, `year`, `period_from`/`period_to`, `achievement`,
  and the dossier's `commendation_type` and `movement` (what an Award row needs); then
  `services.dossier_mark_decision_drafted`, `dossier_mark_decided`, `dossier_refuse`.
- people / org pages: `subject_items(person=…)` / `subject_items(unit=…)` — a nominee's
  proposals with their live status (`item_status`).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua import rules
from thidua.accounts.models import RoleGrant
from thidua.catalog.selectors import kind_names
from thidua.core import access
from thidua.core.hooks import Hook
from thidua.core.roles import ROLE_PERMS, Perm
from thidua.core.selectors import matching
from thidua.core.workdays import working_days_between
from thidua.dossiers import checks, desks
from thidua.dossiers.models import (
    CENTRAL_LEVELS,
    LIVE_ITEM_STATES,
    LIVE_STATES,
    TERMINAL_STATES,
    ConsultationOpinion,
    Dossier,
    DossierEvent,
    DossierItem,
    DossierState,
    ItemSource,
    ItemState,
    OpinionStatus,
    unjustified,
)
from thidua.dossiers.workflow import DocumentKind, workflow
from thidua.org import labels

S, IS = DossierState, ItemState


def dossiers_for(user) -> QuerySet[Dossier]:
    return access.scope(user, Perm.DOSSIER_VIEW, Dossier.objects.all())


TABS = {"cua-don-vi": _("Của đơn vị"), "tiep-nhan": _("Tiếp nhận, thẩm định"), "qua-han": _("Quá hạn"),
        "tat-ca": _("Tất cả")}


def dossier_list(user, *, tab: str = "tat-ca", q: str = "", state: str = "", year: int | None = None,
                 today: dt.date | None = None) -> QuerySet[Dossier]:
    """The dossiers USER sees, by TAB: the own units' (those the user builds or submits),
    those to receive and review (those of the user's own desk, `desks.inbox_q`: a desk above
    reads the others under "all"; no drafts), the late ones (live and past the step's deadline), or all."""
    today = today or timezone.localdate()
    qs = dossiers_for(user)
    if tab == "cua-don-vi":
        qs = access.scope(user, Perm.DOSSIER_CHANGE, qs) | access.scope(user, Perm.DOSSIER_SUBMIT, qs)
    elif tab == "tiep-nhan":
        qs = qs.filter(desks.inbox_q(user)).exclude(
            state__in=[S.DRAFT, S.CANCELLED])
    elif tab == "qua-han":
        qs = qs.filter(state__in=LIVE_STATES, due_on__lt=today)
    qs = matching(qs, q)
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(year=year)
    return (qs.select_related("unit", "authority_unit", "assigned_to")
            # Every item the unit proposed, decided ones included: only its own withdrawals drop out.
            .annotate(n_items=Count("items", filter=~Q(items__state=ItemState.WITHDRAWN)))
            .order_by("due_on", "-created_at"))


def lateness(dossier: Dossier, today: dt.date | None = None) -> int:
    """Working days past the step's deadline (0 when not late)."""
    today = today or timezone.localdate()
    if dossier.state in TERMINAL_STATES or dossier.due_on is None or dossier.due_on >= today:
        return 0
    return max(working_days_between(dossier.due_on, today), 1)


# --- the detail page --------------------------------------------------------------------------


@dataclass
class ItemRow:
    item: DossierItem
    warnings: list[dict]
    over_quota: bool = False

    @property
    def unjustified(self) -> list[str]:
        return unjustified([w["code"] for w in self.warnings], self.item.justified_flags)


@dataclass
class DossierChecks:
    """What the detail page shows about the list, computed now: the items with their
    flags (stored verdict, live duplicates), the quota excesses, the checklist."""

    rows: list[ItemRow]
    excesses: list[rules.QuotaExcess]
    checklist: list[checks.ChecklistRow]
    missing: list[str]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def flagged(self) -> list[ItemRow]:
        return [r for r in self.rows if r.unjustified]


def dossier_checks(dossier: Dossier) -> DossierChecks:
    """The live checks of DOSSIER (a fixed number of queries whatever its size)."""
    items = list(dossier.items.select_related("person", "unit", "held_unit", "justified_by", "returned_by")
                 .order_by("search_key", "pk"))
    documents = list(dossier.documents.select_related("uploaded_by", "carried_from__unit"))
    live = [i for i in items if i.state in LIVE_ITEM_STATES]
    dups = checks.duplicates(items, dossier.commendation_type) if dossier.is_live else {}
    facts = checks.statement_facts(items) if dossier.is_live else {}
    rows = [ItemRow(item, checks.item_warnings(item, dups.get(index), facts) if dossier.is_live else item.warnings)
            for index, item in enumerate(items)]
    excesses = checks.quotas(dossier.year, live) if dossier.is_live else []
    over = {s for e in excesses for s in e.over}
    for row in rows:
        row.over_quota = f"{row.item.subject_kind[0]}{row.item.person_id or row.item.unit_id}" in over
    rows_checklist = checks.checklist(items, documents)
    counts = {"total": len(items), "live": len(live),
              "eligible": sum(1 for i in live if i.verdict_eligible is True),
              "ineligible": sum(1 for i in live if i.verdict_eligible is False),
              "unjudged": sum(1 for i in live if i.verdict_eligible is None)}
    for state in ItemState.values:
        counts[state] = sum(1 for i in items if i.state == state)
    return DossierChecks(rows, excesses, rows_checklist, checks.missing_documents(rows_checklist), counts)


def timeline(dossier: Dossier) -> list[DossierEvent]:
    labels = dict(DossierState.choices)
    events = list(dossier.events.select_related("actor"))
    for event in events:
        event.state_label = labels.get(event.to_state, "")
    return events


def reviewers(dossier: Dossier) -> QuerySet:
    """Users of the desk DOSSIER belongs to, and the administrators (whom it may be assigned to)."""
    desk = desks.desk_for(dossier.authority_path, desks.desk_paths())
    roles = [role for role, perms in ROLE_PERMS.items() if Perm.DOSSIER_REVIEW in perms]
    grants = RoleGrant.objects.filter(role__in=roles).select_related("unit")
    ids = {g.user_id for g in grants if g.role == "admin" or (g.unit.path == desk if desk
                                                               else dossier.authority_path.startswith(g.unit.path))}
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name")


def proposed_elsewhere(rows, code: str, year: int) -> dict[str, str]:
    """For eligibility ROWS: "p:<pk>" / "u:<pk>" → the dossier already proposing that subject
    for CODE in YEAR (a live item anywhere; a second one would be refused)."""
    pids = [r.subject.pk for r in rows if r.is_person]
    uids = [r.subject.pk for r in rows if not r.is_person]
    if not pids and not uids:
        return {}
    live = DossierItem.objects.filter(Q(person__in=pids, subject_kind="individual") | Q(unit__in=uids), kind=code,
                                      year=year, state__in=LIVE_ITEM_STATES)
    return {(f"p:{pid}" if pid else f"u:{uid}"): title
            for pid, uid, title in live.values_list("person_id", "unit_id", "dossier__title")}


def forwardable(user) -> list[Dossier]:
    """Voted central-level dossiers the user sees (the province relays them upward)."""
    return list(dossiers_for(user).filter(state=S.VOTED, authority_level__in=CENTRAL_LEVELS)
                .select_related("unit", "authority_unit").order_by("authority_level", "pk"))


# The document kind of the relaying authority's council minutes (the workflow file's code):
# the forward page offers the meeting's generated biên bản beside it.
MINUTES_KIND = "bien_ban_binh_xet"


@dataclass
class ForwardPaper:
    """A dossier-level document the relaying authority may have to supply when it forwards:
    `always` required, or required only for `for_names` (the central-level kinds needing it)."""

    kind: DocumentKind
    always: bool
    for_names: list[str]


def forward_papers() -> list[ForwardPaper]:
    """The dossier-level document kinds of the workflow that a forward of central-level items
    can require (`services.dossier_forward` says which the chosen items do)."""
    kinds = checks.kinds()
    central = {code for code, info in kinds.items() if set(info.authority_levels) & CENTRAL_LEVELS}
    out = []
    for kind in workflow().documents.values():
        if kind.per_item:
            continue
        if kind.required == "always":
            out.append(ForwardPaper(kind, True, []))
        elif kind.required == "for" and kind.codes & central:
            out.append(ForwardPaper(kind, False, [kinds[c].name for c in kinds if c in kind.codes & central]))
    return out


# The closed council meetings that approved items of the dossiers, oldest first, whose
# minutes (`councils:minutes`) the user may download: the relaying authority's biên bản to
# sign. The councils app, a floor above, reads them and fills this at start-up
# (`councils.apps`). voting_meetings(user, dossiers) → [Meeting].
voting_meetings = Hook("voting meetings", lambda user, dossiers: [])


def kinds_for_level(level: str, subject_kind: str | None = None,
                    sectors: set[str | None] | None = None) -> list[tuple[str, str]]:
    """(code, name) of the kinds in force decided at LEVEL (for SUBJECT_KIND), highest
    first; with SECTORS, only those a subject of one of them may receive (`org.sectors`)."""
    return [(code, info.name) for code, info in checks.kinds().items()
            if level in info.authority_levels and (subject_kind is None or info.accepts(subject_kind))
            and (sectors is None or any(info.suits(s) for s in sectors))]


# --- for the councils and decisions apps -----------------------------------------------------


def council_agenda(authority_unit=None) -> QuerySet[Dossier]:
    """Dossiers waiting for the council (unscoped: narrow with `access.scope(user, perm, qs)`)."""
    qs = Dossier.objects.filter(state=S.TO_COUNCIL).select_related("unit", "authority_unit")
    if authority_unit is not None:
        qs = qs.filter(authority_unit=authority_unit)
    return qs.order_by("due_on", "pk")


def council_items(dossier: Dossier) -> QuerySet[DossierItem]:
    """The items the council votes on: the accepted ones."""
    return (dossier.items.filter(state=IS.ACCEPTED).select_related("person", "unit", "held_unit", "dossier__unit")
            .order_by("search_key", "pk"))


def voted_dossiers(authority_unit=None) -> QuerySet[Dossier]:
    """Dossiers waiting for a decision (voted, decision drafted, or sent out of the tree)."""
    qs = Dossier.objects.filter(state__in=[S.VOTED, S.DECISION_DRAFTED, S.SENT]).select_related(
        "unit", "authority_unit", "movement")
    if authority_unit is not None:
        qs = qs.filter(Q(authority_unit=authority_unit) | Q(authority_unit__isnull=True, unit=authority_unit))
    return qs.order_by("due_on", "pk")


def rejected_by_council(*, person=None, unit=None, kind: str, year: int) -> DossierItem | None:
    """The proposal of PERSON (or UNIT) for KIND in YEAR that a council voted down, if any:
    a decision may not award what its council refused."""
    subject = {"person": person} if person is not None else {"unit": unit}
    return (DossierItem.objects.filter(**subject, kind=kind, year=year, state=ItemState.REJECTED)
            .select_related("dossier").order_by("-pk").first())


def items_to_decide(dossier: Dossier) -> QuerySet[DossierItem]:
    """The items a decision on DOSSIER covers: approved by the council (pending, for a
    dossier sent out of the tree). Read `final_kind` for the form to award."""
    state = IS.PENDING if dossier.state == S.SENT else IS.APPROVED
    return (dossier.items.filter(state=state).select_related("person", "unit", "held_unit", "dossier__movement")
            .order_by("search_key", "pk"))


# --- live status for the unit and the nominee -------------------------------------------------


def item_status(item: DossierItem) -> str:
    """Where ITEM stands, in words: its own state, the dossier's step while it is in play,
    and for a forwarded item the answer of the upper level."""
    if item.state == IS.FORWARDED:
        copy = getattr(item, "copy", None)
        if copy is None:
            copy = item.forwarded_copies.select_related("dossier").first()
        if copy is not None:
            return _("Đã trình cấp trên: %s") % (
                copy.get_state_display() if copy.state != IS.PENDING else copy.dossier.get_state_display())
    if item.dossier.state == S.DRAFT:
        return item.dossier.get_state_display()
    if item.state == IS.DECIDED and item.award_id and item.award.revoked:
        return _("Đã được khen thưởng, sau đó bị hủy bỏ (Quyết định số %s)") % item.award.revocation_number
    if item.state in (IS.PENDING, IS.ACCEPTED, IS.APPROVED) and item.dossier.state not in (S.UNDER_REVIEW,):
        return f"{item.get_state_display()} · {item.dossier.get_state_display()}"
    return item.get_state_display()


def subject_items(*, person=None, unit=None) -> list[DossierItem]:
    """The proposals of one subject (the caller fetched it through the scope), newest first,
    each with `status` (see `item_status`) and `kind_name`."""
    qs = DossierItem.objects.filter(person=person) if person is not None else DossierItem.objects.filter(unit=unit)
    items = list(qs.exclude(source=ItemSource.FORWARDED).select_related("dossier__unit", "award")
                 .prefetch_related(Prefetch("forwarded_copies", DossierItem.objects.select_related("dossier"),
                                            to_attr="copies"))
                 .order_by("-year", "-created_at"))
    names = kind_names()
    for item in items:
        item.copy = item.copies[0] if item.copies else None
        item.status = item_status(item)
        item.kind_name = names.get(item.final_kind, item.final_kind)
    return items


# --- public consultation ------------------------------------------------------------------------


def public_consultations(today: dt.date | None = None) -> QuerySet[Dossier]:
    """Dossiers open for public comment today (no login needed to read them)."""
    today = today or timezone.localdate()
    return (Dossier.objects.filter(state=S.CONSULTATION, consultation_starts_on__lte=today,
                                   consultation_ends_on__gte=today)
            .filter(Exists(DossierItem.objects.filter(dossier=OuterRef("pk"), published_at__isnull=False)))
            .select_related("unit", "authority_unit").order_by("consultation_ends_on", "pk"))


def public_consultation_get(pk: int, today: dt.date | None = None) -> Dossier:
    dossier = public_consultations(today).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    return dossier


@dataclass(frozen=True)
class PublicItem:
    """Exactly what the public page shows of a nominee: nothing else leaves the system."""

    pk: int
    name: str
    unit: str
    kind: str
    achievement: str


def public_items(dossier: Dossier) -> list[PublicItem]:
    """The published items. The unit reads with its parent ("Khoa Nội, Bệnh viện Đa khoa
    tỉnh"): a department's name alone does not tell the public who is meant."""
    names = kind_names()
    items = list(dossier.items.filter(published_at__isnull=False).select_related("held_unit")
                 .order_by("search_key", "pk"))
    units = labels.unit_texts({i.held_unit for i in items})
    return [PublicItem(i.pk, i.subject_name, units[i.held_unit_id], names.get(i.kind, i.kind), i.achievement)
            for i in items]


def published_opinions(dossier: Dossier) -> list[ConsultationOpinion]:
    return list(dossier.opinions.filter(state=OpinionStatus.PUBLISHED).select_related("item"))


def opinions_for_moderation(dossier: Dossier) -> list[ConsultationOpinion]:
    return list(dossier.opinions.select_related("item", "moderated_by", "handled_by").order_by("created_at", "pk"))


def consultation_days() -> int:
    return workflow().consultation_days
