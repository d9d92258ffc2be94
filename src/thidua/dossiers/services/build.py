"""Creating and editing a dossier and its items (DOSSIER_CHANGE over the unit, while the
dossier is a draft or, returned, for what was returned)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import CommendationType
from thidua.awards.services import TYPE_INVALID
from thidua.catalog.models import AuthorityLevel, SubjectKind
from thidua.catalog.sectors import require_suits
from thidua.catalog.selectors import kind_names
from thidua.core import access, audit, concurrency
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.roles import Perm
from thidua.core.text import clean_name, fold
from thidua.dossiers import audit_actions as A
from thidua.dossiers import checks
from thidua.dossiers.machines import ITEMS
from thidua.dossiers.models import (
    CENTRAL_LEVELS,
    LIVE_ITEM_STATES,
    Dossier,
    DossierEvent,
    DossierItem,
    DossierState,
    ItemSource,
    ItemState,
)
from thidua.dossiers.services import common, messages
from thidua.dossiers.services.common import AUDIT_LIST_MAX
from thidua.dossiers.services.documents import _delete_files_on_commit
from thidua.dossiers.services.transitions import _reviewing, may
from thidua.dossiers.workflow import workflow
from thidua.movements.selectors import movements_for
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths
from thidua.people.models import Person

S, IS = DossierState, ItemState


def default_authority_unit(unit: Unit, level: str) -> Unit:
    """Who receives a dossier of UNIT for LEVEL: the province (root) for a provincial or
    central level; the nearest commune (UBND xã) for `xa`; for `co_quan` the nearest unit
    that is not an internal office (the agency with legal personality)."""
    ancestors = list(Unit.objects.filter(path__in=ancestor_paths(unit.path)).order_by("-depth"))  # the unit first
    if level in (AuthorityLevel.TINH, *CENTRAL_LEVELS):
        return ancestors[-1]
    if level == AuthorityLevel.XA:
        return next((u for u in ancestors if u.kind == "ubnd_xa"), unit)
    return next((u for u in ancestors if u.level != "noi_bo"), unit)


def default_authority_level(unit: Unit, levels: Iterable[str]) -> str:
    """The level a dossier of UNIT proposing a kind decided at LEVELS (the catalog's, lowest
    first) is addressed to by default: `xa` only for a commune or a unit under one (a
    department's CSTĐCS is decided by its director, not by a commune chairman), else the
    lowest level that is not `xa`."""
    levels = list(levels)
    if AuthorityLevel.XA in levels and Unit.objects.filter(path__in=ancestor_paths(unit.path),
                                                           kind="ubnd_xa").exists():
        return AuthorityLevel.XA
    return next((lv for lv in levels if lv != AuthorityLevel.XA), levels[0])


def default_level(unit: Unit) -> str:
    """The level a new dossier of UNIT is addressed to before any kind is chosen: its commune
    for a unit under one, its own agency for an internal office (phòng, khoa), else the
    province — where an agency's year-end proposals go."""
    level = default_authority_level(unit, [AuthorityLevel.XA, AuthorityLevel.TINH])
    if level != AuthorityLevel.XA and unit.level == "noi_bo":
        return AuthorityLevel.CO_QUAN
    return level


def _submission_deadline(commendation_type: str, year: int) -> dt.date | None:
    month_day = workflow().submission_deadlines.get(commendation_type)
    if month_day is None:
        return None
    day = dt.date(year, *month_day)
    return day if day >= common.today() else None


def _check_header(dossier: Dossier) -> None:
    if not dossier.title:
        raise ApplicationError(messages.TITLE_REQUIRED, {"field": "title"})
    last = common.today().year
    if not 1945 <= dossier.year <= last:
        raise ApplicationError(messages.YEAR_INVALID % {"last": last}, {"field": "year"})
    if dossier.authority_level not in AuthorityLevel.values:
        raise ApplicationError(messages.LEVEL_INVALID % dossier.authority_level, {"field": "authority_level"})
    if dossier.commendation_type not in CommendationType.values:
        raise ApplicationError(TYPE_INVALID % dossier.commendation_type, {"field": "commendation_type"})
    if dossier.authority_unit_id and not dossier.unit.path.startswith(dossier.authority_unit.path):
        raise ApplicationError(messages.AUTHORITY_NOT_ABOVE % {"unit": dossier.unit.name}, {"field": "authority_unit"})


def _check_movement(actor, movement) -> None:
    if movement is None:
        return

    if not movements_for(actor).filter(pk=movement.pk).exists():
        raise ApplicationError(messages.MOVEMENT_UNKNOWN, {"field": "movement"})


_HEADER = ("number", "title", "summary", "authority_level", "authority_unit", "commendation_type", "year",
           "movement")


@transaction.atomic
def dossier_create(*, actor, unit: Unit, authority_level: str, year: int, title: str,
                   commendation_type: str = CommendationType.CONG_TRANG, summary: str = "", movement=None,
                   authority_unit: Unit | None = None, number: str = "") -> Dossier:
    """A new draft dossier of UNIT to the authority of AUTHORITY_LEVEL (received by
    AUTHORITY_UNIT, by default `default_authority_unit`). Needs DOSSIER_CHANGE over UNIT.
    A yearly merit dossier is due at the workflow file's submission deadline."""
    access.require(actor, Perm.DOSSIER_CHANGE, unit)
    if not unit.is_active:
        raise ApplicationError(messages.UNIT_CLOSED % unit.name)
    _check_movement(actor, movement)
    dossier = Dossier(unit=unit, number=clean_name(number), title=clean_name(title), summary=(summary or "").strip(),
                      authority_level=authority_level, year=year, commendation_type=commendation_type,
                      movement=movement, created_by=actor if getattr(actor, "pk", None) else None)
    dossier.authority_unit = authority_unit or (default_authority_unit(unit, authority_level)
                                                if authority_level in AuthorityLevel.values else None)
    _check_header(dossier)
    dossier.step_started_on = common.today()
    dossier.due_on = _submission_deadline(commendation_type, year)
    dossier.search_key = common.search_key(dossier)
    dossier.save()
    DossierEvent.objects.create(dossier=dossier, actor=actor if getattr(actor, "pk", None) else None,
                                action="create", to_state=S.DRAFT, due_on=dossier.due_on)
    common.record(actor=actor, action=A.DOSSIER_CREATE, target=dossier, unit_path=unit.path,
                  after=audit.snapshot(dossier, list(_HEADER)))
    return dossier


@transaction.atomic
def dossier_update(*, actor, dossier: Dossier, version: int | None = None, **fields) -> Dossier:
    """Change the header of an editable dossier. Year, level and type change only while it
    has no item (the items were judged against them). VERSION is the dossier's version the
    edit was made on: a save on an older one is refused (StaleError)."""
    d = common.lock(dossier)
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if not d.is_editable:
        raise ApplicationError(messages.NOT_EDITABLE % common.state_label(d.state))
    concurrency.require_version(d, version, wanted={k: v for k, v in fields.items() if k in _HEADER})
    before = audit.snapshot(d, list(_HEADER))
    locked = {"year", "authority_level", "commendation_type"}
    if any(k in fields and fields[k] != getattr(d, k) for k in locked) and d.items.exists():
        raise ApplicationError(messages.HEADER_LOCKED)
    if "movement" in fields and fields["movement"] != d.movement:
        _check_movement(actor, fields["movement"])
    for key, value in fields.items():
        if key in _HEADER:
            setattr(d, key, clean_name(value) if key in ("title", "number") else value)
    if "authority_level" in fields and "authority_unit" not in fields:
        d.authority_unit = default_authority_unit(d.unit, d.authority_level)
    _check_header(d)
    d.search_key = common.search_key(d)
    d.save()
    common.record(actor=actor, action=A.DOSSIER_UPDATE, target=d, unit_path=d.unit.path, before=before,
                  after=audit.snapshot(d, list(_HEADER)))
    return d


# --- items ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemInput:
    """One subject to propose: a Person (HOUSEHOLD: their household) or a Unit, for KIND."""

    subject: Person | Unit
    kind: str
    household: bool = False
    period_from: int | None = None
    period_to: int | None = None
    achievement: str = ""
    source: str = ItemSource.MANUAL
    bloc_proposal: object = None


def _level_word(level: str) -> str:
    return common.vi(AuthorityLevel(level).label)


def _validate_kind(known, code: str, subject_kind: str, who: str, dossier: Dossier):
    info = known.get(code)
    if info is None:
        raise ApplicationError(messages.KIND_UNKNOWN % code, {"field": "kind"})
    if not info.accepts(subject_kind):
        subject = common.vi(messages.SUBJECT_WORDS[subject_kind])
        raise ApplicationError(messages.SUBJECT_NOT_ACCEPTED % {"name": info.name, "subject": subject, "who": who},
                               {"field": "kind"})
    if dossier.authority_level not in info.authority_levels:
        raise ApplicationError(messages.KIND_NOT_AT_LEVEL % {
            "name": info.name, "level": _level_word(dossier.authority_level)}, {"field": "kind"})
    return info


def _check_period(first: int, last: int, who: str, dossier: Dossier) -> None:
    if not (1945 <= first <= last <= dossier.year):
        raise ApplicationError(messages.PERIOD_INVALID % {"who": who, "year": dossier.year}, {"field": "period_from"})


def _clashes(keys: list[tuple], exclude_pk: int | None = None) -> list[str]:
    """Live items anywhere with the same subject, kind and year as KEYS
    ((subject kind, person pk, unit pk, kind, year)), described for the user. One query
    narrowed by subjects, kinds and years; the exact tuples are matched here."""
    if not keys:
        return []
    wanted = set(keys)
    people = {k[1] for k in keys if k[1]}
    units = {k[2] for k in keys if k[2]}
    rows = DossierItem.objects.filter(Q(person__in=people) | Q(unit__in=units), state__in=LIVE_ITEM_STATES,
                                      kind__in={k[3] for k in keys}, year__in={k[4] for k in keys})
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    found, kinds = [], kind_names()
    for skind, pid, uid, name, kind, year, title, unit in rows.values_list(
            "subject_kind", "person_id", "unit_id", "subject_name", "kind", "year", "dossier__title",
            "dossier__unit__name"):
        if (skind, pid, uid, kind, year) in wanted and len(found) < 10:
            found.append(_t("%(name)s — %(kind)s %(year)s (hồ sơ «%(title)s» của %(unit)s)")
                         % {"name": name, "kind": kinds.get(kind, kind), "year": year, "title": title, "unit": unit})
    return found


@transaction.atomic
def dossier_add_items(*, actor, dossier: Dossier, entries: Iterable[ItemInput]) -> list[DossierItem]:
    """Add ENTRIES to a draft dossier, all or none, with their verdicts (judged in bulk) and
    the duplicate flags of the whole list refreshed.

    Refused: a dossier not in draft; a subject outside the dossier's unit or the actor's
    scope; a kind not in force, not for that subject or not decided at the dossier's level;
    a bad achievement period; the same subject, kind and year twice or already live in any
    dossier (ALREADY_PROPOSED, which the database also enforces)."""
    d = common.lock(dossier)
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if d.state != S.DRAFT:
        raise ApplicationError(messages.ITEMS_ONLY_IN_DRAFT)
    entries = list(entries)
    if not entries:
        raise ApplicationError(messages.NOTHING_TO_ADD)
    known = checks.kinds()
    limited = {code: k.sectors for code, k in known.items() if k.sectors}
    new: list[DossierItem] = []
    seen: set[tuple] = set()
    keys = []
    for entry in entries:
        subject = entry.subject
        is_person = isinstance(subject, Person)
        who = subject.full_name if is_person else subject.name
        subject_kind = (SubjectKind.HOUSEHOLD if entry.household else SubjectKind.INDIVIDUAL) if is_person \
            else SubjectKind.COLLECTIVE
        held = subject.current_unit if is_person else subject
        if not held.path.startswith(d.unit.path) or not access.covers(
                actor, Perm.PEOPLE_VIEW if is_person else Perm.ORG_VIEW, held.path):
            raise ApplicationError(messages.SUBJECT_OUTSIDE % {"who": who, "unit": d.unit.name})
        info = _validate_kind(known, entry.kind, subject_kind, who, d)
        require_suits([entry.kind], unit=held, person_name=who if is_person else "", limited=limited)
        first = entry.period_from or entry.period_to or d.year
        last = entry.period_to or d.year
        _check_period(first, last, who, d)
        key = (subject_kind, subject.pk if is_person else None, None if is_person else subject.pk, entry.kind, last)
        if key in seen:
            raise ApplicationError(messages.LISTED_TWICE % {"who": who, "name": info.name, "year": last})
        seen.add(key)
        keys.append(key)
        new.append(DossierItem(
            dossier=d, subject_kind=subject_kind, person=subject if is_person else None,
            unit=None if is_person else subject, held_unit=held, subject_name=who, search_key=fold(who)[:255],
            kind=entry.kind, year=last, period_from=first, period_to=last,
            achievement=(entry.achievement or "").strip(), source=entry.source, bloc_proposal=entry.bloc_proposal,
            state=IS.PENDING, created_by=actor if getattr(actor, "pk", None) else None))
    clashes = _clashes(keys)
    if clashes:
        raise ApplicationError(messages.ALREADY_PROPOSED % "; ".join(clashes), {"field": "items"})
    judged = checks.judge(new, common.received_on(d))
    now = common.now()
    for item in new:
        common.set_verdict(item, checks.verdict_of(judged, item), now)
    try:
        with transaction.atomic():
            DossierItem.objects.bulk_create(new, batch_size=500)
    except IntegrityError:  # proposed meanwhile in another dossier
        raise ApplicationError(messages.ALREADY_PROPOSED % "; ".join(_clashes(keys)), {"field": "items"}) from None
    common.refresh(d, common.items_of(d), rejudge=False)
    d.save(update_fields=["updated_at"])
    kinds = kind_names()
    names = [f"{i.subject_name} — {kinds.get(i.kind, i.kind)} {i.year}" for i in new]
    common.record(actor=actor, action=A.DOSSIER_ITEMS_ADD, target=d, unit_path=d.unit.path,
                  after={"items": names[:AUDIT_LIST_MAX], "count": len(new)})
    return new


_ITEM_AUDIT = ["kind", "period_from", "period_to", "achievement", "report_text"]


@transaction.atomic
def dossier_item_update(*, actor, item: DossierItem, kind: str | None = None, period_from: int | None = None,
                        period_to: int | None = None, achievement: str | None = None,
                        report_text: str | None = None, version: int | None = None) -> DossierItem:
    """Correct an item of a draft, or a returned item of a returned dossier. A new kind or
    period is judged again and the list's duplicate flags refreshed. VERSION is the item's
    version the edit was made on: a save on an older one is refused (StaleError)."""
    d, item = common.lock_item(item)
    common.require_item_editable(actor, d, item)
    wanted = {"kind": kind, "period_from": period_from, "period_to": period_to, "achievement": achievement,
              "report_text": report_text}
    concurrency.require_version(item, version, wanted={k: v for k, v in wanted.items() if v is not None})
    before = audit.snapshot(item, _ITEM_AUDIT)
    rejudge = False
    if kind is not None and kind != item.kind:
        known = checks.kinds()
        _validate_kind(known, kind, item.subject_kind, item.subject_name, d)
        require_suits([kind], unit=item.held_unit, person_name=item.subject_name if item.person_id else "",
                      limited={c: k.sectors for c, k in known.items() if k.sectors})
        item.kind, rejudge = kind, True
    if period_from is not None or period_to is not None:
        first, last = period_from or item.period_from, period_to or item.period_to
        _check_period(first, last, item.subject_name, d)
        rejudge = rejudge or last != item.year
        item.period_from, item.period_to, item.year = first, last, last
    if achievement is not None:
        item.achievement = achievement.strip()
    if report_text is not None:
        item.report_text = report_text.strip()
    if rejudge:
        clashes = _clashes([(item.subject_kind, item.person_id, item.unit_id, item.kind, item.year)], item.pk)
        if clashes:
            raise ApplicationError(messages.ALREADY_PROPOSED % "; ".join(clashes), {"field": "kind"})
        common.set_verdict(item, checks.verdict_of(checks.judge([item], common.received_on(d)), item),
                           common.now())
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ApplicationError(messages.ALREADY_PROPOSED % item.subject_name, {"field": "kind"}) from None
    common.refresh(d, common.items_of(d), rejudge=False)
    common.record(actor=actor, action=A.DOSSIER_ITEM_UPDATE, target=d, unit_path=d.unit.path,
                  before={"item": str(item), **before}, after={"item": str(item), **audit.snapshot(item, _ITEM_AUDIT)})
    return DossierItem.objects.get(pk=item.pk)


@transaction.atomic
def dossier_item_justify(*, actor, item: DossierItem, text: str, version: int | None = None) -> DossierItem:
    """Keep a flagged item (ineligible, duplicate) with a written justification; it covers
    the flags the item has now (a new flag later needs a new one). The unit writes it while
    it may edit the item; the reviewing secretariat while it reviews. VERSION is the item's
    version the page showed: a justification written meanwhile is not overwritten."""
    d, item = common.lock_item(item)
    if not _reviewing(actor, d):
        common.require_item_editable(actor, d, item)
    concurrency.require_version(item, version, wanted={"justification": (text or "").strip()})
    text = (text or "").strip()
    if not item.flags:
        raise ApplicationError(messages.NO_FLAGS)
    if not text:
        raise ApplicationError(messages.JUSTIFICATION_REQUIRED, {"field": "justification"})
    before = {"item": str(item), "justification": item.justification, "flags": item.justified_flags}
    item.justification, item.justified_flags = text, list(item.flags)
    item.justified_by, item.justified_at = actor, common.now()
    item.save(update_fields=["justification", "justified_flags", "justified_by", "justified_at", "updated_at"])
    common.record(actor=actor, action=A.DOSSIER_ITEM_JUSTIFY, target=d, unit_path=d.unit.path, before=before,
                  after={"item": str(item), "justification": text, "flags": item.justified_flags},
                  reason=text)
    return item


@transaction.atomic
def dossier_item_remove(*, actor, item: DossierItem, reason: str = "") -> None:
    """Take an item out: deleted from a draft; withdrawn (kept, with REASON) from a
    returned dossier, where only returned items may go."""
    d, item = common.lock_item(item)
    common.require_item_editable(actor, d, item)
    label = str(item)
    if d.state == S.DRAFT:
        files = [doc.file.name for doc in item.documents.all()]
        item.delete()
        _delete_files_on_commit(files)
    else:
        reason = (reason or "").strip()
        if not reason:
            raise ApplicationError(messages.NEEDS_REASON % {"action": common.vi(_("rút"))}, {"field": "reason"})
        ITEMS.shift(item, "withdraw")
        item.review_note = reason
        item.save(update_fields=["state", "review_note", "updated_at"])
    common.refresh(d, common.items_of(d), rejudge=False)
    common.record(actor=actor, action=A.DOSSIER_ITEM_REMOVE, target=d, unit_path=d.unit.path,
                  before={"item": label}, after={"item": None}, reason=reason)


@transaction.atomic
def dossier_check(*, actor, dossier: Dossier) -> Dossier:
    """Judge every item again and refresh the flags (the rules, ledger or ratings changed)."""
    d = common.lock(dossier)
    if not may(actor, d, "check"):
        access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
        raise PermissionDenied(access.REFUSED)
    items = common.refresh(d, common.items_of(d), rejudge=True)
    common.record(actor=actor, action=A.DOSSIER_CHECK, target=d, unit_path=d.unit.path,
                  after={"items": len(items), "flagged": sum(1 for i in items if i.flags)})
    return d
