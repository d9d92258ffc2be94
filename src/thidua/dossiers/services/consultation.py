"""The public consultation: opening and closing it, and the opinions the public sends."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import transaction

from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name
from thidua.core.workdays import add_working_days
from thidua.dossiers import audit_actions as A
from thidua.dossiers import checks, desks
from thidua.dossiers.machines import HIDE, OPINIONS, PUBLISH
from thidua.dossiers.models import ConsultationOpinion, Dossier, DossierItem, DossierState, ItemState, OpinionStatus
from thidua.dossiers.services import common
from thidua.dossiers.services.common import AUDIT_LIST_MAX
from thidua.dossiers.services.messages import (
    CONSULTATION_CLOSED,
    CONSULTATION_DAYS_INVALID,
    CONSULTATION_NOT_OVER,
    HANDLING_REQUIRED,
    NO_CONSULTATION_NEEDED,
    NOTHING_ACCEPTED,
    OPINION_FIELDS_REQUIRED,
    OPINION_ITEM_UNKNOWN,
    OPINION_TOO_LONG,
    OPINIONS_UNHANDLED,
    OPINIONS_UNMODERATED,
    RATE_LIMITED,
    STILL_UNREVIEWED,
)
from thidua.dossiers.services.transitions import _apply, _lock_for
from thidua.dossiers.workflow import workflow
from thidua.notices import handoffs

S, IS = DossierState, ItemState


OPINION_MAX = 5000


# --- consultation ---------------------------------------------------------------------------------


def _unreviewed(items: list[DossierItem]) -> list[DossierItem]:
    return [i for i in items if i.state in (IS.PENDING, IS.RETURNED)]


def _require_reviewed(items: list[DossierItem]) -> list[DossierItem]:
    waiting = _unreviewed(items)
    if waiting:
        raise ApplicationError(STILL_UNREVIEWED % {"n": len(waiting), "names": common.names(waiting)})
    accepted = [i for i in items if i.state == IS.ACCEPTED]
    if not accepted:
        raise ApplicationError(NOTHING_ACCEPTED)
    return accepted


def consultation_items(items: list[DossierItem], known=None) -> list[DossierItem]:
    """The accepted items whose kind requires public consultation (catalog flag)."""
    known = known if known is not None else checks.kinds()
    return [i for i in items if i.state == IS.ACCEPTED and i.kind in known
            and known[i.kind].requires_public_consultation]


@transaction.atomic
def dossier_open_consultation(*, actor, dossier: Dossier, days: int | None = None, reason: str = "") -> Dossier:
    """Publish the accepted items whose kind requires it on the public page for DAYS
    working days (the workflow's default; never fewer). Every item must be reviewed."""
    d, t = _lock_for(actor, dossier, "open_consultation", reason)
    items = common.items_of(d)
    published = consultation_items(_require_reviewed(items))
    if not published:
        raise ApplicationError(NO_CONSULTATION_NEEDED)
    minimum = workflow().consultation_days
    days = days or minimum
    if days < minimum:
        raise ApplicationError(CONSULTATION_DAYS_INVALID % minimum, {"field": "days"})
    today, now = common.today(), common.now()
    d.consultation_starts_on = today
    d.consultation_ends_on = add_working_days(today, days)
    d.consultation_closed_at = None
    for item in published:
        item.published_at = now
    common.save_grouped(published, ["published_at"])
    return _apply(actor, d, t, comment=reason, due_on=d.consultation_ends_on, detail={
        "published": [i.subject_name for i in published][:AUDIT_LIST_MAX],
        "until": d.consultation_ends_on.isoformat()})


@transaction.atomic
def dossier_close_consultation(*, actor, dossier: Dossier, reason: str = "") -> Dossier:
    """End the consultation once its period is over and every opinion was moderated and,
    when published, its handling recorded."""
    d, t = _lock_for(actor, dossier, "close_consultation", reason)
    if d.consultation_ends_on and common.today() <= d.consultation_ends_on:
        raise ApplicationError(CONSULTATION_NOT_OVER % d.consultation_ends_on.strftime("%d/%m/%Y"))
    opinions = d.opinions.all()
    unmoderated = opinions.filter(state=OpinionStatus.PENDING).count()
    if unmoderated:
        raise ApplicationError(OPINIONS_UNMODERATED % unmoderated)
    unhandled = opinions.filter(state=OpinionStatus.PUBLISHED, handled_at__isnull=True).count()
    if unhandled:
        raise ApplicationError(OPINIONS_UNHANDLED % unhandled)
    d.consultation_closed_at = common.now()
    return _apply(actor, d, t, comment=reason,
                  detail={"opinions": opinions.count()})


# --- public consultation: opinions ----------------------------------------------------------------


def sender_hash(address: str) -> str:
    """A salted hash of the sender's address: enough to rate-limit, nothing to identify."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|opinion|{address}".encode()).hexdigest()


@transaction.atomic
def opinion_submit(*, dossier: Dossier, name: str, contact: str, text: str, sender: str,
                   item: DossierItem | None = None) -> ConsultationOpinion:
    """An opinion from the public page (no account): only while DOSSIER is open for
    consultation, about one of its published items or the list; at most the workflow's
    `opinions_per_hour` per sender address. Held for moderation (not shown until published)."""
    d = common.lock(dossier)
    today = common.today()
    if d.state != S.CONSULTATION or not (d.consultation_starts_on <= today <= d.consultation_ends_on):
        raise ApplicationError(CONSULTATION_CLOSED)
    if item is not None and not d.items.filter(pk=item.pk, published_at__isnull=False).exists():
        raise ApplicationError(OPINION_ITEM_UNKNOWN, {"field": "item"})
    name, contact, text = clean_name(name)[:128], clean_name(contact)[:255], (text or "").strip()
    if not (name and contact and text):
        raise ApplicationError(OPINION_FIELDS_REQUIRED)
    if len(text) > OPINION_MAX:
        raise ApplicationError(OPINION_TOO_LONG % OPINION_MAX, {"field": "text"})
    digest = sender_hash(sender)
    limit = workflow().opinions_per_hour
    hour_ago = common.now() - dt.timedelta(hours=1)
    recent = ConsultationOpinion.objects.filter(sender_hash=digest, created_at__gte=hour_ago)
    if recent.count() >= limit:
        raise ApplicationError(RATE_LIMITED % limit)
    opinion = ConsultationOpinion.objects.create(dossier=d, item=item, name=name, contact=contact, text=text,
                                                 sender_hash=digest)
    common.record(actor=None, action=A.OPINION_SUBMIT, target=d, unit_path=d.unit.path,
                  after={"opinion": opinion.pk, "name": name, "item": item.subject_name if item else None})
    # The desk is told once the opinion is saved: it waits for moderation (docs/notices.md).
    handoffs.announce(OPINIONS.name, opinion, f"{OPINIONS.name}.sent")
    return opinion


def _lock_opinion(actor, opinion: ConsultationOpinion) -> tuple[Dossier, ConsultationOpinion]:
    d = common.lock(opinion.dossier)
    desks.require(actor, Perm.DOSSIER_REVIEW, d)
    locked = ConsultationOpinion.objects.select_for_update().get(pk=opinion.pk, dossier=d)
    locked.dossier = d
    return d, locked


@transaction.atomic
def opinion_moderate(*, actor, opinion: ConsultationOpinion, publish: bool) -> ConsultationOpinion:
    """Publish an opinion on the public page, or keep it hidden (abusive, off-topic…)."""
    d, opinion = _lock_opinion(actor, opinion)
    before = opinion.state
    row = OPINIONS.check(actor, opinion, PUBLISH if publish else HIDE)
    opinion.moderated_by, opinion.moderated_at = actor, common.now()
    OPINIONS.move(actor, opinion, row, fields=["moderated_by", "moderated_at"])
    # The moderation is audited on the dossier, under the words its history panel shows.
    common.record(actor=actor, action=A.OPINION_MODERATE, target=d, unit_path=d.unit.path,
                  before={"opinion": opinion.pk, "status": common.vi(OpinionStatus(before).label)},
                  after={"opinion": opinion.pk, "status": common.vi(OpinionStatus(opinion.state).label)})
    return opinion


@transaction.atomic
def opinion_handle(*, actor, opinion: ConsultationOpinion, handling: str) -> ConsultationOpinion:
    """Record how the secretariat handled an opinion (verified, answered, led to a return…)."""
    d, opinion = _lock_opinion(actor, opinion)
    handling = (handling or "").strip()
    if not handling:
        raise ApplicationError(HANDLING_REQUIRED, {"field": "handling"})
    before = opinion.handling
    opinion.handling, opinion.handled_by, opinion.handled_at = handling, actor, common.now()
    opinion.save(update_fields=["handling", "handled_by", "handled_at"])
    common.record(actor=actor, action=A.OPINION_HANDLE, target=d, unit_path=d.unit.path,
                  before={"opinion": opinion.pk, "handling": before},
                  after={"opinion": opinion.pk, "handling": handling}, reason=handling)
    return opinion
