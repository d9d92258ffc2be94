"""Reminders the dossiers owe (registered with `thidua.notices.due`): each live dossier whose
current step is due within a week, or already late, to whoever must act at that step —
the unit (a draft to send, a returned dossier to correct), the receiving secretariat (to
receive, to review; the assigned reviewer when there is one), whoever drafts decisions."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.core.roles import Perm
from thidua.dossiers.models import Dossier, DossierState
from thidua.notices.due import AHEAD, Due, responsible_users

S = DossierState

# State → (whose step: "unit" or "authority", the permission (or permissions) that act, the
# reminder's words). A draft concerns both the officer who completes it and the head who signs
# it off.
STEPS = {
    S.DRAFT: ("unit", (Perm.DOSSIER_CHANGE, Perm.DOSSIER_SUBMIT), _("Hạn trình hồ sơ «%(title)s»")),
    S.RETURNED: ("unit", Perm.DOSSIER_CHANGE, _("Bổ sung, sửa hồ sơ bị trả lại «%(title)s»")),
    S.SUBMITTED: ("authority", Perm.DOSSIER_REVIEW, _("Tiếp nhận hồ sơ «%(title)s» của %(unit)s")),
    S.RECEIVED: ("authority", Perm.DOSSIER_REVIEW, _("Thẩm định hồ sơ «%(title)s» của %(unit)s")),
    S.UNDER_REVIEW: ("authority", Perm.DOSSIER_REVIEW, _("Thẩm định hồ sơ «%(title)s» của %(unit)s")),
    S.CONSULTATION: ("authority", Perm.DOSSIER_REVIEW, _("Kết thúc lấy ý kiến hồ sơ «%(title)s»")),
    S.TO_COUNCIL: ("authority", Perm.DOSSIER_REVIEW, _("Hồ sơ «%(title)s» chờ Hội đồng xét")),
    S.VOTED: ("authority", Perm.DECISION_CHANGE, _("Dự thảo quyết định cho hồ sơ «%(title)s»")),
    S.DECISION_DRAFTED: ("authority", Perm.DECISION_CHANGE, _("Trình ký quyết định cho hồ sơ «%(title)s»")),
}


def _nearest(grants: list[tuple[int, str]], path: str) -> set[int]:
    """The users whose grant covering PATH is the nearest one: the unit's own officers rather
    than a province secretariat that also covers it (an administrator only when nobody
    nearer holds the permission)."""
    covering = [(uid, prefix) for uid, prefix in grants if path.startswith(prefix)]
    if not covering:
        return set()
    depth = max(len(prefix) for _uid, prefix in covering)
    return {uid for uid, prefix in covering if len(prefix) == depth}


def _perms(perms) -> tuple:
    return perms if isinstance(perms, tuple) else (perms,)


def dossier_reminders(today: dt.date) -> list[Due]:
    items = []
    dossiers = (Dossier.objects.filter(state__in=list(STEPS), due_on__isnull=False, due_on__lte=today + AHEAD)
                .select_related("unit", "authority_unit"))
    grants = {perm: responsible_users(perm) for _side, perms, _words in STEPS.values() for perm in _perms(perms)}
    for dossier in dossiers:
        side, perms, words = STEPS[dossier.state]
        path = dossier.unit.path if side == "unit" else dossier.authority_path
        if side == "authority" and dossier.assigned_to_id and perms == Perm.DOSSIER_REVIEW:
            users = {dossier.assigned_to_id}
        else:
            users = set().union(*(_nearest(grants[perm], path) for perm in _perms(perms)))
        title = str(words) % {"title": dossier.title, "unit": dossier.unit.name}
        url = reverse("dossiers:detail", args=[dossier.pk])
        for uid in sorted(users):
            items.append(Due(uid, f"dossier:{dossier.pk}:{dossier.state}:{dossier.due_on}", title, url,
                             dossier.due_on))
    return items
