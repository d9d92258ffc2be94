"""Drafting a decision: its header, its recipients (by hand or from a dossier), cancelling a draft."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import FIRST_YEAR, CommendationType
from thidua.awards.services import (
    KIND_UNKNOWN,
    SUBJECT_NOT_ACCEPTED,
    SUBJECT_WORDS,
    YEAR_OUT_OF_RANGE,
)
from thidua.catalog import display
from thidua.catalog.models import SubjectKind
from thidua.catalog.sectors import require_suits
from thidua.catalog.selectors import current_kinds
from thidua.core import access, audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name
from thidua.decisions import audit_actions as A
from thidua.decisions import links, machines
from thidua.decisions.models import (
    Decision,
    DecisionKind,
    LineSource,
    Recipient,
)
from thidua.decisions.services import provenance
from thidua.decisions.services.common import (
    AUTHORITY_LEVELS,
    AUTHORITY_REQUIRED,
    DECISION_FIELDS,
    DOSSIER_ELSEWHERE,
    DOSSIER_EMPTY,
    KIND_NOT_FOR_AUTHORITY,
    NEEDS_ONE_SUBJECT,
    NOT_AN_AUTHORITY,
    PERIOD_INVALID,
    RECIPIENT_TWICE,
    SUBJECT_OUT_OF_SCOPE,
    SUBJECT_OUTSIDE_AUTHORITY,
    SYMBOL_INVALID,
    RecipientSpec,
    _clean_header,
    _clean_symbol,
    _lock,
    _require_draft,
    default_symbol,
    may_decide,
)
from thidua.dossiers import desks
from thidua.dossiers import selectors as dossier_selectors
from thidua.org.models import Unit
from thidua.people.models import Person


@transaction.atomic
def decision_draft(
    *, actor, summary: str, authority: Unit | None = None, unit: Unit | None = None, authority_name: str = "",
    symbol: str = "", commendation_type: str = CommendationType.CONG_TRANG,
    recipients: Sequence[RecipientSpec] = (), today: dt.date | None = None,
) -> Decision:
    """A draft award decision of AUTHORITY (a unit of the tree), or — AUTHORITY None — of an
    authority outside the system named AUTHORITY_NAME, recorded and paid by UNIT.

    SYMBOL defaults to `default_symbol(authority)`. RECIPIENTS are added as by
    `decision_add_recipients`. Raises PermissionDenied without `decision.change` over the
    unit; ApplicationError for a missing summary or authority, an internal department as
    authority, a malformed symbol or type, or any recipient refused.
    """
    if authority is not None:
        unit = authority
        authority_name = clean_name(authority_name) or authority.name
        if authority.level not in AUTHORITY_LEVELS:
            raise ApplicationError(NOT_AN_AUTHORITY % authority.name, {"field": "authority"})
    else:
        authority_name = clean_name(authority_name)
        if unit is None or not authority_name:
            raise ApplicationError(AUTHORITY_REQUIRED, {"field": "authority_name"})
    access.require(actor, Perm.DECISION_CHANGE, unit)
    if authority is not None and not desks.acts_at(actor, Perm.DECISION_CHANGE, authority.path):
        # The authority's own desk prepares its decisions (`dossiers.desks`).
        access.refuse(actor, "decision.draft", authority)
    summary = _clean_header(summary, commendation_type)
    symbol = _clean_symbol(symbol) if (symbol or "").strip() else (
        default_symbol(authority) if authority is not None else "")
    if not symbol:
        raise ApplicationError(SYMBOL_INVALID, {"field": "symbol"})
    decision = Decision.objects.create(
        kind=DecisionKind.AWARD, authority=authority, authority_name=authority_name, unit=unit, symbol=symbol,
        summary=summary, commendation_type=commendation_type,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(actor=actor, action=A.DECISION_DRAFT, target=decision, unit_path=unit.path,
                 after=audit.snapshot(decision, DECISION_FIELDS))
    if recipients:
        decision_add_recipients(actor=actor, decision=decision, recipients=recipients, today=today)
    return decision


@transaction.atomic
def decision_update(
    *, actor, decision: Decision, summary: str, symbol: str, commendation_type: str, authority_name: str = "",
    version: int | None = None,
) -> Decision:
    """Change a draft's summary, symbol, type (and, recorded from outside, the authority's
    name). Raises as `decision_draft`, ApplicationError once it is no longer a draft, and
    StaleError when VERSION (the version the form was opened on) is no longer the draft's."""
    decision = _lock(decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    _require_draft(decision)
    concurrency.require_version(decision, version, wanted={
        "summary": summary, "symbol": symbol, "commendation_type": commendation_type,
        **({"authority_name": authority_name} if clean_name(authority_name) else {})})
    before = audit.snapshot(decision, DECISION_FIELDS)
    summary = _clean_header(summary, commendation_type)
    decision.summary, decision.symbol, decision.commendation_type = summary, _clean_symbol(symbol), commendation_type
    if clean_name(authority_name):
        decision.authority_name = clean_name(authority_name)
    decision.save(update_fields=["summary", "symbol", "commendation_type", "authority_name"])
    audit.record(actor=actor, action=A.DECISION_UPDATE, target=decision, unit_path=decision.unit.path,
                 before=before, after=audit.snapshot(decision, DECISION_FIELDS))
    return decision


def _subject_kind(spec: RecipientSpec) -> str:
    if spec.unit is not None:
        return SubjectKind.COLLECTIVE
    return SubjectKind.HOUSEHOLD if spec.household else SubjectKind.INDIVIDUAL


def _line_label(recipient, name=None) -> str:
    """"Nguyễn Văn A — Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh 2025"; NAME: the
    decision's `catalog.display.namer`, when the caller has it."""
    name = name or _namer(recipient.decision)
    return f"{recipient.subject} — {name(recipient.kind)} {recipient.year}"


def _namer(decision):
    """Award names in full as DECISION's authority gives them (`catalog.display`)."""
    return display.namer(decision.authority, issuer=decision.authority_name)


def _origin_label(line: Recipient) -> str:
    label = str(line.get_source_display())
    if line.source == LineSource.MANUAL:
        label += f" ({line.justification})" if line.justification else str(_(" (chờ giải trình)"))
    return label


@transaction.atomic
def decision_add_recipients(
    *, actor, decision: Decision, recipients: Sequence[RecipientSpec], today: dt.date | None = None,
) -> list[Recipient]:
    """Add RECIPIENTS to the draft DECISION and answer the new lines.

    Each subject must be one the actor can see and belong to the decision's unit; the kind
    must be in the catalog, accept the subject, and be one the authority decides. Raises
    PermissionDenied without `decision.change` over the decision's unit; ApplicationError
    (naming the field) for the first line refused, leaving the draft unchanged.
    """
    today = today or dt.date.today()
    decision = _lock(decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    _require_draft(decision)
    kinds = current_kinds(today)
    name = _namer(decision)
    taken = {(r.person_id, r.unit_id, r.subject_kind, r.kind, r.year) for r in decision.recipients.all()}
    now = timezone.now()
    rows: list[Recipient] = []
    people = Person.objects.select_related("current_unit").in_bulk(
        {spec.person.pk for spec in recipients if spec.person is not None})
    for spec in recipients:
        if (spec.person is None) == (spec.unit is None):
            raise ApplicationError(NEEDS_ONE_SUBJECT)
        subject_kind = _subject_kind(spec)
        if spec.person is not None:
            person = people[spec.person.pk]
            subject, path, visible = person, person.current_unit.path, access.can(actor, Perm.PEOPLE_VIEW, person)
        else:
            subject, path, visible = spec.unit, spec.unit.path, access.can(actor, Perm.ORG_VIEW, spec.unit)
        if not visible:
            raise ApplicationError(SUBJECT_OUT_OF_SCOPE, {"field": "subject"})
        if not path.startswith(decision.unit.path):
            raise ApplicationError(SUBJECT_OUTSIDE_AUTHORITY % {"subject": subject, "authority": decision.unit.name},
                                   {"field": "subject"})
        info = kinds.get(spec.kind)
        if info is None:
            raise ApplicationError(KIND_UNKNOWN % spec.kind, {"field": "kind"})
        if not info.accepts(subject_kind):
            raise ApplicationError(SUBJECT_NOT_ACCEPTED % {"name": info.name, "subject": SUBJECT_WORDS[subject_kind]},
                                   {"field": "kind"})
        if not may_decide(decision.authority, info):
            raise ApplicationError(KIND_NOT_FOR_AUTHORITY % {"name": info.name, "authority": decision.authority_name},
                                   {"field": "kind"})
        require_suits([spec.kind], unit=subject.current_unit if spec.person is not None else subject,
                      person_name=str(subject) if spec.person is not None else "",
                      limited={spec.kind: info.sectors} if info.sectors else {})
        if not FIRST_YEAR <= spec.year <= today.year:
            raise ApplicationError(YEAR_OUT_OF_RANGE % {"first": FIRST_YEAR, "last": today.year}, {"field": "year"})
        if (spec.period_from is not None and spec.period_to is not None and spec.period_from > spec.period_to) or any(
                p is not None and not FIRST_YEAR <= p <= today.year for p in (spec.period_from, spec.period_to)):
            raise ApplicationError(PERIOD_INVALID, {"field": "period_from"})
        key = (spec.person.pk if spec.person else None, spec.unit.pk if spec.unit else None, subject_kind, spec.kind,
               spec.year)
        if key in taken:
            raise ApplicationError(RECIPIENT_TWICE % {"subject": subject, "name": name(spec.kind), "year": spec.year},
                                   {"field": "subject"})
        taken.add(key)
        origin = provenance.line_origin(actor, decision, spec, subject=subject, kind_name=name(spec.kind), now=now)
        rows.append(Recipient(
            decision=decision, subject_kind=subject_kind, person=spec.person, unit=spec.unit, kind=spec.kind,
            year=spec.year, period_from=spec.period_from, period_to=spec.period_to,
            achievement=(spec.achievement or "").strip(), dossier_item=spec.dossier_item, **origin,
        ))
    created = Recipient.objects.bulk_create(rows)
    # The lines go under a Vietnamese label: "recipients" is a reverse relation the history
    # panel would try to look up as a field.
    audit.record(actor=actor, action=A.DECISION_ADD_RECIPIENTS, target=decision, unit_path=decision.unit.path,
                 after={"danh sách khen thưởng": [_line_label(r, name) for r in created],
                        "căn cứ": [_origin_label(r) for r in created]})
    links.decision_drafted(actor=actor, decision=decision)
    return created


@transaction.atomic
def decision_add_dossier(*, actor, decision: Decision, dossier, today: dt.date | None = None) -> list[Recipient]:
    """Add to the draft DECISION every item of DOSSIER waiting for a decision (approved by
    the council; pending, for a dossier sent out of the tree), each with the form the
    council approved, and mark the dossier "decision drafted". Signing then marks it
    decided; items left out of the decision are refused by the dossier workflow.

    Raises as `decision_add_recipients`, and ApplicationError when the dossier was not
    addressed to the decision's unit or has nothing waiting for a decision.
    """
    decision = _lock(decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    if dossier.authority_path != decision.unit.path:
        raise ApplicationError(DOSSIER_ELSEWHERE % {"authority": decision.unit.name}, {"field": "dossier"})
    items = list(dossier_selectors.items_to_decide(dossier))
    if not items:
        raise ApplicationError(DOSSIER_EMPTY, {"field": "dossier"})
    return decision_add_recipients(actor=actor, decision=decision, today=today, recipients=[
        RecipientSpec(kind=item.final_kind, year=item.year, person=item.person, unit=item.unit,
                      household=item.subject_kind == SubjectKind.HOUSEHOLD, period_from=item.period_from,
                      period_to=item.period_to, achievement=item.achievement, dossier_item=item)
        for item in items
    ])


@transaction.atomic
def decision_remove_recipient(*, actor, recipient: Recipient) -> None:
    """Take RECIPIENT off its draft decision. Raises as `decision_add_recipients`."""
    decision = _lock(recipient.decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    _require_draft(decision)
    recipient = Recipient.objects.select_related("person", "unit").get(pk=recipient.pk, decision=decision)
    label = _line_label(recipient)
    recipient.delete()
    audit.record(actor=actor, action=A.DECISION_REMOVE_RECIPIENT, target=decision, unit_path=decision.unit.path,
                 before={"danh sách khen thưởng": [label]})


@transaction.atomic
def decision_cancel(*, actor, decision: Decision, reason: str) -> Decision:
    """Drop a draft (it never had a number). Raises PermissionDenied without
    `decision.change`, ApplicationError without a reason or when not a draft."""
    decision = _lock(decision)
    row = machines.check(actor, decision, machines.CANCEL, reason=reason)
    before = decision.cancel_reason
    decision.cancel_reason = reason.strip()
    return machines.DECISIONS.move(actor, decision, row, reason=reason, fields=["cancel_reason"],
                                   before={"cancel_reason": before}, after={"cancel_reason": decision.cancel_reason})
