"""Writes of Excel imports: keeping an upload with its check, and applying it at once.

Applying goes through the domain services (`person_create`, `evaluation_set`,
`award_record`, `initiative_record`, `sheet_merge`…), so every row written by an import
carries the same role checks and audit rows as one typed by hand, plus one import event
for the batch. The four kinds of batch (people and ratings, historical awards,
initiatives, registrations) share the flow: preview → confirm in one transaction, all or
nothing. A batch may carry parameters chosen on the upload page (`result["params"]`: the
movement registrations go under), read again when it is confirmed.
"""

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards import audit_actions as award_actions
from thidua.awards import services as award_services
from thidua.catalog.models import SubjectKind
from thidua.catalog.selectors import current_kinds, money_table
from thidua.core import access, audit
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.imports import awards as award_sheet
from thidua.imports import registrations as reg_sheet
from thidua.imports import selectors
from thidua.imports.models import ImportBatch
from thidua.imports.people import (
    ACTION_CREATE,
    EVAL_CHANGED,
    EVAL_NEW,
    EVAL_SAME,
    ParsedRow,
    ParseOutcome,
    parse_people,
)
from thidua.imports.workbook import UnreadableWorkbook, read_rows
from thidua.org.models import Unit
from thidua.org.paths import common_path
from thidua.people import audit_actions as people_actions
from thidua.people import services as people_services
from thidua.people.models import Person
from thidua.registrations import audit_actions as registration_actions

log = logging.getLogger(__name__)

NOT_XLSX = gettext_lazy(
    "Không đọc được tệp này: đây không phải tệp Excel .xlsx hợp lệ hoặc tệp đã bị hỏng. Hãy mở tệp bằng Excel, "
    "chọn Lưu thành (Save As) dạng «Excel Workbook (.xlsx)» rồi tải lên lại."
)
NO_IMPORT_RIGHT = gettext_lazy("Tài khoản của bạn không có quyền nhập danh sách cá nhân và xếp loại.")
BATCH_NOT_PENDING = gettext_lazy("Tệp này đã được xử lý trước đó; không nhập lại lần nữa.")
BATCH_HAS_ERRORS = gettext_lazy(
    "Tệp còn lỗi nên chưa có dữ liệu nào được lưu. Hãy sửa các dòng bị lỗi trong tệp rồi tải lên lại."
)
IMPORT_FAILED = gettext_lazy(
    "Không ghi được dòng %(row)s: %(message)s Toàn bộ tệp đã được hủy, không có dữ liệu nào được lưu."
)
UNEXPECTED = gettext_lazy("lỗi hệ thống khi ghi dữ liệu.")

# What a batch keeps for its pages: the errors (a file of wrong dates can have tens of
# thousands) and the first valid rows.
MAX_STORED_ERRORS = 1000
PREVIEW_ROWS = 200


def _rows(fileobj) -> list:
    try:
        return read_rows(fileobj)
    except UnreadableWorkbook as exc:
        raise ApplicationError(NOT_XLSX, {"field": "file"}) from exc


def _parse(actor, fileobj, params=None) -> ParseOutcome:
    return parse_people(_rows(fileobj), lambda needs: selectors.people_import_context(actor, needs))


def _parse_awards(actor, fileobj, params=None) -> award_sheet.Outcome:
    return award_sheet.parse_awards(_rows(fileobj), lambda needs: selectors.awards_import_context(actor, needs))


def _parse_initiatives(actor, fileobj, params=None) -> award_sheet.Outcome:
    return award_sheet.parse_initiatives(_rows(fileobj),
                                         lambda needs: selectors.awards_import_context(actor, needs))


def _store_outcome(batch: ImportBatch, outcome: ParseOutcome) -> None:
    summary = outcome.summary()
    valid = outcome.valid_rows
    batch.rows_total, batch.rows_ok = summary["rows_total"], summary["rows_ok"]
    batch.errors = [e.as_dict() for e in outcome.errors[:MAX_STORED_ERRORS]]
    batch.unit_scope = ", ".join(sorted({r.unit.code for r in valid if r.unit}))[:255]
    batch.result = {**batch.result, "summary": summary, "preview": [r.as_preview() for r in valid[:PREVIEW_ROWS]]}


def import_preview(*, actor, upload, kind: str = ImportBatch.Kind.PEOPLE, params: dict | None = None) -> ImportBatch:
    """Keep UPLOAD (an .xlsx) as a new batch of KIND in `preview` with every row checked.

    PARAMS (JSON-able) are kept with the batch and given to the parser again on confirm.
    Nothing but the batch is written. Raises PermissionDenied when ACTOR may import
    nowhere, ApplicationError(NOT_XLSX, field "file") when UPLOAD is not a readable
    workbook — then no batch is kept.
    """
    importer = IMPORTERS[kind]
    if not importer.may(actor):
        raise PermissionDenied(importer.refusal)
    outcome = importer.parse(actor, upload, params)
    upload.seek(0)
    batch = ImportBatch(created_by=actor, kind=kind, original_name=(upload.name or "")[:255],
                        result={"params": params} if params else {})
    _store_outcome(batch, outcome)
    batch.file.save(upload.name or "import.xlsx", upload, save=False)
    batch.save()
    return batch


def people_import_preview(*, actor, upload) -> ImportBatch:
    return import_preview(actor=actor, upload=upload, kind=ImportBatch.Kind.PEOPLE)


_RATING_COUNT = {EVAL_NEW: "ratings_created", EVAL_CHANGED: "ratings_changed"}


class _RowFailed(Exception):
    def __init__(self, row: int, cause: Exception):
        super().__init__(f"row {row}: {cause!r}")
        self.row, self.cause = row, cause


def _message(exc: Exception) -> str:
    if isinstance(exc, ApplicationError):
        return str(exc.message)
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    return str(UNEXPECTED)


def _apply_rows(actor, batch: ImportBatch, rows: list[ParsedRow]) -> dict[str, Any]:
    reason = _("Nhập từ Excel (lần nhập số %s)") % batch.pk
    units = Unit.objects.in_bulk({r.unit.pk for r in rows})
    existing = Person.objects.in_bulk({r.person.pk for r in rows if r.person})
    made: dict[tuple, Person] = {}
    filled: set[int] = set()
    counts: Counter[str] = Counter()
    people: dict[int, dict] = {}
    for row in rows:
        try:
            if row.person is not None:
                person = existing[row.person.pk]
                if row.fill and person.pk not in filled:
                    person = people_services.person_update(actor=actor, person=person, reason=reason, **row.fill)
                    filled.add(person.pk)
                    counts["people_completed"] += 1
            else:
                person = made.get(row.person_key)
                if person is None:
                    person = people_services.person_create(
                        actor=actor, unit=units[row.unit.pk], full_name=row.full_name, gender=row.gender,
                        birth_date=row.birth_date, cccd=row.cccd, position=row.position, reason=reason,
                    )
                    made[row.person_key] = person
                    counts["people_created"] += 1
            if row.evaluation == EVAL_SAME:
                counts["ratings_same"] += 1
            else:
                people_services.evaluation_set(
                    actor=actor, person=person, year=row.year, rating=row.rating, months_worked=row.months_worked,
                    note=row.note, reason=reason,
                )
                counts[_RATING_COUNT[row.evaluation]] += 1
        except Exception as exc:
            raise _RowFailed(row.row, exc) from exc
        people.setdefault(person.pk, {"id": person.pk, "full_name": person.full_name,
                                      "new": row.action == ACTION_CREATE, "years": []})["years"].append(row.year)
    counts["people_existing"] = len({r.person.pk for r in rows if r.person})
    return {"rows": len(rows), **{k: counts[k] for k in (
        "people_created", "people_existing", "people_completed", "ratings_created", "ratings_changed",
        "ratings_same")}, "people": list(people.values())[:PREVIEW_ROWS], "people_total": len(people)}


def import_apply(*, actor, batch: ImportBatch) -> ImportBatch:
    """Apply every row of BATCH's stored file in one transaction, or none.

    The file is checked again (the preview is never trusted): the database may have
    changed since. Returns the batch in `done` with `result["applied"]` counting what
    was written. Raises ApplicationError:
    BATCH_NOT_PENDING when the batch is not in `preview` (a second confirmation);
    BATCH_HAS_ERRORS when the file no longer passes (the batch keeps its refreshed errors);
    IMPORT_FAILED when a write fails midway — everything is rolled back and the batch is
    marked `failed` with the message.
    """
    refusal: ApplicationError | None = None
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.created_by_id != actor.pk:
            raise PermissionDenied(access.REFUSED)
        if batch.status != ImportBatch.Status.PREVIEW:
            raise ApplicationError(BATCH_NOT_PENDING)
        importer = IMPORTERS[batch.kind]
        with batch.file.open("rb") as fileobj:
            outcome = importer.parse(actor, fileobj, batch.result.get("params"))
        _store_outcome(batch, outcome)
        if outcome.errors or not outcome.rows:
            batch.save()
            refusal = ApplicationError(BATCH_HAS_ERRORS)
        else:
            rows = outcome.valid_rows
            try:
                with transaction.atomic():  # the savepoint that takes every row back on failure
                    applied = importer.apply(actor, batch, rows)
                    audit.record(
                        actor=actor, action=importer.action, target=batch,
                        unit_path=common_path({r.unit.path for r in rows}),
                        after={k: v for k, v in applied.items() if k not in {"people", "sheets"}} | {
                            "file": batch.original_name, "units": batch.unit_scope},
                    )
            except Exception as exc:
                row, cause = (exc.row, exc.cause) if isinstance(exc, _RowFailed) else ("?", exc)
                log.warning("import batch %s failed at row %s: %r", batch.pk, row, cause,
                            exc_info=not isinstance(cause, ApplicationError | ValidationError))
                message = str(IMPORT_FAILED % {"row": row, "message": _message(cause)})
                batch.status = ImportBatch.Status.FAILED
                batch.result = {**batch.result, "message": message}
                refusal = ApplicationError(message)
            else:
                batch.status = ImportBatch.Status.DONE
                batch.result = {**batch.result, "applied": applied}
            batch.finished_at = timezone.now()
            batch.save()
    if refusal is not None:
        raise refusal
    return batch


def people_import_apply(*, actor, batch: ImportBatch) -> ImportBatch:
    return import_apply(actor=actor, batch=batch)


# --- awards and initiatives ------------------------------------------------------------


def _apply_awards(actor, batch: ImportBatch, rows: list) -> dict[str, Any]:
    reason = _("Nhập từ Excel (lần nhập số %s)") % batch.pk
    kinds, prices = current_kinds(), money_table()
    people = Person.objects.select_related("current_unit").in_bulk({r.person.pk for r in rows if r.person})
    units = Unit.objects.in_bulk({r.unit.pk for r in rows})
    counts: Counter[str] = Counter()
    for row in rows:
        if row.action == award_sheet.ACTION_SAME:
            counts["awards_same"] += 1
            continue
        collective = row.subject == SubjectKind.COLLECTIVE
        try:
            award_services.award_record(
                actor=actor, kind=row.kind, year=row.year, decided_on=row.decided_on,
                person=None if collective else people[row.person.pk], unit=units[row.unit.pk] if collective else None,
                household=row.subject == SubjectKind.HOUSEHOLD, decision_number=row.decision_number,
                issuer=row.issuer, period_from=row.period_from, period_to=row.period_to,
                commendation_type=row.commendation_type, achievement=row.achievement, money=row.money,
                reason=reason, kinds=kinds, prices=prices,
            )
        except Exception as exc:
            raise _RowFailed(row.row, exc) from exc
        counts["awards_created"] += 1
    return {"rows": len(rows), "awards_created": counts["awards_created"], "awards_same": counts["awards_same"]}


def _apply_initiatives(actor, batch: ImportBatch, rows: list) -> dict[str, Any]:
    reason = _("Nhập từ Excel (lần nhập số %s)") % batch.pk
    codes = set(current_kinds())
    people = Person.objects.select_related("current_unit").in_bulk({r.person.pk for r in rows})
    units = Unit.objects.in_bulk({r.unit.pk for r in rows})
    groups: dict[tuple, list] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    counts: Counter[str] = Counter()
    for group_rows in groups.values():
        first = group_rows[0]
        if first.action == award_sheet.ACTION_SAME:
            counts["initiatives_same"] += 1
            continue
        try:
            award_services.initiative_record(
                actor=actor, unit=units[first.unit.pk], title=first.title, year=first.year, scope=first.scope,
                recognized_on=first.recognized_on, decision_number=first.decision_number, issuer=first.issuer,
                summary=next((r.summary for r in group_rows if r.summary), ""), used_for=first.used_for or None,
                authors=[(people[r.person.pk], r.share) for r in group_rows], reason=reason, known_codes=codes,
            )
        except Exception as exc:
            raise _RowFailed(first.row, exc) from exc
        counts["initiatives_created"] += 1
    return {"rows": len(rows), "initiatives_created": counts["initiatives_created"],
            "initiatives_same": counts["initiatives_same"]}


NO_AWARD_IMPORT_RIGHT = gettext_lazy("Tài khoản của bạn không có quyền ghi khen thưởng.")
NO_INITIATIVE_IMPORT_RIGHT = gettext_lazy("Tài khoản của bạn không có quyền ghi sáng kiến.")
NO_REGISTRATION_IMPORT_RIGHT = gettext_lazy("Tài khoản của bạn không có quyền lập bản đăng ký thi đua.")
MOVEMENT_GONE = gettext_lazy("Phong trào đã chọn khi tải tệp lên không còn nữa; hãy tải tệp lên lại.")


# --- registrations ------------------------------------------------------------------------


def import_movement(params: dict | None):
    """The movement a registrations batch goes under (None: the units' general sheets)."""
    from thidua.movements.models import Movement

    pk = (params or {}).get("movement")
    if not pk:
        return None
    movement = Movement.objects.select_related("organiser").filter(pk=pk).first()
    if movement is None:
        raise ApplicationError(MOVEMENT_GONE)
    return movement



def _title_phrases() -> list[tuple[str, str]]:
    from thidua.registrations.selectors import SHORT_NAMES
    from thidua.rules.codes import AWARD_NAMES

    return reg_sheet.title_table(dict(AWARD_NAMES), {code: str(short) for code, short in SHORT_NAMES.items()})


def _parse_registrations(actor, fileobj, params=None) -> reg_sheet.Outcome:
    movement = import_movement(params)
    today = timezone.localdate()
    return reg_sheet.parse_registrations(
        _rows(fileobj), lambda needs: selectors.registrations_import_context(actor, needs, movement=movement,
                                                                             today=today),
        title_phrases=_title_phrases(), today=today)


def _apply_registrations(actor, batch: ImportBatch, rows: list) -> dict[str, Any]:
    """Write each (unit, year) group of rows into its sheet, made in draft when missing; the
    sheets keep their state (an import never submits nor approves)."""
    from thidua.registrations import services as reg_services

    reason = _("Nhập từ Excel (lần nhập số %s)") % batch.pk
    movement = import_movement(batch.result.get("params"))
    units = Unit.objects.in_bulk({r.unit.pk for r in rows})
    groups: dict[tuple[int, int], list] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    counts: Counter[str] = Counter()
    sheets = []
    for (unit_pk, year), group in groups.items():
        codes: dict[int, list[str]] = {}
        notes: dict[int, list[str]] = {}
        unit_codes: list[str] | None = None
        targets: list[str] = []
        for row in group:
            if row.person is not None:
                codes.setdefault(row.person.pk, []).extend(row.titles)
                if row.note:
                    notes.setdefault(row.person.pk, []).append(row.note)
            else:
                unit_codes = [*(unit_codes or []), *row.titles]
                if row.note:
                    targets.append(row.note)
        try:
            sheet = reg_services.sheet_get_or_create(actor=actor, unit=units[unit_pk], year=year, movement=movement)
            reg_services.sheet_merge(
                actor=actor, sheet=sheet, person_codes={pk: list(dict.fromkeys(cs)) for pk, cs in codes.items()},
                person_notes={pk: "; ".join(dict.fromkeys(ns)) for pk, ns in notes.items()},
                unit_codes=list(dict.fromkeys(unit_codes)) if unit_codes is not None else None,
                targets="\n".join(dict.fromkeys(targets)) if targets else None, reason=reason,
            )
        except Exception as exc:
            raise _RowFailed(group[0].row, exc) from exc
        counts["sheets_created" if group[0].sheet is None else "sheets_updated"] += 1
        counts["registrations"] += sum(len(set(cs)) for cs in codes.values()) + len(set(unit_codes or []))
        sheets.append({"id": sheet.pk, "unit": units[unit_pk].name, "unit_id": unit_pk, "year": year,
                       "url": sheet.get_absolute_url()})
    return {"rows": len(rows), "sheets_created": counts["sheets_created"], "sheets_updated": counts["sheets_updated"],
            "registrations": counts["registrations"], "people": len({r.person.pk for r in rows if r.person}),
            "sheets": sheets[:PREVIEW_ROWS]}


@dataclass(frozen=True)
class Importer:
    may: Callable[[Any], bool]
    refusal: Any
    parse: Callable[[Any, Any], Any]
    apply: Callable[[Any, ImportBatch, list], dict[str, Any]]
    action: str


IMPORTERS: dict[str, Importer] = {
    ImportBatch.Kind.PEOPLE: Importer(selectors.may_import, NO_IMPORT_RIGHT, _parse, _apply_rows,
                                      people_actions.PEOPLE_IMPORT),
    ImportBatch.Kind.AWARDS: Importer(selectors.may_import_awards, NO_AWARD_IMPORT_RIGHT, _parse_awards,
                                      _apply_awards, award_actions.AWARDS_IMPORT),
    ImportBatch.Kind.INITIATIVES: Importer(selectors.may_import_initiatives, NO_INITIATIVE_IMPORT_RIGHT,
                                           _parse_initiatives, _apply_initiatives, award_actions.INITIATIVES_IMPORT),
    ImportBatch.Kind.REGISTRATIONS: Importer(selectors.may_import_registrations, NO_REGISTRATION_IMPORT_RIGHT,
                                             _parse_registrations, _apply_registrations,
                                             registration_actions.REGISTRATIONS_IMPORT),
}
