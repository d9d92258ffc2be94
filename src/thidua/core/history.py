"""The "Lịch sử thay đổi" panel's text: each recorded change under its field's Vietnamese
label, its values the way the rest of the site writes them (dd/mm/yyyy, 3.800.000 đ, Có/Không,
choice labels, names instead of ids).

A service records either a model's `snapshot` or keys of its own ("year", "role",
"signed_at"); a key that is no field of the target is read as the field of that name in the
target's app, then in any app, so "role" on a bloc reads as a bloc membership's "vai trò".
"""

import contextlib
import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.hooks import Hook

# Audit keys written under a field's old name → its name now.
RENAMED = {"status": "state"}

# Bookkeeping no user reads: ids, hashes, version counters, the tree's columns, the
# engine's raw verdicts and layout revisions.
HIDDEN = frozenset({
    "id", "version", "layout_version", "opinion", "search_key", "sender_hash", "sha256", "token", "task_id",
    "request_id", "unit_path", "path", "depth", "numchild", "source_hash", "target_type", "target_id", "mark",
    "holes", "quota_snapshot", "verdict", "verdict_ruleset", "warnings", "updated_at",
})

# Keys services record that are no model field, and fields Django names by themselves
# (no verbose_name of their own): their Vietnamese labels.
KEY_LABELS = {
    "year": _("năm"), "unit": _("đơn vị"), "units": _("đơn vị"), "item": _("trường hợp"), "items": _("các trường hợp"),
    "group": _("nhóm tiêu chí"), "groups": _("số nhóm tiêu chí"), "criterion": _("tiêu chí"),
    "criteria": _("số tiêu chí"), "file": _("tệp"), "document": _("tài liệu"), "count": _("số lượng"),
    "valid_from": _("áp dụng từ ngày"), "submitted_at": _("thời điểm gửi"), "submitted_by": _("người gửi"),
    "role": _("vai trò"), "registered": _("đã đăng ký"), "proposals": _("đề nghị"), "printer": _("máy in"),
    "panel": _("đơn vị chấm chéo"), "movement": _("phong trào"), "held": _("nắm giữ"), "handling": _("xử lý"),
    "waiting": _("chờ"), "successor": _("đơn vị kế thừa"), "size": _("dung lượng (byte)"),
    "signed_at": _("thời điểm ký"), "seconds": _("thời gian xử lý (giây)"), "rows_ok": _("số dòng hợp lệ"),
    "rows": _("số dòng"), "ranking": _("xếp hạng"), "papers": _("văn bản"), "layout": _("mẫu in"),
    "kind": _("loại"), "justification": _("giải trình"), "from_year": _("sao chép từ năm"),
    "flags": _("cảnh báo"), "flagged": _("số trường hợp có cảnh báo"), "exemplars": _("điển hình"),
    "errors": _("lỗi"), "basis": _("căn cứ"), "base_salaries": _("mức lương cơ sở"),
    "award_kinds": _("hình thức khen thưởng"), "to_trinh": _("tờ trình"), "quyet_dinh": _("quyết định"),
    "danh_sach": _("danh sách"), "bien_ban": _("biên bản"), "bloc": _("khối thi đua"),
    "created_at": _("thời điểm tạo"), "created_by": _("người tạo"), "dossier": _("hồ sơ"),
    "member": _("thành viên"), "agenda_item": _("trường hợp xét"), "user": _("tài khoản"), "person": _("cá nhân"),
    "meeting": _("phiên họp"), "decision": _("quyết định"), "award": _("khen thưởng"),
    "initiative": _("sáng kiến"), "account": _("tài khoản"), "approved_by": _("người duyệt"),
    "approved_at": _("thời điểm duyệt"), "reviewed_by": _("người thẩm định"), "reviewed_at": _("thời điểm thẩm định"),
    "returned_by": _("người trả lại"), "returned_at": _("thời điểm trả lại"), "resubmitted_at": _("thời điểm gửi lại"),
    "justified_by": _("người giải trình"), "justified_at": _("thời điểm giải trình"),
    "justified_flags": _("cảnh báo đã giải trình"), "quota_justified_by": _("người giải trình vượt tỷ lệ"),
    "quota_justified_at": _("thời điểm giải trình vượt tỷ lệ"), "moderated_by": _("người kiểm duyệt"),
    "moderated_at": _("thời điểm kiểm duyệt"), "handled_by": _("người xử lý"), "handled_at": _("thời điểm xử lý"),
    "granted_at": _("thời điểm công nhận"), "started_at": _("bắt đầu lúc"), "finished_at": _("kết thúc lúc"),
    "cloned_from": _("sao chép từ"), "order": _("thứ tự"), "agree": _("đồng ý"), "disagree": _("không đồng ý"),
    "lower": _("đề nghị mức thấp hơn"), "voters": _("số người bỏ phiếu"), "invalid": _("phiếu không hợp lệ"),
    "choice": _("lựa chọn"), "url": _("địa chỉ"), "name": _("tên"), "full_name": _("họ và tên"),
    "email": _("thư điện tử"), "username": _("tên đăng nhập"), "is_active": _("đang hoạt động"),
    "cccd": _("số CCCD"), "state": _("trạng thái"), "status": _("trạng thái"), "cancel_reason": _("lý do hủy"),
    "external_authority": _("cơ quan cấp trên"),
}

YES, NO, NONE = _("Có"), _("Không"), "—"

# Fields holding an award kind's code, as "app_label.model.field": the apps owning them add
# theirs (`holds_award_kinds`) and the catalog, above core, names the codes.
AWARD_KIND_FIELDS: set[str] = set()
award_kind_names = Hook("award_kind_names", lambda: {})


def holds_award_kinds(*fields: str) -> None:
    AWARD_KIND_FIELDS.update(fields)


def _holds_kind(field) -> bool:
    return field is not None and hasattr(field, "model") and \
        f"{field.model._meta.label_lower}.{field.name}" in AWARD_KIND_FIELDS


@dataclass
class Change:
    label: str
    old: Any
    new: Any


def _auto_named(field) -> bool:
    return str(getattr(field, "verbose_name", field.name)) == field.name.replace("_", " ")


@functools.lru_cache(maxsize=1024)
def _field(model, key: str):
    """The field KEY names: on MODEL, else on a model of MODEL's app, else of any thidua app."""
    name = RENAMED.get(key, key)
    if model is not None:
        with contextlib.suppress(FieldDoesNotExist):
            return model._meta.get_field(name)
    candidates = []
    for other in apps.get_models():
        if not other.__module__.startswith("thidua."):
            continue
        with contextlib.suppress(FieldDoesNotExist):
            found = other._meta.get_field(name)
            if getattr(found, "concrete", False) and not _auto_named(found):
                same_app = model is not None and other._meta.app_label == model._meta.app_label
                candidates.append((not same_app, found))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _label(field, key: str) -> str:
    if field is not None and not getattr(field, "concrete", True):  # a reverse relation: the related model's name
        return str(field.related_model._meta.verbose_name_plural)
    if field is None or _auto_named(field):
        return str(KEY_LABELS.get(key, key.replace("_", " ")))
    return str(field.verbose_name).replace(" (đồng)", "")


def _is_money(field) -> bool:
    return isinstance(field, models.IntegerField) and "(đồng" in str(getattr(field, "verbose_name", ""))


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _iso(value: str):
    """A date or date-time an audit snapshot wrote as ISO text, or None."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    if len(value) >= 19 and value[4] == "-" and value[10] == "T":
        with contextlib.suppress(ValueError):
            return dt.datetime.fromisoformat(value)
    return None


def money(amount) -> str:
    """3800000 → "3.800.000 đ"."""
    return f"{int(amount):,} đ".replace(",", ".")


def display(field, value, names: dict | None = None):
    """VALUE of FIELD (None for a key that is no field) as the panel writes it; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(YES if value else NO)
    if field is not None and getattr(field, "flatchoices", None):
        labels = {str(code): str(name) for code, name in field.flatchoices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), value)
    if _holds_kind(field) and names is not None:
        return names.get(("kind", str(value)), value)
    if field is not None and field.is_relation and isinstance(value, int) and names is not None:
        return names.get((field.related_model, value), NONE)
    if _is_money(field) and isinstance(value, int | str) and str(value).lstrip("-").isdigit():
        return money(value)
    if isinstance(value, float | Decimal) or (isinstance(field, models.DecimalField) and isinstance(value, str)):
        with contextlib.suppress(InvalidOperation, ValueError):
            return format(Decimal(str(value)).normalize(), "f").replace(".", ",")
    if isinstance(value, str):
        moment = _iso(value)
        if isinstance(moment, dt.datetime):
            return _local(moment).strftime("%H:%M %d/%m/%Y")
        if isinstance(moment, dt.date):
            return moment.strftime("%d/%m/%Y")
    return _readable(value, field)


def _readable(value, field=None):
    """A list a service recorded (names, or one dict per item) as the panel's text: "A, B",
    not Python's "['A', 'B']"."""
    if isinstance(value, dict):
        parts = (display(None, v) for v in value.values() if v not in (None, "", [], {}))
        return " – ".join(str(p) for p in parts if p is not None)
    if isinstance(value, list | tuple):
        parts = [display(None, v) for v in value]
        joiner = "; " if any(isinstance(v, dict) for v in value) else ", "
        return joiner.join(str(p) for p in parts if p not in (None, ""))
    return value


def _model(event):
    try:
        return apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return None


def _shown(event) -> list[tuple[str, Any, Any, Any]]:
    """(key, field, old, new) of each change of EVENT a user reads."""
    before, after = event.before or {}, event.after or {}
    model = _model(event)
    rows = []
    for key in dict.fromkeys([*before.keys(), *after.keys()]):
        if before.get(key) == after.get(key) or key in HIDDEN or key.endswith("_id"):
            continue
        field = _field(model, key)
        if getattr(field, "primary_key", False):
            continue
        rows.append((key, field, before.get(key), after.get(key)))
    return rows


def _names(rows) -> dict:
    """The names of the records foreign keys recorded as ids point to: one query per model."""
    wanted: dict[type, set[int]] = {}
    for _key, field, old, new in rows:
        if field is not None and field.is_relation and field.related_model is not None:
            wanted.setdefault(field.related_model, set()).update(v for v in (old, new) if isinstance(v, int))
    names = {}
    if any(_holds_kind(field) for _key, field, _old, _new in rows):
        names.update({("kind", code): name for code, name in award_kind_names().items()})
    for related, ids in wanted.items():
        if ids:
            for pk, obj in related._default_manager.in_bulk(ids).items():
                names[(related, pk)] = str(obj)
    return names


def changes_of(events) -> list[list[Change]]:
    """The changes of each of EVENTS, in order, for one panel."""
    shown = [_shown(e) for e in events]
    names = _names([row for rows in shown for row in rows])
    out = []
    for rows in shown:
        changes = []
        for key, field, old, new in rows:
            new_text = display(field, new, names)
            changes.append(Change(label=_label(field, key), old=display(field, old, names),
                                  new=NONE if new_text is None else new_text))
        out.append(changes)
    return out


def changes(event) -> list[Change]:
    """The fields an event changed, labelled with the model's Vietnamese field names."""
    return changes_of([event])[0]
