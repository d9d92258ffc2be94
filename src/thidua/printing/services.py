"""Writes of the printing app: templates, layouts, printers, and the record of printing.

Every service checks `print.manage` over the unit it changes (or the award it prints),
writes, and records one AuditEvent per record in the same transaction.
"""

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import access, audit, concurrency, storage, tasks, uploads
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.roles import Perm
from thidua.core.text import clean_name, display_name
from thidua.org.models import Unit
from thidua.org.paths import common_path
from thidua.printing import audit_actions as A
from thidua.printing import certificates, layouts, selectors, word
from thidua.printing.machines import BATCHES, FAIL, FINISH, START
from thidua.printing.models import (
    CertificateBatch,
    CertificateLayout,
    DocKind,
    DocTemplate,
    LegalBases,
    PrinterProfile,
)

KIND_UNKNOWN = _("Loại văn bản «%s» không có trong hệ thống.")
FILE_REQUIRED = _("Hãy chọn tệp mẫu .docx để tải lên.")
NAME_REQUIRED = _("Hãy đặt tên cho phôi.")
PRINTER_NAME_REQUIRED = _("Hãy đặt tên máy in.")
PRINTER_NAME_TAKEN = _("Đơn vị đã có máy in tên «%s».")
OFFSET_RANGE = _("Độ lệch phải từ -50 đến 50 mm.")
BACKGROUND_LABEL = _("Ảnh quét phôi trắng")
LAYOUT_LABEL = _("Bố cục in «%(name)s»")
NO_OWN_LAYOUT = _("Đơn vị chưa có bố cục riêng cho loại khen thưởng này.")
BATCH_STALLED = _("Tiến trình nền dừng giữa chừng nên tệp không được tạo; hãy yêu cầu in lại.")
BATCH_FAILED = _("Gặp lỗi khi tạo tệp; hãy thử lại, nếu vẫn lỗi hãy báo quản trị hệ thống.")

log = logging.getLogger(__name__)

MAX_BACKGROUND_BYTES = 5 * 1024 * 1024


def _lock_unit(unit: Unit) -> Unit:
    """Serialise writers of one authority's printing settings (version numbers)."""
    return Unit.objects.select_for_update().get(pk=unit.pk)


def _template_snapshot(row: DocTemplate) -> dict[str, Any]:
    return {"kind": row.kind, "version": row.version, "file": row.original_name or row.file.name,
            "sha256": row.sha256, "size": row.size, "is_default": row.is_default, "note": row.note}


def _store_template(*, actor, unit: Unit, kind: str, data: bytes, name: str, note: str, is_default: bool,
                    action: str) -> DocTemplate:
    _lock_unit(unit)
    last = DocTemplate.objects.filter(kind=kind, unit=unit).aggregate(v=Max("version"))["v"] or 0
    row = DocTemplate(kind=kind, unit=unit, version=last + 1, sha256=hashlib.sha256(data).hexdigest(),
                      size=len(data), original_name=name[:255], is_default=is_default, note=(note or "").strip(),
                      uploaded_by=actor if getattr(actor, "pk", None) else None)
    row.file.save(f"{kind}-{unit.code}-v{row.version}.docx", ContentFile(data), save=False)
    row.save()
    audit.record(actor=actor, action=action, target=row, unit_path=unit.path, after=_template_snapshot(row),
                 reason=row.note)
    return row


@transaction.atomic
def template_upload(*, actor, unit: Unit, kind: str, data: bytes | None, name: str = "", note: str = "") -> DocTemplate:
    """Add a new version of UNIT's template for KIND from DATA (the .docx bytes).

    The file is rendered with the kind's sample context first, every placeholder required
    to exist: a template that fails is refused with a Vietnamese message naming the
    problem and nothing is stored. Raises PermissionDenied without `print.manage` over UNIT.
    """
    access.require(actor, Perm.PRINT_MANAGE, unit)
    if kind not in DocKind.values:
        raise ApplicationError(KIND_UNKNOWN % kind, {"field": "kind"})
    if not data:
        raise ApplicationError(FILE_REQUIRED, {"field": "file"})
    word.validate_template(data, kind, filename=name)
    return _store_template(actor=actor, unit=unit, kind=kind, data=data, name=name, note=note, is_default=False,
                           action=A.TEMPLATE_UPLOAD)


@transaction.atomic
def template_restore_default(*, actor, unit: Unit, kind: str) -> DocTemplate:
    """Add a version of UNIT's template for KIND that is the shipped file again (the
    uploaded versions stay, for the record)."""
    access.require(actor, Perm.PRINT_MANAGE, unit)
    if kind not in DocKind.values:
        raise ApplicationError(KIND_UNKNOWN % kind, {"field": "kind"})
    return _store_template(actor=actor, unit=unit, kind=kind, data=word.default_bytes(kind),
                           name=word.default_path(kind).name, note=str(_("Mẫu gốc của hệ thống")), is_default=True,
                           action=A.TEMPLATE_RESTORE)


# --- layouts -----------------------------------------------------------------------------


def _layout_snapshot(row: CertificateLayout) -> dict[str, Any]:
    return {"name": row.name, "page_width": str(row.page_width), "page_height": str(row.page_height),
            "place": row.place, "signer_title": row.signer_title, "signer_name": row.signer_name,
            "background": row.background.name if row.background else "", "version": row.version,
            "fields": row.fields}


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ApplicationError(layouts.PAGE_TOO_SMALL, {"field": field}) from None
    if not number.is_finite():
        raise ApplicationError(layouts.PAGE_TOO_SMALL, {"field": field})
    return number.quantize(Decimal("0.1"))


@transaction.atomic
def layout_save(
    *, actor, unit: Unit, kind: str, name: str, page_width, page_height, fields: Sequence[dict[str, Any]],
    place: str = "", signer_title: str = "", signer_name: str = "", background=None, clear_background: bool = False,
    version: int | None = None,
) -> CertificateLayout:
    """Save UNIT's own layout of KIND's certificate (made on the first save), counting the
    version up; the audit row keeps the layout before and after.

    FIELDS: dicts of `layouts.Field` (key, enabled, x, y, width, font, size, bold, italic,
    align, text). BACKGROUND: an uploaded scan of the blank (JPG/PNG, for the screen).
    VERSION: the unit's own layout's version the form was opened on (0: none yet).
    Raises PermissionDenied without `print.manage` over UNIT, ApplicationError for a layout
    that cannot be printed (field off the sheet, unknown placeholder…), StaleError when the
    unit's own layout was saved or dropped after the form was opened."""
    access.require(actor, Perm.PRINT_MANAGE, unit)
    name = clean_name(name)
    if not name:
        raise ApplicationError(NAME_REQUIRED, {"field": "name"})
    parsed = [layouts.field_from(f) for f in fields]
    parsed = [f for f in parsed if f.key in layouts.FIELD_KEYS]
    candidate = layouts.Layout(kind=kind, name=name, page_width=_decimal(page_width, "page_width"),
                               page_height=_decimal(page_height, "page_height"), fields=parsed)
    layouts.validate(candidate)
    if background is not None:
        # The common upload check: a JPEG or PNG by its bytes, its pixels bounded.
        uploads.check(background, field="background", label=BACKGROUND_LABEL, types=uploads.IMAGES,
                      limit=MAX_BACKGROUND_BYTES)
    _lock_unit(unit)
    row = CertificateLayout.objects.select_for_update().filter(kind=kind, unit=unit).first()
    saved = row.version if row is not None else 0
    if version is not None and version != saved:
        who = display_name(row.updated_by) if row is not None and row.updated_by_id else str(concurrency.SOMEONE)
        raise concurrency.stale_refusal(what=LAYOUT_LABEL % {"name": row.name if row else name},
                                        change=concurrency.Change(who, row.updated_at if row else None),
                                        version=saved)
    before = _layout_snapshot(row) if row is not None else None
    if row is None:
        row = CertificateLayout(kind=kind, unit=unit, version=0)
    row.name, row.page_width, row.page_height = name, candidate.page_width, candidate.page_height
    row.fields = [f.as_json() for f in parsed]
    row.place, row.signer_title = clean_name(place), (signer_title or "").replace("\r\n", "\n").strip()
    row.signer_name = clean_name(signer_name)
    row.version += 1
    row.updated_by = actor if getattr(actor, "pk", None) else None
    if clear_background and row.background:
        row.background = None
    if background is not None:
        row.background.save(f"{kind}-{unit.code}-{background.name}", background, save=False)
    row.save()
    audit.record(actor=actor, action=A.LAYOUT_SAVE, target=row, unit_path=unit.path, before=before,
                 after=_layout_snapshot(row))
    return row


@transaction.atomic
def layout_reset(*, actor, unit: Unit, kind: str) -> None:
    """Drop UNIT's own layout of KIND: its certificates use the nearest layout above, or the
    shipped one. The audit row keeps what was dropped."""
    access.require(actor, Perm.PRINT_MANAGE, unit)
    row = CertificateLayout.objects.select_for_update().filter(kind=kind, unit=unit).first()
    if row is None:
        raise ApplicationError(NO_OWN_LAYOUT)
    audit.record(actor=actor, action=A.LAYOUT_RESET, target=row, unit_path=unit.path, before=_layout_snapshot(row))
    row.delete()


# --- printers ----------------------------------------------------------------------------


def _offset(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value if value not in (None, "") else 0).replace(",", ".")).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ApplicationError(OFFSET_RANGE, {"field": field}) from None
    if not number.is_finite() or not Decimal(-50) <= number <= Decimal(50):
        raise ApplicationError(OFFSET_RANGE, {"field": field})
    return number


@transaction.atomic
def printer_save(*, actor, unit: Unit, name: str, offset_x, offset_y, note: str = "",
                 printer: PrinterProfile | None = None, version: int | None = None) -> PrinterProfile:
    """Create a printer of UNIT or change PRINTER: its name and its offsets in mm (+x to
    the right, +y down). Raises PermissionDenied without `print.manage` over the unit, and
    StaleError when PRINTER was saved after the form's VERSION."""
    if printer is not None:
        printer = PrinterProfile.objects.select_for_update().select_related("unit").get(pk=printer.pk)
        unit = printer.unit
    access.require(actor, Perm.PRINT_MANAGE, unit)
    if printer is not None:
        concurrency.require_version(printer, version, wanted={
            "name": name, "offset_x": offset_x, "offset_y": offset_y, "note": note})
    name = clean_name(name)
    if not name:
        raise ApplicationError(PRINTER_NAME_REQUIRED, {"field": "name"})
    dx, dy = _offset(offset_x, "offset_x"), _offset(offset_y, "offset_y")
    # Compared in Python: SQLite folds the case of ASCII letters only ("TĐKT" ≠ "tđkt").
    others = PrinterProfile.objects.filter(unit=unit).exclude(pk=printer.pk if printer else None)
    if any(other.casefold() == name.casefold() for other in others.values_list("name", flat=True)):
        raise ApplicationError(PRINTER_NAME_TAKEN % name, {"field": "name"})
    fields = ["name", "offset_x", "offset_y", "note"]
    before = audit.snapshot(printer, fields) if printer is not None else None
    printer = printer or PrinterProfile(unit=unit)
    printer.name, printer.offset_x, printer.offset_y, printer.note = name, dx, dy, (note or "").strip()
    printer.save()
    audit.record(actor=actor, action=A.PRINTER_SAVE, target=printer, unit_path=unit.path, before=before,
                 after=audit.snapshot(printer, fields))
    return printer


# --- printing ----------------------------------------------------------------------------


def _require_printable(actor, awards: Sequence, printer: PrinterProfile | None) -> None:
    for award in awards:
        access.require(actor, Perm.PRINT_MANAGE, path=award.scope_path)
    if printer is not None and not selectors.printers_for_user(actor).filter(pk=printer.pk).exists():
        raise PermissionDenied(access.REFUSED)


def _record_prints(actor, awards: Sequence, sheets: Sequence, printer: PrinterProfile | None, **extra) -> None:
    for award, sheet in zip(awards, sheets, strict=True):
        audit.record(actor=actor, action=A.CERTIFICATE_PRINT, target=award, unit_path=award.scope_path,
                     after={"printer": printer.name if printer else "", "layout": sheet.layout.name,
                            "layout_version": sheet.layout.version, **extra})


def certificates_print(*, actor, awards: Sequence, printer: PrinterProfile | None = None,
                       base_url: str | None = None) -> bytes:
    """The certificates of AWARDS as one PDF (one page each), recorded on every award's
    history ("In bằng khen…", with the printer).

    Raises PermissionDenied unless the actor holds `print.manage` over every award's
    subject and may use PRINTER; ApplicationError for a revoked award or a kind without
    certificate. Not one transaction: the PDF is drawn between the token write and the
    audit write so that SQLite's write lock is not held while WeasyPrint works."""
    _require_printable(actor, awards, printer)
    with transaction.atomic():
        sheets = certificates.award_sheets(awards, base_url=base_url)
    pdf = certificates.html_to_pdf(certificates.sheets_html(sheets, offset=certificates.printer_offset(printer)))
    with transaction.atomic():
        _record_prints(actor, awards, sheets, printer)
    return pdf


# --- large batches, drawn by the task worker ---------------------------------------------


def in_background(count: int) -> bool:
    """Whether a batch of COUNT certificates is drawn by the task worker rather than in
    the request (more than THIDUA_CERTIFICATES_INLINE_MAX)."""
    return count > settings.THIDUA_CERTIFICATES_INLINE_MAX


def _enqueue_render(batch_id: int) -> None:
    result = tasks.enqueue("thidua.printing.tasks.render_certificate_batch", batch_id)
    CertificateBatch.objects.filter(pk=batch_id).update(task_id=str(result.id)[:64])


@transaction.atomic
def certificate_batch_request(*, actor, awards: Sequence, printer: PrinterProfile | None = None,
                              base_url: str = "") -> CertificateBatch:
    """Queue the certificates of AWARDS (in this order) as one PDF drawn by the task
    worker; the render is enqueued once this transaction commits. The file can be
    downloaded until THIDUA_CERTIFICATE_FILES_KEEP_HOURS after the request; older
    batches are pruned here.

    BASE_URL (the request's address) serves the QR codes only in development without
    THIDUA_PUBLIC_URL. Raises what `certificates_print` raises, before anything is
    queued, and ApplicationError(certificates.PUBLIC_URL_REQUIRED) in production
    without THIDUA_PUBLIC_URL."""
    _require_printable(actor, awards, printer)
    certificates.refuse_unprintable(awards)
    certificates.background_public_url(base_url)
    certificate_batches_prune()
    now = timezone.now()
    unit_path = common_path(a.scope_path for a in awards)
    batch = CertificateBatch.objects.create(
        requested_by=actor, award_ids=[a.pk for a in awards], count=len(awards), printer=printer,
        base_url=(base_url or "")[:255], unit_path=unit_path, request_id=audit.current_request_id.get(),
        expires_at=now + dt.timedelta(hours=settings.THIDUA_CERTIFICATE_FILES_KEEP_HOURS),
    )
    audit.record(actor=actor, action=A.CERTIFICATE_BATCH_REQUEST, target=batch, unit_path=unit_path,
                 after={"count": batch.count, "printer": printer.name if printer else ""})
    transaction.on_commit(lambda: _enqueue_render(batch.pk))
    return batch


def _batch_failed(batch: CertificateBatch, message: str) -> CertificateBatch:
    with transaction.atomic():
        BATCHES.shift_all(CertificateBatch.objects.filter(pk=batch.pk), FAIL, error=message, finished_at=timezone.now())
    batch.refresh_from_db()
    return batch


def certificate_batch_render(*, actor, batch: CertificateBatch) -> CertificateBatch:
    """Draw queued BATCH on behalf of ACTOR (who asked for it): the PDF stored, the batch
    ready, the print recorded on every award's history and the file's creation audited
    (with the request id of the page that asked). A batch no longer queued is returned as
    it is (a retried or duplicated task draws nothing twice).

    What refuses the print now (a permission withdrawn, an award revoked meanwhile, no
    THIDUA_PUBLIC_URL in production) leaves the batch failed with its Vietnamese message;
    anything unexpected leaves it failed with BATCH_FAILED and is raised for the worker's
    log. Not one transaction, as `certificates_print`."""
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update(of=("self",)).select_related("printer").get(pk=batch.pk)
        if BATCHES.row(batch.state, START) is None:
            return batch
        BATCHES.shift(batch, START)
        batch.started_at = timezone.now()
        batch.save(update_fields=["state", "started_at"])
    token = audit.current_request_id.set(batch.request_id)
    try:
        return _render(actor, batch)
    except ApplicationError as exc:  # PermissionDenied included
        return _batch_failed(batch, str(exc.message))
    except Exception:
        log.exception("certificate batch %s failed", batch.pk)
        _batch_failed(batch, str(BATCH_FAILED))
        raise
    finally:
        audit.current_request_id.reset(token)


def _render(actor, batch: CertificateBatch) -> CertificateBatch:
    awards = selectors.awards_in_order(batch.award_ids)
    printer = batch.printer
    _require_printable(actor, awards, printer)
    base_url = certificates.background_public_url(batch.base_url)
    with transaction.atomic():
        sheets = certificates.award_sheets(awards, base_url=base_url)
    pdf = certificates.html_to_pdf(certificates.sheets_html(sheets, offset=certificates.printer_offset(printer)))
    batch.file.save(f"bang-khen-{batch.pk}-{secrets.token_urlsafe(12)}.pdf", ContentFile(pdf), save=False)
    with storage.kept_only_with_rows([batch.file]), transaction.atomic():
        batch.size, batch.finished_at = len(pdf), timezone.now()
        seconds = round((batch.finished_at - batch.started_at).total_seconds(), 1)
        _record_prints(actor, awards, sheets, printer, batch=batch.pk)
        BATCHES.move(actor, batch, BATCHES.rows_for(FINISH)[0], fields=["file", "size", "finished_at"],
                     after={"count": batch.count, "size": len(pdf), "seconds": seconds})
    return batch


@transaction.atomic
def certificate_batches_prune(*, now: dt.datetime | None = None) -> int:
    """Fail the batches stalled past `CertificateBatch.RUN_LIMIT`, delete those past their
    `expires_at` and, once that commits, their files; returns how many were deleted. A file
    that cannot be deleted is logged, not raised."""
    now = now or timezone.now()
    # A batch whose worker died mid-way is failed for good, with the reason the page shows.
    BATCHES.shift_all(CertificateBatch.objects.filter(started_at__lt=now - CertificateBatch.RUN_LIMIT), FAIL,
                      error=str(BATCH_STALLED), finished_at=now)
    count = 0
    for batch in CertificateBatch.objects.filter(expires_at__lte=now):
        if batch.file:
            transaction.on_commit(lambda f=batch.file: _delete_file(f.storage, f.name))
        batch.delete()
        count += 1
    return count


def _delete_file(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        log.warning("certificate batch file %s could not be deleted", name)


# --- legal bases -------------------------------------------------------------------------

BASES_TOO_LONG = _("Mỗi căn cứ tối đa 500 ký tự; dòng %(line)d của ô «%(field)s» dài %(length)d ký tự.")


@transaction.atomic
def legal_bases_save(*, actor, unit: Unit, competence: str, regulations: str, version: int | None = None) -> LegalBases:
    """Keep UNIT's căn cứ lines (`printing.bases`). Raises PermissionDenied without
    `print.manage` over UNIT, StaleError when they were saved after the form's VERSION."""
    access.require(actor, Perm.PRINT_MANAGE, unit)
    texts = {"competence": (competence or "").strip(), "regulations": (regulations or "").strip()}
    for field, text in texts.items():
        for number, line in enumerate(text.splitlines(), start=1):
            if len(line) > 500:
                raise ApplicationError(BASES_TOO_LONG % {"line": number, "field": LegalBases._meta.get_field(
                    field).verbose_name, "length": len(line)}, {"field": field})
    row = LegalBases.objects.select_for_update().filter(unit=unit).first()
    if row is not None:
        concurrency.require_version(row, version, wanted=texts)
    before = audit.snapshot(row, list(texts)) if row is not None else None
    row = row or LegalBases(unit=unit)
    row.competence, row.regulations = texts["competence"], texts["regulations"]
    row.save()
    audit.record(actor=actor, action=A.BASES_SAVE, target=row, unit_path=unit.path, before=before,
                 after=audit.snapshot(row, list(texts)))
    return row
