"""Writes of Excel imports: keeping an upload with its checked rows, and applying them.

Every kind of batch (people and ratings, historical awards, initiatives, registrations)
runs the one pipeline (`imports.pipeline`) configured by its `Importer` below:

- `import_preview`: the upload check (`core.uploads`), the bounded streaming read
  (`imports.reading`), the header match and the cell parsers, then the rows resolved
  against the database. The batch keeps the file, the errors, the first rows to show and
  — when nothing is wrong — the parsed rows (`rows_file`). Nothing else is written but
  the batch and its audit row.
- `import_confirm`: what the page's button calls. A batch of more than
  `BACKGROUND_ROWS` rows is handed to the task worker (`tasks.confirm_import`) and its
  page follows its progress; a smaller one is applied at once.
- `import_apply`: the confirmation itself. The kept rows are resolved again against the
  database as it is now (a person added meanwhile, a right lost, a unit closed, a rating
  changed — the same checks and messages as the preview; the file is not read again);
  the write plan is built and validated (`imports.writes`); both OUTSIDE the write
  transaction. Then one short transaction writes everything in bulk with one audit row
  per record written and one for the batch: all or nothing. A change made by someone
  else between the check and the write puts the batch back to be confirmed again.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards import audit_actions as award_actions
from thidua.core import audit, tasks, uploads
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.imports import audit_actions as A
from thidua.imports import awards as award_sheet
from thidua.imports import people as people_sheet
from thidua.imports import pipeline, reading, selectors, writes
from thidua.imports import registrations as reg_sheet
from thidua.imports.machines import BACK, BATCH_NOT_PENDING, BATCHES, FAIL, FINISH, RUN
from thidua.imports.models import ImportBatch
from thidua.imports.sheet import RowError
from thidua.movements.models import Movement
from thidua.org.models import Unit
from thidua.org.paths import common_path
from thidua.people import audit_actions as people_actions
from thidua.people import cccd
from thidua.people.models import Person
from thidua.registrations import audit_actions as registration_actions
from thidua.registrations.selectors import SHORT_NAMES
from thidua.rules.codes import AWARD_NAMES

log = logging.getLogger(__name__)

NOT_XLSX = reading.NOT_XLSX
NO_IMPORT_RIGHT = gettext_lazy("Tài khoản của bạn không có quyền nhập danh sách cá nhân và xếp loại.")
BATCH_HAS_ERRORS = gettext_lazy(
    "Tệp còn lỗi nên chưa có dữ liệu nào được lưu. Hãy sửa các dòng bị lỗi trong tệp rồi tải lên lại."
)
IMPORT_FAILED = gettext_lazy(
    "Không ghi được dòng %(row)s: %(message)s Toàn bộ tệp đã được hủy, không có dữ liệu nào được lưu."
)
IMPORT_FAILED_ANYWHERE = gettext_lazy(
    "Không ghi được dữ liệu: %(message)s Toàn bộ tệp đã được hủy, không có dữ liệu nào được lưu."
)
UNEXPECTED = gettext_lazy("lỗi hệ thống khi ghi dữ liệu.")
CHANGED_MEANWHILE = writes.CHANGED_MEANWHILE
ROWS_LOST = gettext_lazy("Không còn các dòng đã đọc của tệp này; hãy tải tệp lên lại.")
FILE_LABEL = gettext_lazy("Tệp Excel")

# What a batch keeps for its pages: the errors (a file of wrong dates can have tens of
# thousands) and the first valid rows.
MAX_STORED_ERRORS = 1000
PREVIEW_ROWS = 200
# Above this many rows a confirmation runs in the task worker, its page showing progress.
BACKGROUND_ROWS = 2000


@dataclass(frozen=True)
class Importer:
    """One kind of batch: how its sheet reads (`sheet()`), who may import it (`may`, else
    `refusal`), how its rows resolve against the database (`resolve(actor, rows, params,
    today)` → errors), what it counts (`outcome(rows, errors)`), what confirming writes
    (`plan(actor, rows, params, reason)`) and the audit code of a confirmation."""

    sheet: Callable[[], pipeline.Sheet]
    may: Callable[[Any], bool]
    refusal: Any
    resolve: Callable[[Any, list, dict | None, dt.date], list[RowError]]
    outcome: Callable[[list, list[RowError]], Any]
    plan: Callable[[Any, list, dict | None, str], writes.Plan]
    action: str


# --- preview -----------------------------------------------------------------------------


def _parse(importer: Importer, actor, rows_source, params, today: dt.date) -> tuple[Any, bytes | None]:
    """(outcome, the parsed rows to keep — None when there is anything wrong)."""
    sheet = importer.sheet()
    rows, errors = pipeline.parse_cells(rows_source, sheet, today=today)
    kept = pipeline.encode_rows(rows, sheet.stored_fields(today)) if rows and not errors else None
    if rows:
        errors.extend(importer.resolve(actor, rows, params, today))
        errors.sort(key=lambda e: e.row)
    outcome = importer.outcome(rows, errors)
    return outcome, kept if not outcome.errors else None


def _store_outcome(batch: ImportBatch, outcome) -> None:
    summary = outcome.summary()
    valid = outcome.valid_rows
    batch.rows_total, batch.rows_ok = summary["rows_total"], summary["rows_ok"]
    batch.errors = [e.as_dict() for e in outcome.errors[:MAX_STORED_ERRORS]]
    batch.unit_scope = ", ".join(sorted({r.unit.code for r in valid if r.unit}))[:255]
    batch.result = {**batch.result, "summary": summary, "preview": [r.as_preview() for r in valid[:PREVIEW_ROWS]]}


def import_preview(*, actor, upload, kind: str = ImportBatch.Kind.PEOPLE, params: dict | None = None) -> ImportBatch:
    """Keep UPLOAD (an .xlsx) as a new batch of KIND in `preview` with every row checked.

    PARAMS (JSON-able) are kept with the batch and given to the importer again on
    confirm. Nothing but the batch (and its audit row) is written. Raises
    PermissionDenied when ACTOR may import nowhere; `uploads.UploadRefused` or
    `reading.WorkbookRefused` (field "file", the message naming the limit) for a file
    that is not a readable workbook within the limits — then no batch is kept.
    """
    importer = IMPORTERS[kind]
    if not importer.may(actor):
        raise PermissionDenied(importer.refusal)
    uploads.check(upload, field="file", label=FILE_LABEL, types=["xlsx"])
    today = timezone.localdate()
    outcome, kept = _parse(importer, actor, pipeline.read_sheet(upload), params, today)
    upload.seek(0)
    batch = ImportBatch(created_by=actor, kind=kind, original_name=upload.name[:255],
                        result={"params": params} if params else {})
    _store_outcome(batch, outcome)
    batch.file.save(upload.name, upload, save=False)
    if kept is not None:
        batch.rows_file.save("rows.json.gz", ContentFile(kept), save=False)
    with transaction.atomic():
        batch.save()
        audit.record(actor=actor, action=A.IMPORT_UPLOAD, target=batch, unit_path=_scope_path(outcome),
                     after={"file": batch.original_name, "kind": batch.get_kind_display(),
                            "rows": batch.rows_total, "rows_ok": batch.rows_ok, "errors": len(outcome.errors)})
    return batch


def _scope_path(outcome) -> str:
    return common_path({r.unit.path for r in outcome.valid_rows if r.unit})


# --- confirmation ------------------------------------------------------------------------


def _claim(actor, batch: ImportBatch, *, queued: bool) -> ImportBatch:
    """Take BATCH for applying: ACTOR's own, in `preview` (or, QUEUED, handed to the worker
    by `import_confirm`); mark it running. Two confirmations never both get it."""
    with transaction.atomic():
        batch = _locked_own(actor, batch)
        if queued:
            if batch.state != ImportBatch.Status.RUNNING or batch.progress.get("stage") != "queued":
                raise ApplicationError(BATCH_NOT_PENDING)
        else:
            _require_confirmable(batch)
        _start(batch, "check")
    return batch


def _locked_own(actor, batch: ImportBatch) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.created_by_id != actor.pk:
        raise PermissionDenied(_("Tệp này không phải của bạn."))
    return batch


def _require_confirmable(batch: ImportBatch) -> None:
    if batch.state not in BATCHES.sources(RUN) or batch.running:
        raise ApplicationError(BATCH_NOT_PENDING)
    if not batch.confirmable:
        raise ApplicationError(BATCH_HAS_ERRORS)


def _start(batch: ImportBatch, stage: str) -> None:
    """Mark locked BATCH running from STAGE (its page polls how far it is)."""
    BATCHES.shift(batch, RUN)
    batch.progress = {"stage": stage, "rows": batch.rows_ok, "since": timezone.now().isoformat()}
    batch.save(update_fields=["state", "progress"])


def _stage(batch: ImportBatch, stage: str) -> None:
    """Note how far a running batch is, in its own short transaction (its page polls it)."""
    batch.progress = {**batch.progress, "stage": stage}
    ImportBatch.objects.filter(pk=batch.pk).update(progress=batch.progress)


def _kept_rows(importer: Importer, actor, batch: ImportBatch, today: dt.date) -> list:
    sheet = importer.sheet()
    if batch.rows_file:
        with batch.rows_file.open("rb") as f:
            return pipeline.decode_rows(f.read(), sheet)
    # A batch previewed before the parsed rows were kept: its file, read once more.
    if not batch.file:
        raise ApplicationError(ROWS_LOST)
    with batch.file.open("rb") as f:
        rows, errors = pipeline.parse_cells(reading.read_rows(f), sheet, today=today)
    if errors:
        raise ApplicationError(BATCH_HAS_ERRORS)
    return rows


def _back_to_preview(batch: ImportBatch, *, outcome=None, message: str = "") -> None:
    with transaction.atomic():
        if outcome is not None:
            _store_outcome(batch, outcome)
        BATCHES.shift(batch, BACK)
        batch.progress = {"message": message} if message else {}
        batch.save()


def _failed(actor, batch: ImportBatch, message: str) -> None:
    with transaction.atomic():
        batch.result = {**batch.result, "message": message}
        batch.progress = {}
        batch.finished_at = timezone.now()
        # The machine's one failing row: refused unless the batch is running.
        BATCHES.move(actor, batch, BATCHES.rows_for(FAIL)[0], reason=message,
                     fields=["result", "progress", "finished_at"], after={"file": batch.original_name})


def _message(exc: Exception) -> str:
    if isinstance(exc, ApplicationError):
        return str(exc.message)
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    return str(UNEXPECTED)


def import_confirm(*, actor, batch: ImportBatch) -> ImportBatch:
    """The confirm button: apply BATCH now, or — above BACKGROUND_ROWS rows — mark it
    queued and hand it to the task worker once this commits. Raises what `import_apply`
    raises for a batch applied at once."""
    if batch.rows_ok <= BACKGROUND_ROWS:
        return import_apply(actor=actor, batch=batch)
    with transaction.atomic():
        locked = _locked_own(actor, batch)
        _require_confirmable(locked)
        _start(locked, "queued")
        transaction.on_commit(lambda: _enqueue(locked.pk))
    return locked


def _enqueue(batch_id: int) -> None:
    result = tasks.enqueue("thidua.imports.tasks.confirm_import", batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(task_id=str(result.id)[:64])


def import_apply(*, actor, batch: ImportBatch, queued: bool = False) -> ImportBatch:
    """Apply every kept row of BATCH in one transaction, or none (see the module's doc).

    Returns the batch in `done` with `result["applied"]` counting what was written.
    Raises ApplicationError: BATCH_NOT_PENDING when the batch is not waiting (a second
    confirmation); BATCH_HAS_ERRORS when the rows no longer pass against the database
    (the batch keeps the refreshed errors, back in `preview`); CHANGED_MEANWHILE when
    something the write depends on changed between the check and the write (back in
    `preview`, to be confirmed again); IMPORT_FAILED when a row cannot be written —
    everything is rolled back and the batch is marked `failed` with the message.
    """
    batch = _claim(actor, batch, queued=queued)
    importer = IMPORTERS[batch.kind]
    today = timezone.localdate()
    params = batch.result.get("params")
    reason = _("Nhập từ Excel (lần nhập số %s)") % batch.pk
    # 1. Check and prepare, outside the write transaction: reads only.
    try:
        rows = _kept_rows(importer, actor, batch, today)
        errors = importer.resolve(actor, rows, params, today)
        if errors:
            errors.sort(key=lambda e: e.row)
            _back_to_preview(batch, outcome=importer.outcome(rows, errors))
            raise ApplicationError(BATCH_HAS_ERRORS)
        _stage(batch, "prepare")
        plan = importer.plan(actor, rows, params, reason)
    except writes.RowFailed as exc:
        return _fail(actor, batch, exc)
    except writes.Changed as exc:
        _back_to_preview(batch, message=str(CHANGED_MEANWHILE))
        raise ApplicationError(CHANGED_MEANWHILE) from exc
    except ApplicationError as exc:
        if batch.state == ImportBatch.Status.RUNNING:
            _back_to_preview(batch, message=str(exc.message))
        raise
    except Exception as exc:
        return _fail(actor, batch, exc)
    # 2. Write: one short transaction, all or nothing.
    _stage(batch, "write")
    try:
        with transaction.atomic():
            applied = plan.apply()
            BATCHES.shift(batch, FINISH)
            batch.finished_at, batch.progress = timezone.now(), {}
            batch.result = {**batch.result, "applied": applied}
            batch.save()
            audit.record(actor=actor, action=importer.action, target=batch, unit_path=common_path(plan.unit_paths),
                         after={k: v for k, v in applied.items() if k not in {"people", "sheets"}} | {
                             "file": batch.original_name, "units": batch.unit_scope})
    except (writes.Changed, IntegrityError) as exc:
        if isinstance(exc, IntegrityError) and not _unique_violation(exc):
            batch.refresh_from_db()
            return _fail(actor, batch, exc)
        log.info("import batch %s: data changed before the write (%r)", batch.pk, exc)
        batch.refresh_from_db()  # the rolled-back save left it done in memory
        _back_to_preview(batch, message=str(CHANGED_MEANWHILE))
        raise ApplicationError(CHANGED_MEANWHILE) from exc
    except Exception as exc:
        batch.refresh_from_db()
        return _fail(actor, batch, exc)
    return batch


def _unique_violation(exc: IntegrityError) -> bool:
    """A unique key refused a row: a record the check saw missing was written meanwhile."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(exc)


def _fail(actor, batch: ImportBatch, exc: Exception):
    row, cause = (exc.row, exc.cause) if isinstance(exc, writes.RowFailed) else (None, exc)
    log.warning("import batch %s failed at row %s: %r", batch.pk, row, cause,
                exc_info=not isinstance(cause, ApplicationError | ValidationError))
    if row is None:
        message = str(IMPORT_FAILED_ANYWHERE % {"message": _message(cause)})
    else:
        message = str(IMPORT_FAILED % {"row": row, "message": _message(cause)})
    _failed(actor, batch, message)
    raise ApplicationError(message) from exc


# --- the importers ----------------------------------------------------------------------


NO_AWARD_IMPORT_RIGHT = gettext_lazy("Tài khoản của bạn không có quyền ghi khen thưởng.")
NO_INITIATIVE_IMPORT_RIGHT = gettext_lazy("Tài khoản của bạn không có quyền ghi sáng kiến.")
NO_REGISTRATION_IMPORT_RIGHT = gettext_lazy("Tài khoản của bạn không có quyền lập bản đăng ký thi đua.")
MOVEMENT_GONE = gettext_lazy("Phong trào đã chọn khi tải tệp lên không còn nữa; hãy tải tệp lên lại.")


def import_movement(params: dict | None):
    """The movement a registrations batch goes under (None: the units' general sheets)."""
    pk = (params or {}).get("movement")
    if not pk:
        return None
    movement = Movement.objects.select_related("organiser").filter(pk=pk).first()
    if movement is None:
        raise ApplicationError(MOVEMENT_GONE)
    return movement


def _title_phrases() -> list[tuple[str, str]]:
    return reg_sheet.title_table(dict(AWARD_NAMES), {code: str(short) for code, short in SHORT_NAMES.items()})


def _resolve_people(actor, rows, params, today):
    context = selectors.people_import_context(actor, people_sheet.needs_of(rows), today=today)
    errors = people_sheet.resolve(rows, context)
    if context.cccd_refused:
        holders = Person.objects.select_related("current_unit").in_bulk(
            {pk for _cccd, pk, _unit in context.cccd_refused if pk})
        units = Unit.objects.in_bulk({unit for _cccd, _pk, unit in context.cccd_refused})
        cccd.refusals_record(actor, [(number, holders.get(pk), units[unit])
                                     for number, pk, unit in context.cccd_refused])
    return errors


def _resolve_awards(actor, rows, params, today):
    context = selectors.awards_import_context(actor, award_sheet.award_needs(rows), today=today)
    return award_sheet.resolve_awards(rows, context, today)


def _resolve_initiatives(actor, rows, params, today):
    context = selectors.awards_import_context(actor, award_sheet.initiative_needs(rows), today=today)
    return award_sheet.resolve_initiatives(rows, context)


def _resolve_registrations(actor, rows, params, today):
    movement = import_movement(params)
    context = selectors.registrations_import_context(actor, reg_sheet.needs_of(rows), movement=movement,
                                                     today=today)
    return reg_sheet.resolve(rows, context)


IMPORTERS: dict[str, Importer] = {
    ImportBatch.Kind.PEOPLE: Importer(
        lambda: people_sheet.SHEET, selectors.may_import, NO_IMPORT_RIGHT, _resolve_people,
        people_sheet.ParseOutcome, lambda actor, rows, params, reason: writes.people_plan(actor, rows, reason=reason),
        people_actions.PEOPLE_IMPORT),
    ImportBatch.Kind.AWARDS: Importer(
        lambda: award_sheet.AWARDS_SHEET, selectors.may_import_awards, NO_AWARD_IMPORT_RIGHT, _resolve_awards,
        lambda rows, errors: award_sheet.Outcome(rows, errors, "awards"),
        lambda actor, rows, params, reason: writes.awards_plan(actor, rows, reason=reason),
        award_actions.AWARDS_IMPORT),
    ImportBatch.Kind.INITIATIVES: Importer(
        lambda: award_sheet.INITIATIVES_SHEET, selectors.may_import_initiatives, NO_INITIATIVE_IMPORT_RIGHT,
        _resolve_initiatives, lambda rows, errors: award_sheet.Outcome(rows, errors, "initiatives"),
        lambda actor, rows, params, reason: writes.initiatives_plan(actor, rows, reason=reason),
        award_actions.INITIATIVES_IMPORT),
    ImportBatch.Kind.REGISTRATIONS: Importer(
        lambda: reg_sheet.sheet_for(_title_phrases()), selectors.may_import_registrations,
        NO_REGISTRATION_IMPORT_RIGHT, _resolve_registrations, reg_sheet.Outcome,
        lambda actor, rows, params, reason: writes.registrations_plan(actor, rows, reason=reason,
                                                                      movement=import_movement(params)),
        registration_actions.REGISTRATIONS_IMPORT),
}
