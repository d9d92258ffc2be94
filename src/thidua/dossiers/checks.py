"""The live checks of a dossier's list, each over the whole set in a fixed number of queries
(a 500-item dossier is checked as fast as a 5-item one, bar the engine's own work):

- `judge(items)`: the engine's verdict per item (facts loaded once per year for all the
  people, once for all the units: `eligibility.facts.person_cases` / `unit_cases`);
- `duplicates(items, commendation_type)`: the same subject already awarded, or pending in
  any live dossier of the system, the same or a higher form for the same achievement
  period (see `duplicates` for what "same" and "higher" mean);
- `quotas(year, items)`: the limits of the rule set the list exceeds (`rules.check_quotas`);
- `checklist(items, documents)`: the required documents, present or missing;
- `statement_facts(items)`: the ratings and titles of the people, against which each
  item's summary of achievement is read (`rules.claims`).

Nothing here writes; the services snapshot what these say.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from thidua import rules
from thidua.awards.models import Award
from thidua.catalog.models import SubjectKind
from thidua.catalog.selectors import KindInfo, current_kinds, kind_display, kind_names
from thidua.core.collector import no_gc
from thidua.dossiers.models import CONTRADICTS, LIVE_ITEM_STATES, DossierItem
from thidua.dossiers.workflow import DocumentKind, workflow
from thidua.eligibility.facts import person_cases, unit_cases
from thidua.eligibility.selectors import ruleset_for
from thidua.org.models import BlocMembership, Unit
from thidua.people.models import Evaluation, Person, Rating
from thidua.rules.claims import claims_in, contradictions
from thidua.rules.codes import AWARD_CODES
from thidua.rules.quotas import SHARE_LIMITS
from thidua.rules.transition import judge_many

INELIGIBLE, DUPLICATE = "ineligible", "duplicate"


def kinds(on: dt.date | None = None) -> dict[str, KindInfo]:
    """The award kinds that can be proposed (in force today)."""
    return current_kinds(on)


def subject_key(item: DossierItem) -> tuple[str, int]:
    return (item.subject_kind, item.person_id if item.person_id else item.unit_id)


# --- verdicts ---------------------------------------------------------------------------------


@dataclass
class Judged:
    """The engine's answer for one item: `eligible` None when the rule set does not judge
    that kind for that subject (a form the engine has no rule for, a household)."""

    eligible: bool | None
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    ruleset: str = ""

    def as_json(self) -> dict:
        return {"reasons": self.reasons, "missing": self.missing, "basis": self.basis}


def judge(items: Iterable[DossierItem], received_on: dt.date | None = None) -> dict[tuple[str, int, str, int], Judged]:
    """(subject kind, subject pk, code, year) → the verdict, for every item of ITEMS.

    One load of the facts per year for all the people and one for all the units, then the
    engine on each case (explained: the reasons are kept with the item). RECEIVED_ON, the day
    the competent body received the dossier, brings in the transitional rule of a rule set
    that came into force after it (`rules.transition`)."""
    wanted: dict[int, dict[str, set]] = defaultdict(lambda: {"person": set(), "unit": set(), "codes": set()})
    for item in items:
        bucket = wanted[item.year]
        if item.subject_kind == SubjectKind.INDIVIDUAL:
            bucket["person"].add(item.person_id)
        elif item.subject_kind == SubjectKind.COLLECTIVE:
            bucket["unit"].add(item.unit_id)
        bucket["codes"].add(item.kind)
    out: dict[tuple[str, int, str, int], Judged] = {}
    for year, bucket in wanted.items():
        ruleset = ruleset_for(year)
        codes = sorted(c for c in bucket["codes"] if c in AWARD_CODES and c in ruleset.rules)
        if not codes:
            continue
        for subject_kind, ids, loader, model in (
                (SubjectKind.INDIVIDUAL, bucket["person"], person_cases, Person),
                (SubjectKind.COLLECTIVE, bucket["unit"], unit_cases, Unit)):
            if not ids:
                continue
            with no_gc():
                cases, _subjects = loader(model.objects.filter(pk__in=sorted(ids)), year)
            pks = list(cases)
            answers = judge_many([cases[pk] for pk in pks], ruleset, received_on, codes=codes, explain=True)
            for pk, answer in zip(pks, answers, strict=True):
                for verdict in answer.verdicts:
                    out[(subject_kind, pk, verdict.code, year)] = Judged(
                        verdict.eligible, list(verdict.reasons), list(verdict.missing), list(verdict.basis),
                        answer.ruleset)
    return out


def verdict_of(judged: dict, item: DossierItem) -> Judged:
    return judged.get((*subject_key(item), item.kind, item.year)) or Judged(None)


def statement_facts(items: Iterable[DossierItem]) -> dict[int, tuple[dict[int, str], set[tuple[str, int]]]]:
    """For the people of ITEMS: their ratings by year and the titles they hold (not revoked),
    in two queries."""
    people = {i.person_id for i in items if i.person_id}
    facts: dict[int, tuple[dict[int, str], set[tuple[str, int]]]] = {pk: ({}, set()) for pk in people}
    for person_id, year, rating in Evaluation.objects.filter(person_id__in=people).values_list(
            "person_id", "year", "rating"):
        facts[person_id][0][year] = rating
    for person_id, kind, year in Award.objects.filter(person_id__in=people, revoked=False).values_list(
            "person_id", "kind", "year"):
        facts[person_id][1].add((kind, year))
    return facts


def _contradiction_message(item: DossierItem, found) -> str:
    ratings, names = dict(Rating.choices), kind_names()
    parts = []
    for c in found:
        claimed = ratings.get(c.claim.code) if c.claim.kind == "rating" else names.get(c.claim.code, c.claim.code)
        if c.claim.kind == "rating":
            actual = _("được xếp loại «%s»") % ratings[c.actual] if c.actual else _("chưa có xếp loại")
        else:
            actual = _("sổ khen thưởng không có danh hiệu này")
        parts.append(_("«%(claimed)s» năm %(year)s, nhưng năm %(year)s %(actual)s") % {
            "claimed": claimed, "year": c.year, "actual": actual})
    return _("Tóm tắt thành tích của %(name)s ghi %(parts)s; hãy sửa tóm tắt thành tích cho đúng trước khi trình.") % {
        "name": item.subject_name, "parts": "; ".join(parts)}


def item_warnings(item: DossierItem, dups: list | None, facts: dict) -> list[dict]:
    """The flags of ITEM ({"code", "summary", "message"}): its stored verdict says ineligible;
    DUPS (from `duplicates`) says it repeats an award or another proposal; FACTS (from
    `statement_facts`) contradict its summary of achievement. The summary is the few words a
    list of problems shows; the message is the whole reason, with its articles."""
    out = []
    if item.person_id in facts:
        found = contradictions(claims_in(item.achievement), *facts[item.person_id])
        if found:
            out.append({"code": CONTRADICTS, "summary": _("tóm tắt thành tích không khớp hồ sơ"),
                        "message": _contradiction_message(item, found)})
    if item.verdict_eligible is False:
        verdict = item.verdict or {}
        missing = "; ".join(verdict.get("missing") or []) or "; ".join(verdict.get("reasons") or [])
        out.append({"code": INELIGIBLE, "summary": _("chưa đủ điều kiện"),
                    "message": _("Chưa đủ điều kiện (bộ quy tắc %(ruleset)s): %(missing)s")
                    % {"ruleset": item.verdict_ruleset, "missing": missing}})
    if dups:
        out.append({"code": DUPLICATE, "summary": _("trùng với khen thưởng hoặc đề nghị khác"),
                    "message": " ".join(d.message for d in dups)})
    return out


# --- duplicates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Duplicate:
    """What makes an item a duplicate: an award in the ledger or another live item."""

    item_pk: int | None
    message: str


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def duplicates(items: list[DossierItem], commendation_type: str,
               known: dict[str, KindInfo] | None = None) -> dict[int, list[Duplicate]]:
    """Per item (by its position in ITEMS), why it duplicates what exists anywhere.

    One achievement is awarded once (Law Art. 5, LAW.md R-P1): an item is a duplicate when
    the same subject (person as an individual, person as a household, or unit)
    - for an emulation title: already holds that title for that year (a title is yearly; a
      person may hold LĐTT and CSTĐCS of one year, so only the same title counts);
    - for a form of commendation: already received, or is proposed in another live item
      (this dossier or any other, anywhere), a form of the same or a higher catalog rank of
      the same commendation type (a sudden feat is its own achievement) for an overlapping
      achievement period.
    The same title or form for the same year in another live dossier is refused outright by
    the database (one live item per subject, kind and year), not flagged here.
    Revoked awards do not count. Three queries whatever the size of ITEMS.
    """
    known = known if known is not None else kinds()
    ranks = kind_display()
    people = {i.person_id for i in items if i.person_id}
    units = {i.unit_id for i in items if i.unit_id}
    if not people and not units:
        return {}
    subject_q = Q(person__in=people) if people else Q(pk__in=[])
    if units:
        subject_q |= Q(unit__in=units)
    awarded: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    for row in (Award.objects.filter(subject_q, revoked=False)
                .values_list("subject_kind", "person_id", "unit_id", "kind", "is_title", "year", "period_from",
                             "period_to", "commendation_type", "decision_number")):
        skind, pid, uid = row[0], row[1], row[2]
        awarded[(skind, pid or uid)].append(row[3:])
    pending: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    item_subject_q = Q(person__in=people) if people else Q(pk__in=[])
    if units:
        item_subject_q |= Q(unit__in=units)
    for row in (DossierItem.objects.filter(item_subject_q, state__in=LIVE_ITEM_STATES)
                .values_list("pk", "subject_kind", "person_id", "unit_id", "kind", "period_from", "period_to",
                             "dossier__commendation_type", "dossier_id", "dossier__title")):
        pending[(row[1], row[2] or row[3])].append((row[0], *row[4:]))
    out: dict[int, list[Duplicate]] = {}
    for index, item in enumerate(items):
        info = known.get(item.kind)
        if info is None:
            continue
        name, rank = info.name, info.rank
        span = (item.period_from, item.period_to)
        found: list[Duplicate] = []
        for code, is_title, year, p_from, p_to, ctype, number in awarded.get(subject_key(item), ()):
            other_name, other_rank = ranks.get(code, (code, 0))
            if info.is_title:
                if code == item.kind and year == item.year:
                    found.append(Duplicate(None, _("Đã có danh hiệu «%(name)s» năm %(year)s (quyết định %(number)s).")
                                           % {"name": name, "year": year, "number": number}))
            elif (not is_title and ctype == commendation_type and other_rank >= rank
                  and _overlaps(span, (p_from or year, p_to or year))):
                found.append(Duplicate(None, _("Đã được tặng «%(name)s» cho thành tích %(span)s (quyết định "
                                               "%(number)s).") % {"name": other_name,
                                                                  "span": _span(p_from or year, p_to or year),
                                                                  "number": number}))
        if not info.is_title:
            for pk, code, p_from, p_to, ctype, dossier_id, title in pending.get(subject_key(item), ()):
                if pk == item.pk or code not in known or known[code].is_title:
                    continue
                other_name, other_rank = known[code].name, known[code].rank
                if ctype == commendation_type and other_rank >= rank and _overlaps(span, (p_from, p_to)):
                    where = (_("trong chính hồ sơ này") if dossier_id == item.dossier_id
                             else _("trong hồ sơ «%s»") % title)
                    found.append(Duplicate(pk, _("Đang được đề nghị «%(name)s» cho thành tích %(span)s %(where)s.")
                                           % {"name": other_name, "span": _span(p_from, p_to), "where": where}))
        if found:
            out[index] = found
    return out


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


# --- quotas -----------------------------------------------------------------------------------


def quotas(year: int, items: list[DossierItem]) -> list[rules.QuotaExcess]:
    """The limits of the rule set for YEAR that the live ITEMS exceed.

    A share limit (CSTĐCS of LĐTT…) compares with the base titles the list proposes plus
    those already recorded in the ledger for the year in the same units (LĐTT is usually
    decided before CSTĐCS is proposed). Flags per bloc use the bloc each unit belongs to
    that year."""
    ruleset = ruleset_for(year)
    live = [i for i in items if i.state in LIVE_ITEM_STATES]
    if not live:
        return []
    unit_names = dict(Unit.objects.filter(pk__in={i.held_unit_id for i in live}).values_list("pk", "name"))
    women = set(Person.objects.filter(pk__in={i.person_id for i in live if i.person_id}, gender="nu")
                .values_list("pk", flat=True))
    collective = {i.unit_id for i in live if i.unit_id}
    blocs = dict(BlocMembership.objects.filter(unit__in=collective, year=year).values_list("unit_id", "bloc__name")
                 ) if collective else {}
    proposals = [rules.Proposal(subject=f"{i.subject_kind[0]}{i.person_id or i.unit_id}", code=i.kind,
                                unit=unit_names.get(i.held_unit_id), bloc=blocs.get(i.unit_id),
                                woman=i.person_id in women)
                 for i in live]
    capped = [code for code, (_bases, setting) in SHARE_LIMITS.items() if ruleset.settings.get(setting) is not None]
    if capped:
        held = {i.held_unit_id for i in live if i.kind in capped}
        proposed = {(p.subject, p.code) for p in proposals}
        bases = [c for code in capped for c in SHARE_LIMITS[code][0]]
        for pid, uid, held_unit, code in Award.objects.filter(
                year=year, is_title=True, revoked=False, kind__in=bases, held_unit__in=held).values_list(
                "person_id", "unit_id", "held_unit_id", "kind"):
            subject = f"i{pid}" if pid else f"c{uid}"
            if (subject, code) not in proposed:
                proposals.append(rules.Proposal(subject=subject, code=code, unit=unit_names.get(held_unit)))
    return rules.check_quotas(ruleset, proposals)


def quota_json(excesses: list[rules.QuotaExcess]) -> list[dict]:
    return [{"limit": e.limit, "scope": e.scope, "allowed": e.allowed, "proposed": e.proposed, "excess": e.excess,
             "message": e.message, "basis": e.basis} for e in excesses]


# --- documents --------------------------------------------------------------------------------


@dataclass
class ChecklistRow:
    """One document kind of a dossier: `documents` are the dossier's own (for a per-item kind,
    its items' — carried ones included); `attachments` the dossier-level papers of that kind
    carried from the lower dossiers it relays, shown but never counted."""

    kind: DocumentKind
    required: bool
    documents: list = field(default_factory=list)
    missing_items: list[DossierItem] = field(default_factory=list)
    attachments: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        if not self.required:
            return True
        return not self.missing_items if self.kind.per_item else bool(self.documents)


def checklist(items: list[DossierItem], documents: list) -> list[ChecklistRow]:
    """One row per document kind of the workflow file, in its order: whether the items'
    kinds require it, the uploaded documents, and for a per-item kind the items still
    without one (an achievement report written in the system counts as present).

    A dossier-level paper carried from a relayed lower dossier (`carried_from`) is listed as
    an attachment: the lower unit's tờ trình is not the relaying authority's (Law Art. 84(1))."""
    live = [i for i in items if i.state in LIVE_ITEM_STATES]
    by_kind: dict[str, list] = defaultdict(list)
    attached: dict[str, list] = defaultdict(list)
    item_docs: set[tuple[int, str]] = set()
    for doc in documents:
        if doc.item_id is None and doc.carried_from_id is not None:
            attached[doc.kind].append(doc)
            continue
        by_kind[doc.kind].append(doc)
        if doc.item_id:
            item_docs.add((doc.item_id, doc.kind))
    rows = []
    for code, kind in workflow().documents.items():
        concerned = [i for i in live if kind.required_for(i.kind)]
        row = ChecklistRow(kind, required=bool(concerned), documents=by_kind.get(code, []),
                           attachments=attached.get(code, []))
        if kind.per_item and row.required:
            row.missing_items = [i for i in concerned if (i.pk, code) not in item_docs
                                 and not (code == "bao_cao_thanh_tich" and i.report_text.strip())]
        rows.append(row)
    return rows


def missing_documents(rows: list[ChecklistRow]) -> list[str]:
    """What the checklist still lacks, as sentences for the user."""
    out = []
    for row in rows:
        if row.complete:
            continue
        if row.kind.per_item:
            names = ", ".join(i.subject_name for i in row.missing_items[:5])
            more = len(row.missing_items) - 5
            out.append(_("%(kind)s của %(names)s%(more)s") % {
                "kind": row.kind.name, "names": names, "more": _(" và %d trường hợp khác") % more if more > 0 else ""})
        else:
            out.append(str(row.kind.name))
    return out
