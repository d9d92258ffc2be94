"""The Excel file of a qualified list: written in the request when short, else by the task
worker (`ListExport`), so a province-wide list never holds a serving process."""

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import audit, storage
from thidua.core.tasks import enqueue
from thidua.core.xlsx import build_xlsx
from thidua.eligibility import audit_actions as A
from thidua.eligibility import listing
from thidua.eligibility.machines import EXPORTS, FAIL, FINISH
from thidua.eligibility.models import ListExport
from thidua.org import labels

log = logging.getLogger(__name__)
HEADERS = (gettext_lazy("STT"), gettext_lazy("Cá nhân / tập thể"), gettext_lazy("Đơn vị"), gettext_lazy("Tỷ lệ"),
           gettext_lazy("Lý do đủ điều kiện"), gettext_lazy("Căn cứ"))


def inline_max() -> int:
    """Rows written in the request; longer lists go to the worker."""
    return getattr(settings, "THIDUA_LIST_EXPORT_INLINE_MAX", 2000)


def keep_hours() -> int:
    return getattr(settings, "THIDUA_LIST_EXPORT_KEEP_HOURS", 24)


def lines(user, query: listing.Query):
    """The rows of the file, numbered, judged a chunk at a time (`listing.qualified_rows`)."""
    chunk, n = [], 0
    for row in listing.qualified_rows(user, query):
        chunk.append(row)
        if len(chunk) == listing.EXPORT_CHUNK:
            yield from _lines(chunk, n)
            n, chunk = n + len(chunk), []
    yield from _lines(chunk, n)


def _lines(rows: list, before: int):
    names = labels.unit_texts({r.unit for r in rows})
    for i, r in enumerate(rows, start=before + 1):
        yield (i, r.label, names[r.unit.pk], _("Vượt tỷ lệ") if r.over_quota else _("Trong tỷ lệ"),
               " ".join(r.verdict.reasons), "; ".join(r.verdict.basis))


def title(query: listing.Query, name: str) -> str:
    return _("Danh sách đủ điều kiện %(name)s năm %(year)s — %(unit)s") % {
        "name": name, "year": query.year, "unit": query.unit.name}


def workbook(user, query: listing.Query, name: str) -> bytes:
    return build_xlsx(title(query, name), [str(h) for h in HEADERS], lines(user, query))


def list_exports_prune() -> None:
    """Delete the files and rows of exports past their time."""
    for export in ListExport.objects.filter(expires_at__lt=timezone.now()):
        if export.file:
            export.file.storage.delete(export.file.name)
        export.delete()


@transaction.atomic
def list_export_request(*, actor, query: listing.Query, name: str, count: int) -> ListExport:
    """Queue the Excel file of QUERY's list (COUNT rows) for the worker; it is enqueued once
    this transaction commits. ACTOR reached QUERY's unit through the scope (the view)."""
    list_exports_prune()
    export = ListExport.objects.create(
        requested_by=actor, unit=query.unit, year=query.year, code=query.code, name=name[:255], q=query.q[:200],
        by_unit=query.by_unit, count=count, expires_at=timezone.now() + dt.timedelta(hours=keep_hours()))
    audit.record(actor=actor, action=A.LIST_EXPORT_REQUEST, target=export, unit_path=query.unit.path,
                 after={"danh hiệu": name, "năm": query.year, "số dòng": count})
    transaction.on_commit(lambda: enqueue("thidua.eligibility.tasks.build_list_export", export.pk))
    return export


def list_export_build(export: ListExport) -> ListExport:
    """Write EXPORT's file with its requester's rights now (a scope narrowed meanwhile
    narrows the file); a failure leaves it failed with a message and is logged."""
    if export.state != ListExport.State.QUEUED:
        return export  # a retried task writes nothing twice
    query = listing.Query(unit=export.unit, year=export.year, code=export.code, q=export.q, by_unit=export.by_unit)
    try:
        content = workbook(export.requested_by, query, export.name)
    except Exception:
        log.exception("list export %s failed", export.pk)
        EXPORTS.shift(export, FAIL)
        export.error, export.finished_at = _("Không tạo được tệp Excel; hãy yêu cầu lại."), timezone.now()
        export.save(update_fields=["state", "error", "finished_at"])
        raise
    export.file.save(f"du-dieu-kien-{export.pk}-{secrets.token_urlsafe(12)}.xlsx", ContentFile(content), save=False)
    with storage.kept_only_with_rows([export.file]), transaction.atomic():
        EXPORTS.shift(export, FINISH)
        export.finished_at = timezone.now()
        export.save(update_fields=["file", "state", "finished_at"])
    return export
