"""What every dossier service shares: the audit row with its labels, the clock, the lock,
the item list and the bulk refresh of verdicts and flags."""

import datetime as dt
import json

from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from thidua.catalog.selectors import kind_names
from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import fold
from thidua.dossiers import checks
from thidua.dossiers.models import Dossier, DossierItem, DossierState, ItemState
from thidua.dossiers.services.messages import ITEM_NOT_EDITABLE, NOT_EDITABLE

S, IS = DossierState, ItemState


AUDIT_LIST_MAX = 200


# Audit keys that are not fields of Dossier, shown under these words in the history panel
# (keys that are fields are labelled by the panel itself).
AUDIT_KEYS = {
    "count": _("số trường hợp"), "item": _("trường hợp"), "justification": _("giải trình"),
    "flags": _("cảnh báo được giải trình"), "flagged": _("số trường hợp có cảnh báo"), "document": _("tài liệu"),
    "quota": _("vượt tỷ lệ"), "corrected": _("trường hợp đã sửa"), "accepted": _("nhất trí trình"),
    "excluded": _("không trình"), "codes": _("lý do trả lại hồ sơ"), "published": _("công khai lấy ý kiến"),
    "until": _("lấy ý kiến đến ngày"), "opinions": _("số ý kiến góp ý"), "votes": _("kết quả bỏ phiếu"),
    "reference": _("phiên họp, văn bản"), "waiting": _("số trường hợp chờ phiên họp sau"),
    "decision_number": _("số quyết định"), "decided": _("số trường hợp được khen thưởng"),
    "refused": _("số trường hợp không được khen thưởng"), "to": _("trình đến"), "opinion": _("ý kiến số"),
    "name": _("người góp ý"), "status": _("trạng thái ý kiến"), "handling": _("kết quả xử lý"),
    "kind": _("hình thức đề nghị"), "period_from": _("thành tích từ năm"), "period_to": _("thành tích đến năm"),
    "achievement": _("tóm tắt thành tích"), "report_text": _("báo cáo thành tích"),
    "papers": _("văn bản của cơ quan trình"),
}


def labelled(data: dict | None) -> dict | None:
    """DATA with its keys worded as the history panel shows them (`AUDIT_KEYS`)."""
    return {vi(AUDIT_KEYS[k]) if k in AUDIT_KEYS else k: v for k, v in data.items()} if data else data


def record(*, before: dict | None = None, after: dict | None = None, **kwargs):
    return audit.record(before=labelled(before), after=labelled(after), **kwargs)


def vi(text) -> str:
    with translation.override("vi"):
        return str(text)


def state_label(state: str) -> str:
    return vi(S(state).label)


def now():
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate()


def received_on(dossier: Dossier) -> dt.date:
    """The day the competent body received DOSSIER, which decides the rule set of a law that
    changed meanwhile (`rules.transition`); today for one not received yet, which can only
    be received from today on."""
    return timezone.localdate(dossier.received_at) if dossier.received_at else today()


def lock(dossier: Dossier) -> Dossier:
    return (Dossier.objects.select_for_update(of=("self",))
            .select_related("unit", "authority_unit", "movement").get(pk=dossier.pk))


def items_of(dossier: Dossier):
    return list(dossier.items.select_related("person", "unit", "held_unit").order_by("search_key", "pk"))


def search_key(dossier: Dossier) -> str:
    return fold(f"{dossier.title} {dossier.number} {dossier.unit.name}")[:800]


def names(items: list[DossierItem], limit: int = 10) -> str:
    kinds = kind_names()
    shown = ", ".join(f"{i.subject_name} ({kinds.get(i.kind, i.kind)})" for i in items[:limit])
    return shown + (_t(" và %d trường hợp khác") % (len(items) - limit) if len(items) > limit else "")


def set_verdict(item: DossierItem, judged: checks.Judged, now) -> None:
    item.verdict_eligible = judged.eligible
    item.verdict = judged.as_json() if judged.eligible is not None else {}
    item.verdict_ruleset = judged.ruleset
    item.verdict_at = now


def save_grouped(items: list[DossierItem], fields: list[str]) -> None:
    """Write FIELDS of ITEMS with one UPDATE per distinct set of values: a list shares a
    handful of verdicts and flags, and a 500-row CASE (bulk_update) costs far more to build."""
    groups: dict[str, list[int]] = {}
    values: dict[str, dict] = {}
    for item in items:
        row = {f: getattr(item, f) for f in fields}
        key = json.dumps(row, sort_keys=True, default=str)
        groups.setdefault(key, []).append(item.pk)
        values[key] = row
    for key, pks in groups.items():
        DossierItem.objects.filter(pk__in=pks).update(**values[key])


def refresh(dossier: Dossier, items: list[DossierItem], *, rejudge: bool) -> list[DossierItem]:
    """Recompute (REJUDGE: the verdicts and) the duplicate flags of ITEMS, in bulk, and save
    what changed: what the checks say now is what the dossier shows and what a transition
    relies on."""
    before = {i.pk: (i.verdict_eligible, i.verdict, i.verdict_ruleset, i.warnings) for i in items}
    at = now()
    if rejudge:
        judged = checks.judge(items, received_on(dossier))
        for item in items:
            set_verdict(item, checks.verdict_of(judged, item), at)
    dups = checks.duplicates(items, dossier.commendation_type)
    facts = checks.statement_facts(items)
    for index, item in enumerate(items):
        item.warnings = checks.item_warnings(item, dups.get(index), facts)
    changed = [i for i in items if before[i.pk] != (i.verdict_eligible, i.verdict, i.verdict_ruleset, i.warnings)]
    save_grouped(changed, ["verdict_eligible", "verdict", "verdict_ruleset", "warnings"])
    if rejudge:  # when the engine was asked again, even an unchanged answer is dated now
        DossierItem.objects.filter(pk__in=[i.pk for i in items]).update(verdict_at=at)
    return items


def lock_item(item: DossierItem) -> tuple[Dossier, DossierItem]:
    d = lock(item.dossier)
    item = DossierItem.objects.select_related("person", "unit", "held_unit").get(pk=item.pk, dossier=d)
    return d, item


def require_item_editable(actor, d: Dossier, item: DossierItem) -> None:
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if d.state == S.DRAFT:
        return
    if d.state == S.RETURNED:
        if item.state != IS.RETURNED:
            raise ApplicationError(ITEM_NOT_EDITABLE % item.subject_name)
        return
    raise ApplicationError(NOT_EDITABLE % state_label(d.state))
