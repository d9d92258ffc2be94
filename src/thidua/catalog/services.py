"""Writes to the catalog: loading the files as new versions, and an administrator's new
version of one entry. Nothing is ever overwritten or deleted."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from thidua.catalog import audit_actions as A
from thidua.catalog import loader
from thidua.catalog.models import AwardKind, BaseSalary, Source
from thidua.catalog.selectors import all_codes, kind_latest
from thidua.core import access, audit
from thidua.core.errors import ApplicationError, PermissionDenied

ADMIN_ONLY = _("Chỉ quản trị hệ thống được sửa danh mục khen thưởng.")
UNKNOWN_CODE = _("Không có loại khen thưởng mã «%s» trong danh mục.")
NO_CHANGE = _("Nội dung và ngày áp dụng giống hệt phiên bản mới nhất; không tạo phiên bản mới.")
REASON_REQUIRED = _("Hãy ghi lý do (ví dụ văn bản mới làm thay đổi nội dung).")


@dataclass
class LoadResult:
    created_kinds: list[str] = field(default_factory=list)
    unchanged_kinds: int = 0
    created_salaries: list[dt.date] = field(default_factory=list)
    unchanged_salaries: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created_kinds or self.created_salaries)


def _versions(model, key: str, slot: str) -> tuple[dict, dict]:
    """For each KEY of MODEL's entries: its latest version, and for each (KEY, SLOT) the
    hash of the latest version loaded from a file (what an unchanged file still holds)."""
    versions = dict(model.objects.values(key).annotate(m=Max("version")).values_list(key, "m"))
    file_hashes = {(value, at): digest for value, at, digest in model.objects.filter(source=Source.FILE).order_by(
        key, "version").values_list(key, slot, "source_hash")}
    return versions, file_hashes


def _new_versions(model, key: str, entries, fields, slot: str) -> tuple[list, int, Any]:
    """A new version of MODEL for each of ENTRIES (their KEY attribute naming the entry,
    SLOT the date it is in force from: a kind has a version per legal table) whose hash
    differs from the last version of that slot loaded from a file; FIELDS(entry) gives the
    row's other fields. Returns the keys given a version, how many entries were unchanged,
    and the last row written (None for none)."""
    versions, file_hashes = _versions(model, key, slot)
    created, unchanged, last = [], 0, None
    for entry in entries:
        value = getattr(entry, key)
        if file_hashes.get((value, getattr(entry, slot))) == entry.hash:
            unchanged += 1
            continue
        versions[value] = (versions.get(value) or 0) + 1
        last = model.objects.create(**{key: value}, version=versions[value], source=Source.FILE,
                                    source_hash=entry.hash, **fields(entry))
        created.append(value)
    return created, unchanged, last


@transaction.atomic
def catalog_load(*, actor=None, kinds_file: Path | str | None = None,
                 salary_file: Path | str | None = None) -> LoadResult:
    """Load the catalog files as new versions where they changed; idempotent.

    Both files are validated before anything is written (CatalogError, nothing saved).
    An entry gets a new version only when it differs from the last version loaded from a
    file, so reloading an unchanged file writes nothing and never undoes an
    administrator's later version. One `catalog.load` audit event records what changed.
    """
    kinds = loader.load_kinds(kinds_file)
    salaries = loader.load_salaries(salary_file)
    created_by = actor if getattr(actor, "pk", None) else None
    result = LoadResult()
    result.created_kinds, result.unchanged_kinds, last_kind = _new_versions(AwardKind, "code", kinds, lambda e: {
        "valid_from": e.valid_from, "name": e.data["name"], "category": e.data["category"], "rank": e.data["rank"],
        "data": e.data, "created_by": created_by, "reason": str(_("Nạp từ tệp danh mục")),
    }, "valid_from")
    result.created_salaries, result.unchanged_salaries, last_salary = _new_versions(
        BaseSalary, "effective_from", salaries, lambda r: {
            "amount": r.amount, "rounding": r.rounding, "rounding_step": r.rounding_step,
            "legal_basis": r.legal_basis,
        }, "effective_from")
    last_row = last_salary or last_kind
    if last_row is not None:
        audit.record(actor=actor, action=A.CATALOG_LOAD, target=last_row, after={
            "award_kinds": result.created_kinds, "base_salaries": [d.isoformat() for d in result.created_salaries],
        })
    return result


def _next_version(code: str) -> int:
    return (AwardKind.objects.filter(code=code).aggregate(m=Max("version"))["m"] or 0) + 1


FORM_FIELDS = ("name", "category", "group", "subjects", "authority", "coefficients", "requires_public_consultation",
               "certificate", "rank", "legal_basis", "variant_of", "note", "sectors")


@transaction.atomic
def award_kind_new_version(*, actor, code: str, data: dict, valid_from: dt.date, reason: str) -> AwardKind:
    """A new version of the award kind CODE from DATA (the entry's fields), in force from
    VALID_FROM. Administrators only (PermissionDenied). Raises CatalogError for invalid
    content (its `field` names the entry field), ApplicationError for an unknown code, a
    missing reason, or content identical to the latest version.
    """
    if not access.is_admin(actor):
        raise PermissionDenied(ADMIN_ONLY)
    if not (reason or "").strip():
        raise ApplicationError(REASON_REQUIRED, {"field": "reason"})
    latest = kind_latest(code)
    if latest is None:
        raise ApplicationError(UNKNOWN_CODE % code)
    # Serialise versions of one code: the unique (code, version) constraint would refuse a
    # racing second writer anyway, this makes it wait instead.
    list(AwardKind.objects.select_for_update().filter(code=code).values_list("pk", flat=True))
    raw = {k: v for k, v in data.items() if k in FORM_FIELDS} | {"code": code, "valid_from": valid_from}
    normalized, valid_from = loader.validate_kind(raw, known_codes=all_codes(), file=str(_("biểu mẫu")),
                                                  entry=code)
    if normalized == latest.data and valid_from == latest.valid_from:
        raise ApplicationError(NO_CHANGE)
    version = AwardKind.objects.create(
        code=code, version=_next_version(code), valid_from=valid_from, name=normalized["name"],
        category=normalized["category"], rank=normalized["rank"], data=normalized, source=Source.ADMIN,
        source_hash=loader.content_hash(normalized, valid_from), reason=reason.strip(), created_by=actor,
    )
    audit.record(actor=actor, action=A.AWARD_KIND_VERSION, target=version,
                 before={"version": latest.version, "valid_from": latest.valid_from.isoformat(), **latest.data},
                 after={"version": version.version, "valid_from": valid_from.isoformat(), **normalized},
                 reason=reason.strip())
    return version
