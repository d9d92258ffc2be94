"""Relaying voted central-level dossiers upward as one new dossier (Law Art. 84(1))."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction

from thidua.core import storage
from thidua.core.errors import ApplicationError
from thidua.core.text import clean_name
from thidua.dossiers import audit_actions as A
from thidua.dossiers.machines import DOSSIERS, ITEMS
from thidua.dossiers.models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierItem,
    DossierState,
    ItemSource,
    ItemState,
)
from thidua.dossiers.services import common
from thidua.dossiers.services.common import AUDIT_LIST_MAX
from thidua.dossiers.services.documents import _check_file
from thidua.dossiers.services.messages import (
    DOCUMENT_KIND_UNKNOWN,
    DOCUMENT_NEEDS_ITEM,
    EXTERNAL_AUTHORITIES,
    FORWARD_MIXED,
    FORWARD_NOTHING_SELECTED,
    FORWARD_PAPER_MISSING,
    NOT_CENTRAL,
    NOTHING_APPROVED,
    TITLE_REQUIRED,
)
from thidua.dossiers.services.transitions import _apply, _transition
from thidua.dossiers.workflow import DocumentKind, workflow

S, IS = DossierState, ItemState


@dataclass
class ForwardPlan:
    """What relaying `sources` upward makes: the upper dossier (unsaved), the approved items
    it copies, and the dossier-level document kinds the relaying authority must supply for
    them itself (its own tờ trình, its council's minutes…: Law Art. 84(1)), in the
    workflow file's order."""

    sources: list[Dossier]
    upper: Dossier
    items: list[DossierItem]
    papers: list[DocumentKind]


def _forward_plan(actor, sources: list[Dossier], *, title: str, external_authority: str, number: str,
                  summary: str, comment: str) -> ForwardPlan:
    if not sources:
        raise ApplicationError(FORWARD_NOTHING_SELECTED)
    first = sources[0]
    if any((s.authority_unit_id, s.authority_level, s.commendation_type)
           != (first.authority_unit_id, first.authority_level, first.commendation_type) for s in sources):
        raise ApplicationError(FORWARD_MIXED)
    for s in sources:
        _transition(actor, s, "forward", comment)
    if not first.is_central:
        raise ApplicationError(NOT_CENTRAL)
    title = clean_name(title)
    if not title:
        raise ApplicationError(TITLE_REQUIRED, {"field": "title"})
    approved = [i for s in sources
                for i in s.items.filter(state=IS.APPROVED).select_related("held_unit", "person")]
    if not approved:
        raise ApplicationError(NOTHING_APPROVED)
    upper = Dossier(unit=first.authority_unit, number=clean_name(number), title=title,
                    summary=(summary or "").strip(), authority_level=first.authority_level, authority_unit=None,
                    external_authority=clean_name(external_authority)
                    or common.vi(EXTERNAL_AUTHORITIES.get(first.authority_level, "")),
                    commendation_type=first.commendation_type, year=max(s.year for s in sources), state=S.SENT)
    papers = [k for k in workflow().documents.values()
              if not k.per_item and any(k.required_for(i.final_kind) for i in approved)]
    return ForwardPlan(sources, upper, approved, papers)


def forward_plan(*, actor, dossiers: Iterable[Dossier], title: str, external_authority: str = "",
                 number: str = "", summary: str = "") -> ForwardPlan:
    """What `dossier_forward` would make of DOSSIERS, checked the same way and writing
    nothing: the forward page prints the draft tờ trình of the relaying authority from it
    before the officer has it signed."""
    return _forward_plan(actor, list(dossiers), title=title, external_authority=external_authority, number=number,
                         summary=summary, comment="")


def _forward_papers(plan: ForwardPlan, papers: Mapping) -> list[tuple[DocumentKind, object]]:
    """The uploads PAPERS (document kind code → file) checked against what PLAN needs: every
    required kind present, each file passing the upload checks; a refusal names the field."""
    known = workflow().documents
    papers = {code: upload for code, upload in papers.items() if upload is not None}
    for code in papers:
        kind = known.get(code)
        if kind is None:
            raise ApplicationError(DOCUMENT_KIND_UNKNOWN % code, {"field": code})
        if kind.per_item:
            raise ApplicationError(DOCUMENT_NEEDS_ITEM % kind.name, {"field": code})
    out = []
    # The required kinds and any other dossier-level paper given (a separate ballot count…).
    for kind in (k for k in known.values() if k in plan.papers or k.code in papers):
        upload = papers.get(kind.code)
        if upload is None:
            raise ApplicationError(FORWARD_PAPER_MISSING % {"kind": kind.name, "unit": plan.upper.unit.name},
                                   {"field": kind.code})
        _check_file(upload, field=kind.code, label=kind.name)  # the refusal names the paper's field
        out.append((kind, upload))
    return out


@transaction.atomic
def dossier_forward(*, actor, dossiers: Iterable[Dossier], title: str, papers: Mapping,
                    external_authority: str = "", number: str = "", summary: str = "",
                    reason: str = "") -> Dossier:
    """Relay voted central-level DOSSIERS (same receiving unit, level and type) upward: one
    new dossier of the receiving unit, `sent` to EXTERNAL_AUTHORITY, holding copies of their
    approved items (verdicts, justifications, reports and documents carried over: files are
    shared, not copied). The sources become `forwarded` and link to it.

    PAPERS (document kind code → uploaded file) are the relaying authority's own signed
    dossier-level documents — every kind the items require (`ForwardPlan.papers`: its tờ
    trình, the minutes of its council's meeting…); they become the upper dossier's documents.
    The lower dossiers' dossier-level papers travel as attachments (`carried_from`) and do
    not stand for them. A missing or refused upload raises ApplicationError naming the
    field (`extra["field"]` = the kind) before anything is written; a failure after the
    files are stored removes them with the rollback."""
    plan = _forward_plan(actor, [common.lock(d) for d in dossiers], title=title, external_authority=external_authority,
                         number=number, summary=summary, comment=reason)
    uploads = _forward_papers(plan, papers)
    upper, approved, who = plan.upper, plan.items, actor if getattr(actor, "pk", None) else None
    relay = upper.unit
    upper.submitted_at, upper.step_started_on, upper.created_by = common.now(), common.today(), who
    upper.search_key = common.search_key(upper)
    upper.save()
    ITEMS.shift_all(DossierItem.objects.filter(pk__in=[i.pk for i in approved]), "forward")
    copies = {}
    for item in approved:
        copy = DossierItem(
            dossier=upper, subject_kind=item.subject_kind, person_id=item.person_id, unit_id=item.unit_id,
            held_unit_id=item.held_unit_id, subject_name=item.subject_name, search_key=item.search_key,
            kind=item.final_kind, year=item.year, period_from=item.period_from, period_to=item.period_to,
            achievement=item.achievement, report_text=item.report_text, source=ItemSource.FORWARDED,
            source_item=item, verdict_eligible=item.verdict_eligible, verdict=item.verdict,
            verdict_ruleset=item.verdict_ruleset, verdict_at=item.verdict_at, warnings=item.warnings,
            justification=item.justification, justified_flags=item.justified_flags,
            justified_by_id=item.justified_by_id, justified_at=item.justified_at, state=IS.PENDING,
            vote=item.vote, created_by=who)
        copies[item.pk] = copy
    DossierItem.objects.bulk_create(copies.values(), batch_size=500)
    documents = [DossierDocument(dossier=upper, item=copies.get(doc.item_id), kind=doc.kind, file=doc.file.name,
                                 name=doc.name, size=doc.size, note=doc.note, carried_from=s,
                                 uploaded_by_id=doc.uploaded_by_id)
                 for s in plan.sources for doc in s.documents.all() if doc.item_id is None or doc.item_id in copies]
    own: list[DossierDocument] = []
    with storage.kept_only_with_rows(doc.file for doc in own):  # read on failure: the files stored so far
        for kind, upload in uploads:
            name = clean_name(upload.name.rsplit("/", 1)[-1])[:255]
            doc = DossierDocument(dossier=upper, kind=kind.code, name=name, size=upload.size, uploaded_by=who)
            doc.file.save(name, upload, save=False)
            own.append(doc)
        DossierDocument.objects.bulk_create(documents + own)
        names = {k.code: k.name for k, _upload in uploads}
        listed = [f"{names[doc.kind]}: {doc.name}" for doc in own]
        for s in plan.sources:
            s.forwarded_to = upper
            _apply(actor, s, DOSSIERS.row(s.state, "forward"), comment=reason,
                   detail={"to": upper.title})
        DossierEvent.objects.create(dossier=upper, actor=who, action="forward", to_state=S.SENT,
                                    comment=(reason or "").strip(),
                                    detail={"from": [s.title for s in plan.sources], "to": upper.external_authority,
                                            "papers": listed})
        common.record(actor=actor, action=A.DOSSIER_FORWARD, target=upper, unit_path=relay.path,
                      after={"state": common.state_label(S.SENT), "external_authority": upper.external_authority,
                             "papers": listed, "items": [i.subject_name for i in approved][:AUDIT_LIST_MAX]},
                      reason=(reason or "").strip())
    return upper
