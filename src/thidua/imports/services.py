"""Writes of Excel imports: keeping an upload with its check, and applying it at once.

Applying goes through the people services (`person_create`, `person_update`,
`evaluation_set`), so every person and rating written by an import carries the same
role checks and audit rows as one typed by hand, plus one `people.import` event for
the batch.
"""

import logging
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import access, audit
from thidua.core.errors import ApplicationError, PermissionDenied
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
from thidua.people import audit_actions as people_actions
from thidua.people import services as people_services
from thidua.people.models import Person

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


def _parse(actor, fileobj) -> ParseOutcome:
    try:
        rows = read_rows(fileobj)
    except UnreadableWorkbook as exc:
        raise ApplicationError(NOT_XLSX, {"field": "file"}) from exc
    return parse_people(rows, lambda needs: selectors.people_import_context(actor, needs))


def _store_outcome(batch: ImportBatch, outcome: ParseOutcome) -> None:
    summary = outcome.summary()
    valid = outcome.valid_rows
    batch.rows_total, batch.rows_ok = summary["rows_total"], summary["rows_ok"]
    batch.errors = [e.as_dict() for e in outcome.errors[:MAX_STORED_ERRORS]]
    batch.unit_scope = ", ".join(sorted({r.unit.code for r in valid if r.unit}))[:255]
    batch.result = {**batch.result, "summary": summary, "preview": [r.as_preview() for r in valid[:PREVIEW_ROWS]]}


def people_import_preview(*, actor, upload) -> ImportBatch:
    """Keep UPLOAD (an .xlsx) as a new batch in `preview` with every row checked.

    Nothing but the batch is written. Raises PermissionDenied when ACTOR may import
    nowhere, ApplicationError(NOT_XLSX, field "file") when UPLOAD is not a readable
    workbook — then no batch is kept.
    """
    if not selectors.may_import(actor):
        raise PermissionDenied(NO_IMPORT_RIGHT)
    outcome = _parse(actor, upload)
    upload.seek(0)
    batch = ImportBatch(created_by=actor, kind=ImportBatch.Kind.PEOPLE, original_name=(upload.name or "")[:255])
    _store_outcome(batch, outcome)
    batch.file.save(upload.name or "import.xlsx", upload, save=False)
    batch.save()
    return batch


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


def _common_path(paths: set[str]) -> str:
    """The deepest unit whose subtree holds all PATHS (the audit event's unit)."""
    if not paths:
        return ""
    prefix = min(paths)
    for path in paths:
        while not path.startswith(prefix):
            prefix = prefix[:-1]
    return prefix[: len(prefix) - len(prefix) % Unit.steplen]


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


def people_import_apply(*, actor, batch: ImportBatch) -> ImportBatch:
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
        with batch.file.open("rb") as fileobj:
            outcome = _parse(actor, fileobj)
        _store_outcome(batch, outcome)
        if outcome.errors or not outcome.rows:
            batch.save()
            refusal = ApplicationError(BATCH_HAS_ERRORS)
        else:
            rows = outcome.valid_rows
            try:
                with transaction.atomic():  # the savepoint that takes every row back on failure
                    applied = _apply_rows(actor, batch, rows)
                    audit.record(
                        actor=actor, action=people_actions.PEOPLE_IMPORT, target=batch,
                        unit_path=_common_path({r.unit.path for r in rows}),
                        after={k: v for k, v in applied.items() if k not in {"people"}} | {
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
