"""Registration writes: a unit's registration sheet (bản đăng ký thi đua) and its approval,
and a subject's set of registered titles for a year.

A sheet holds the titles the unit registers for itself and for its current people. The
unit officer fills it and sends it to the head; the head approves it (or returns it with
a reason); an approved sheet is reopened, with a reason, before anything on it changes.
`machines.SHEETS` is the table of these moves and the permission each needs. Registrations are
written only while the sheet is editable (draft or returned), and only the registrations
of an approved sheet count for the rules engine (`selectors.counted_registrations`).

Deadline: once the sheet's movement is past its registration deadline, every change
(saving, submitting, approving, returning, reopening) needs `Perm.REGISTRATION_LATE` —
the secretariat's call; the others get `PAST_DEADLINE`.

A person registers a title once a year: on one sheet, or (history entered before sheets
existed) on none. Such sheet-less registrations of a unit's people are taken into the
unit's sheet when it is saved.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.catalog.sectors import require_suits
from thidua.core import access, audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.hooks import bulk_written
from thidua.core.roles import Perm
from thidua.movements import participation
from thidua.movements.models import Movement
from thidua.org.models import Unit
from thidua.org.sectors import effective_sector
from thidua.people.models import Person
from thidua.registrations import audit_actions as A
from thidua.registrations import selectors
from thidua.registrations.machines import (  # noqa: F401 — the messages and actions are this module's API too
    APPROVE,
    NEEDS_REASON,
    PAST_DEADLINE,
    REOPEN,
    RETURN,
    SHEETS,
    SUBMIT,
    WRONG_STATE,
    past_deadline,
)
from thidua.registrations.models import FIRST_YEAR, NOTE_MAX, Registration, RegistrationSheet, SheetStatus
from thidua.registrations.selectors import registrable_codes  # noqa: F401 — part of this module's API
from thidua.rules.codes import AWARD_NAMES

S = SheetStatus

NEEDS_SUBJECT = _("Cần chọn cá nhân hoặc đơn vị đăng ký.")
NOT_A_TITLE = _("«%(code)s» không phải danh hiệu thi đua đăng ký được cho %(subject)s.")
NOT_EDITABLE = _("Bản đăng ký đang ở trạng thái «%(state)s» nên không sửa được; %(hint)s")
HINT_SUBMITTED = _("cần thủ trưởng trả lại để sửa, hoặc duyệt.")
HINT_APPROVED = _("cần mở lại bản đăng ký trước khi sửa.")
EMPTY_SHEET = _("Bản đăng ký chưa có danh hiệu nào; hãy đăng ký ít nhất một danh hiệu trước khi gửi hoặc duyệt.")
NOT_CURRENT_PERSON = _("«%(name)s» hiện không công tác tại «%(unit)s» nên không đăng ký trong bản đăng ký của đơn "
                       "vị này.")
UNKNOWN_PERSON = _("Không tìm thấy cá nhân mã %(pk)s tại «%(unit)s».")
REGISTERED_ELSEWHERE = _("«%(name)s» đã đăng ký «%(title)s» năm %(year)s %(where)s; mỗi danh hiệu chỉ đăng ký một "
                         "lần trong năm.")
LIVES_ELSEWHERE = _("Đăng ký «%(title)s» năm %(year)s của «%(name)s» được ghi %(where)s; muốn rút thì sửa bản đăng "
                    "ký đó.")
NOT_A_PARTICIPANT = _("«%(unit)s» không thuộc các đơn vị tham gia phong trào «%(movement)s» năm %(year)s.")
ORGANISER_DOES_NOT_REGISTER = _("«%(unit)s» là cấp phát động phong trào «%(movement)s», nên không đăng ký thi đua "
                                "theo phong trào này; các đơn vị tham gia mới đăng ký.")
OUTSIDE_MOVEMENT = _("Phong trào «%(movement)s» không diễn ra trong năm %(year)s.")
BAD_YEAR = _("Năm đăng ký %(year)s không hợp lệ; chỉ đăng ký cho năm %(first)s đến %(last)s.")
UNIT_CLOSED = _("«%(unit)s» đã ngừng hoạt động nên không lập bản đăng ký mới.")
NOTE_TOO_LONG = _("Ghi chú của «%(name)s» dài quá %(n)s ký tự.")

# How many changed registrations an audit entry spells out (a 300-person sheet stays readable).
AUDIT_LIST_MAX = 200

SAVE_PERM = Perm.REGISTRATION_CHANGE


def _authorise(actor, unit: Unit, movement: Movement | None, perm: str) -> None:
    """PermissionDenied unless ACTOR holds PERM (or REGISTRATION_LATE) over UNIT;
    PAST_DEADLINE when MOVEMENT's deadline has passed and ACTOR lacks REGISTRATION_LATE."""
    if not access.can(actor, Perm.REGISTRATION_LATE, unit):
        access.require(actor, perm, unit)
    refusal = past_deadline(actor, unit, movement)
    if refusal is not None:
        raise refusal


def _lock(sheet: RegistrationSheet) -> RegistrationSheet:
    return (RegistrationSheet.objects.select_for_update(of=("self",))
            .select_related("unit", "movement", "movement__organiser").get(pk=sheet.pk))


def _check_editable(sheet: RegistrationSheet) -> None:
    if not sheet.is_editable:
        hint = HINT_APPROVED if sheet.state == S.APPROVED else HINT_SUBMITTED
        raise ApplicationError(NOT_EDITABLE % {"state": SHEETS.label(sheet.state), "hint": hint})


def may(actor, sheet: RegistrationSheet | None, action: str, *, unit: Unit | None = None,
        movement: Movement | None = None) -> bool:
    """Whether ACTOR may do ACTION ("save" or an action of `machines.SHEETS`) on SHEET now —
    the same rule the services apply, for pages to show only the buttons that work. A sheet
    not made yet (SHEET None) may be saved by whoever may save UNIT's sheets under MOVEMENT."""
    if action != "save":
        return sheet is not None and SHEETS.may(actor, sheet, action)
    if sheet is not None:
        if not sheet.is_editable:
            return False
        unit, movement = sheet.unit, sheet.movement
    late = access.can(actor, Perm.REGISTRATION_LATE, unit)
    return late or (access.can(actor, SAVE_PERM, unit) and not selectors.deadline_passed(movement))


# --- making a sheet ---------------------------------------------------------------------------


def _check_new_sheet(unit: Unit, year: int, movement: Movement | None) -> None:
    last = timezone.localdate().year + 1
    if not FIRST_YEAR <= year <= last:
        raise ApplicationError(BAD_YEAR % {"year": year, "first": FIRST_YEAR, "last": last}, {"field": "year"})
    if not unit.is_active:
        raise ApplicationError(UNIT_CLOSED % {"unit": unit.name})
    if movement is not None:
        if not selectors.movement_covers_year(movement, year):
            raise ApplicationError(OUTSIDE_MOVEMENT % {"movement": movement.name, "year": year})
        if not participation.takes_part(movement, unit, year):
            message = ORGANISER_DOES_NOT_REGISTER if unit.pk == movement.organiser_id else NOT_A_PARTICIPANT
            raise ApplicationError(message % {"unit": unit.name, "movement": movement.name, "year": year})


@transaction.atomic
def sheet_get_or_create(*, actor, unit: Unit, year: int, movement: Movement | None = None) -> RegistrationSheet:
    """UNIT's sheet for YEAR (under MOVEMENT), made in draft when there is none.

    Making one is a change: it needs REGISTRATION_CHANGE over UNIT (REGISTRATION_LATE
    after the movement's deadline). Raises ApplicationError for a year out of range, a
    closed unit, or a unit that does not take part in MOVEMENT that year
    (`movements.participation`): NOT_A_PARTICIPANT, or ORGANISER_DOES_NOT_REGISTER for
    the movement's own organiser.
    """
    sheet = selectors.sheet_find(unit, year, movement)
    if sheet is not None:
        return sheet
    _authorise(actor, unit, movement, SAVE_PERM)
    _check_new_sheet(unit, year, movement)
    try:
        with transaction.atomic():
            sheet = RegistrationSheet.objects.create(unit=unit, year=year, movement=movement)
    except IntegrityError:  # made meanwhile by someone else: theirs is the sheet
        return selectors.sheet_find(unit, year, movement)
    audit.record(actor=actor, action=A.SHEET_CREATE, target=sheet, unit_path=unit.path,
                 after={"year": year, "movement": movement.name if movement else None})
    return sheet


# --- writing registrations ----------------------------------------------------------------------


def _subject_word(person) -> str:
    return str(_("cá nhân") if person is not None else _("tập thể"))


def _check_codes(codes: list[str], kind: str, person=None, *, unit: Unit, sector=None) -> list[str]:
    """CODES without repeats, each a title a subject of KIND of UNIT (of SECTOR) may register."""
    allowed = dict(selectors.registrable_codes(kind))
    wanted = list(dict.fromkeys(codes))
    for code in wanted:
        if code not in allowed:
            raise ApplicationError(NOT_A_TITLE % {"code": code, "subject": _subject_word(person)}, {"field": "codes"})
    require_suits(wanted, unit=unit, person_name=person.full_name if person is not None else "", sector=sector,
                  field="codes")
    return wanted


def _title(code: str) -> str:
    return AWARD_NAMES.get(code, code)


@dataclass
class _Written:
    added: list[str]
    removed: list[str]

    def audit(self) -> dict:
        out = {}
        for key, items in ((str(_("đăng ký thêm")), self.added), (str(_("rút đăng ký")), self.removed)):
            if items:
                shown = "; ".join(items[:AUDIT_LIST_MAX])
                out[key] = shown + (" …" if len(items) > AUDIT_LIST_MAX else "")
        return out


@dataclass
class ContentDiff:
    """What saving a sheet's content changes (`content_diff`): registrations to create,
    to update (taken into the sheet, re-noted) and to delete, `written` for the audit,
    and `read` — the registrations of the subjects as they were read (pk → (sheet, unit,
    code, note)) — with `people`, the persons whose registrations were read, for a caller
    that writes later to check nothing moved meanwhile."""

    create: list[Registration]
    update: list[Registration]
    delete: list[int]
    written: _Written
    read: dict[int, tuple]
    people: list[int]

    @property
    def changed(self) -> bool:
        return bool(self.written.added or self.written.removed)


def subjects_filter(sheet: RegistrationSheet, *, person_ids, unit_codes_given: bool) -> Q:
    """The registrations `content_diff` reads for SHEET: the people's it writes
    (PERSON_IDS, all of the unit's current people for an exact save), the sheet's own, and
    the unit's own when its titles are given. Each term is an indexed column: no join to
    the people, so a province's year of registrations is never scanned for one sheet."""
    subjects = Q(person_id__in=person_ids) | Q(sheet_id=sheet.pk)
    if unit_codes_given:
        subjects |= Q(person__isnull=True, unit=sheet.unit_id)
    return subjects & Q(year=sheet.year)


def content_diff(sheet: RegistrationSheet, *, unit_codes: list[str] | None, person_codes: dict[int, list[str]],
                 notes: dict[int, str] | None, exact: bool, lock: bool = True) -> ContentDiff:
    """What making SHEET's registrations for the subjects named exactly the codes given
    changes (LOCK: the registrations read are locked for the caller's transaction).

    Subjects: the unit itself when UNIT_CODES is given; the people in PERSON_CODES; with
    EXACT, every current person of the unit (those not named get none). People who left
    the unit keep what they registered on the sheet. Sheet-less registrations of the
    subjects are taken into the sheet (or withdrawn when not wanted). Raises
    ApplicationError for a person who is not the unit's, a title the subject cannot
    register, or a title the subject already registered on another sheet.
    """
    unit, year = sheet.unit, sheet.year
    sector = effective_sector(unit)
    unit_codes = _check_codes(unit_codes, "collective", unit=unit, sector=sector) if unit_codes is not None else None
    people = Person.objects.only("id", "full_name", "current_unit_id").in_bulk(list(person_codes))
    wanted: dict[int | None, list[str]] = {}
    for pk, codes in person_codes.items():
        person = people.get(pk)
        if person is None:
            raise ApplicationError(UNKNOWN_PERSON % {"pk": pk, "unit": unit.name})
        if person.current_unit_id != unit.pk:
            raise ApplicationError(NOT_CURRENT_PERSON % {"name": person.full_name, "unit": unit.name})
        wanted[pk] = _check_codes(codes, "individual", person, unit=unit, sector=sector)
        note = (notes or {}).get(pk, "")
        if len(note) > NOTE_MAX:
            raise ApplicationError(NOTE_TOO_LONG % {"name": person.full_name, "n": NOTE_MAX})
    if exact:
        for person in Person.objects.filter(current_unit=unit).only("id", "full_name", "current_unit_id"):
            people.setdefault(person.pk, person)
            wanted.setdefault(person.pk, [])
    if unit_codes is not None:
        wanted[None] = unit_codes

    regs = Registration.objects.filter(subjects_filter(sheet, person_ids=list(people),
                                                      unit_codes_given=unit_codes is not None))
    if lock:
        regs = regs.select_for_update(of=("self",))
    regs = list(regs.select_related("sheet__unit", "sheet__movement", "unit"))
    mine: dict[int | None, dict[str, Registration]] = {}
    elsewhere: dict[tuple[int | None, str], Registration] = {}
    for reg in regs:
        if reg.person_id is not None and reg.person_id not in people:
            continue  # on the sheet, of someone not written now (or who left the unit): it stays
        if reg.sheet_id is None or reg.sheet_id == sheet.pk:
            mine.setdefault(reg.person_id, {})[reg.code] = reg
        else:
            elsewhere[(reg.person_id, reg.code)] = reg

    def name(pk):
        return people[pk].full_name if pk is not None else unit.name

    today = timezone.localdate()
    diff = ContentDiff([], [], [], _Written([], []),
                       {r.pk: (r.sheet_id, r.unit_id, r.code, r.note) for r in regs}, list(people))
    for pk, codes in wanted.items():
        held = mine.get(pk, {})
        note = (notes or {}).get(pk) if pk is not None else None
        for code in codes:
            reg = held.get(code)
            if reg is None:
                other = elsewhere.get((pk, code))
                if other is not None:
                    raise ApplicationError(REGISTERED_ELSEWHERE % {
                        "name": name(pk), "title": _title(code), "year": year,
                        "where": selectors.where_label(other, unit)})
                diff.create.append(Registration(person_id=pk, unit=unit, year=year, code=code, sheet=sheet,
                                                registered_on=today, note=note or ""))
                diff.written.added.append(f"{name(pk)}: {code}")
            elif reg.sheet_id is None or reg.unit_id != unit.pk or (note is not None and reg.note != note):
                reg.sheet, reg.unit = sheet, unit
                if note is not None:
                    reg.note = note
                diff.update.append(reg)
        for code, reg in held.items():
            if code not in codes:
                diff.delete.append(reg.pk)
                diff.written.removed.append(f"{name(pk)}: {code}")
    return diff


def _write(sheet: RegistrationSheet, *, unit_codes: list[str] | None, person_codes: dict[int, list[str]],
           notes: dict[int, str] | None, exact: bool) -> _Written:
    """Write SHEET's content (`content_diff`, its registrations locked)."""
    diff = content_diff(sheet, unit_codes=unit_codes, person_codes=person_codes, notes=notes, exact=exact)
    if diff.delete:
        Registration.objects.filter(pk__in=diff.delete).delete()
    if diff.update:
        Registration.objects.bulk_update(diff.update, ["sheet", "unit", "note"], batch_size=500)
    if diff.create:
        Registration.objects.bulk_create(diff.create, batch_size=500)
    bulk_written.send(sender=Registration, person_ids={r.person_id for r in (*diff.update, *diff.create)})
    return diff.written


def _save_content(actor, sheet: RegistrationSheet, *, unit_codes: list[str] | None,
                  person_codes: dict[int, list[str]], notes: dict[int, str] | None, exact: bool,
                  targets: str | None = None, reason: str = "", version: int | None = None) -> RegistrationSheet:
    """The one path by which a sheet's content changes: lock the sheet, check ACTOR may
    save it (REGISTRATION_CHANGE, the deadline) and that it is editable, write the
    registrations (`_write`), set the targets when TARGETS is given, and record one
    SHEET_SAVE entry when anything changed (the targets in it when they were given)."""
    sheet = _lock(sheet)
    _authorise(actor, sheet.unit, sheet.movement, SAVE_PERM)
    _check_editable(sheet)
    concurrency.require_version(sheet, version, wanted={"targets": targets.strip()} if targets is not None else {})
    written = _write(sheet, unit_codes=unit_codes, person_codes=person_codes, notes=notes, exact=exact)
    old_targets = sheet.targets
    if targets is not None:
        sheet.targets = targets.strip()
    if written.added or written.removed or sheet.targets != old_targets:
        sheet.save(update_fields=["targets", "updated_at"])
        before, after = ({"targets": old_targets}, {"targets": sheet.targets}) if targets is not None else ({}, {})
        after.update(written.audit())
        audit.record(actor=actor, action=A.SHEET_SAVE, target=sheet, unit_path=sheet.unit.path, before=before,
                     after=after, reason=reason)
    return sheet


@transaction.atomic
def sheet_save(*, actor, sheet: RegistrationSheet, unit_codes: list[str], person_codes: dict[int, list[str]],
               targets: str, person_notes: dict[int, str] | None = None, reason: str = "",
               version: int | None = None) -> RegistrationSheet:
    """Replace the sheet's content exactly: the unit's own titles UNIT_CODES, its targets,
    and for every current person of the unit the titles PERSON_CODES gives (none when
    absent) with the note PERSON_NOTES gives (notes kept when PERSON_NOTES is None).
    VERSION: the sheet's version the page was opened on; a save on an older one is refused
    (StaleError), as is any save of a sheet someone wrote after the page was opened.

    Needs REGISTRATION_CHANGE over the unit and a draft or returned sheet; an approved
    sheet must be reopened first. Raises ApplicationError with NOT_EDITABLE,
    PAST_DEADLINE, NOT_CURRENT_PERSON / UNKNOWN_PERSON (naming the person), NOT_A_TITLE,
    REGISTERED_ELSEWHERE (naming where), NOTE_TOO_LONG; PermissionDenied without the right.
    """
    return _save_content(actor, sheet, unit_codes=list(unit_codes), person_codes=dict(person_codes),
                         notes=person_notes, exact=True, targets=targets, reason=reason, version=version)


@transaction.atomic
def sheet_merge(*, actor, sheet: RegistrationSheet, person_codes: dict[int, list[str]],
                person_notes: dict[int, str] | None = None, unit_codes: list[str] | None = None,
                targets: str | None = None, reason: str = "") -> RegistrationSheet:
    """Like `sheet_save`, but only for the subjects named: the people in PERSON_CODES, the
    unit itself when UNIT_CODES is given, the targets when TARGETS is given; the others
    keep what they have. What an Excel import and a person's own page write."""
    return _save_content(actor, sheet, unit_codes=list(unit_codes) if unit_codes is not None else None,
                         person_codes=dict(person_codes), notes=person_notes, exact=False, targets=targets,
                         reason=reason)


# --- transitions ------------------------------------------------------------------------------


# What each move writes besides the state: who sent or approved it, the reason it came back.
def _stamp(sheet: RegistrationSheet, action: str, actor, reason: str) -> list[str]:
    now = timezone.now()
    if action == SUBMIT:
        sheet.submitted_by, sheet.submitted_at = actor, now
        return ["submitted_by", "submitted_at", "updated_at"]
    if action == APPROVE:
        sheet.approved_by, sheet.approved_at = actor, now
        return ["approved_by", "approved_at", "updated_at"]
    if action == RETURN:
        sheet.return_reason = reason
        return ["return_reason", "updated_at"]
    sheet.submitted_by = sheet.submitted_at = sheet.approved_by = sheet.approved_at = None
    return ["submitted_by", "submitted_at", "approved_by", "approved_at", "updated_at"]


@transaction.atomic
def sheet_transition(*, actor, sheet: RegistrationSheet, action: str, reason: str = "") -> RegistrationSheet:
    """Move SHEET along ACTION of `machines.SHEETS` (submit, approve, return, reopen):
    the permission its row names over the sheet's unit (past the movement's deadline, the
    late permission), a REASON where the row asks one, and a sheet with registrations to
    send or approve. Refusals: WRONG_STATE, NEEDS_REASON, PAST_DEADLINE, EMPTY_SHEET
    (ApplicationError), PermissionDenied."""
    sheet = _lock(sheet)
    reason = (reason or "").strip()
    row = SHEETS.check(actor, sheet, action, reason=reason)
    if action in (SUBMIT, APPROVE) and not sheet.registrations.exists():
        raise ApplicationError(EMPTY_SHEET)
    return SHEETS.move(actor, sheet, row, reason=reason, fields=_stamp(sheet, action, actor, reason))


def sheet_submit(*, actor, sheet: RegistrationSheet) -> RegistrationSheet:
    """Send a draft or returned sheet to the head (REGISTRATION_CHANGE)."""
    return sheet_transition(actor=actor, sheet=sheet, action=SUBMIT)


def sheet_approve(*, actor, sheet: RegistrationSheet) -> RegistrationSheet:
    """Approve a submitted sheet — or a draft or returned one directly (REGISTRATION_APPROVE,
    the head): from now on its registrations count."""
    return sheet_transition(actor=actor, sheet=sheet, action=APPROVE)


def sheet_return(*, actor, sheet: RegistrationSheet, reason: str) -> RegistrationSheet:
    """Send a submitted sheet back to the officer with REASON (required; REGISTRATION_APPROVE)."""
    return sheet_transition(actor=actor, sheet=sheet, action=RETURN, reason=reason)


def sheet_reopen(*, actor, sheet: RegistrationSheet, reason: str) -> RegistrationSheet:
    """Put an approved sheet back in draft with REASON (required): the head may before the
    deadline, the secretariat (REGISTRATION_LATE) at any time. Its registrations stop
    counting until it is approved again."""
    return sheet_transition(actor=actor, sheet=sheet, action=REOPEN, reason=reason)


# --- one subject's registrations ----------------------------------------------------------------


@transaction.atomic
def registration_set(*, actor, year: int, codes: list[str], person=None, unit=None, registered_on=None,
                     reason: str = "") -> list[Registration]:
    """Make the subject's registrations for YEAR exactly CODES (adding and withdrawing).

    When the subject's unit has a sheet for YEAR (`selectors.sheet_for_subject`), the
    registrations are written into it under the sheet's rules (REGISTRATION_CHANGE, an
    editable sheet, the deadline); otherwise they are kept without a sheet, as history.
    A title registered on another unit's sheet stays there: asking for it again is a
    no-op, leaving it out raises LIVES_ELSEWHERE.
    """
    if person is None and unit is None:
        raise ApplicationError(NEEDS_SUBJECT)
    target = person if person is not None else unit
    access.require(actor, Perm.PEOPLE_CHANGE if person is not None else Perm.EVALUATION_CHANGE, target)
    kind = "individual" if person is not None else "collective"
    home = person.current_unit if person is not None else unit
    wanted = _check_codes(codes, kind, person, unit=home, sector=effective_sector(home))
    where = {"person": person} if person is not None else {"person__isnull": True, "unit": unit}
    existing = list(Registration.objects.select_for_update(of=("self",)).filter(year=year, **where)
                    .select_related("sheet__unit", "sheet__movement", "unit"))
    before = sorted(r.code for r in existing)
    sheet = selectors.sheet_for_subject(home, year)
    here = sheet.pk if sheet is not None else None
    elsewhere = {r.code: r for r in existing if r.sheet_id is not None and r.sheet_id != here}
    for code, reg in elsewhere.items():
        if code not in wanted:
            raise ApplicationError(LIVES_ELSEWHERE % {
                "title": _title(code), "year": year, "name": str(target), "where": selectors.where_label(reg, home)},
                {"field": "codes"})
    mine = [c for c in wanted if c not in elsewhere]
    if sheet is not None:
        _save_content(actor, sheet, unit_codes=mine if person is None else None,
                      person_codes={person.pk: mine} if person is not None else {}, notes=None, exact=False,
                      reason=reason)
    else:
        loose = {r.code: r for r in existing if r.sheet_id is None}
        for code in mine:
            if code not in loose:
                Registration.objects.create(person=person, unit=home, year=year, code=code,
                                            registered_on=registered_on)
        Registration.objects.filter(pk__in=[r.pk for c, r in loose.items() if c not in mine]).delete()
    after = sorted(wanted)
    if before != after:
        audit.record(actor=actor, action=A.REGISTRATION_SET, target=target, unit_path=home.path,
                     before={"year": year, "registered": [_title(c) for c in before]},
                     after={"year": year, "registered": [_title(c) for c in after]},
                     reason=reason)
    return list(Registration.objects.filter(year=year, **where))
