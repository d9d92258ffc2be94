"""Who a dossier's moves tell (`notices.handoffs`, docs/notices.md): the unit's head when its
officer asks for the tờ trình to be signed and the dossier submitted; the receiving desk
(`desks`: the desk the dossier belongs to, not every secretariat above) when it is submitted,
sent back corrected (its reviewer, once assigned) or when a citizen's opinion waits for
moderation; the proposing unit's officers when it is returned, with the reason; the
authority's head when the decision drafted for it waits to be signed."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.roles import Role
from thidua.dossiers import desks
from thidua.dossiers.machines import DOSSIERS, OPINIONS
from thidua.dossiers.models import DossierState
from thidua.notices.handoffs import Handoff, Notice, granted_at, nearest

OPINION_SENT = f"{OPINIONS.name}.sent"
ASK_HEAD = f"{DOSSIERS.name}.ask_head"  # `services.dossier_ask_head` announces it


def desk_users(dossier) -> set[int]:
    """The accounts of the desk that receives DOSSIER (none for one sent out of the tree)."""
    unit = desks.desk_unit(dossier)
    return granted_at(desks.DESK_ROLES, [unit.path]) if unit is not None else set()


def _words(dossier, reason: str = "") -> dict:
    return {"title": dossier.title, "unit": dossier.unit.name, "reason": reason}


def _url(dossier) -> str:
    return reverse("dossiers:detail", args=[dossier.pk])


def _submitted(dossier, reason: str):
    text = _("Hồ sơ «%(title)s» của %(unit)s đã trình, chờ tiếp nhận") % _words(dossier)
    return [Notice(desk_users(dossier), text, _url(dossier))]


def _to_head(dossier, reason: str):
    if dossier.state == DossierState.RETURNED:
        text = _("Hồ sơ «%(title)s» của %(unit)s đã sửa xong, chờ thủ trưởng trình lại") % _words(dossier)
    else:
        text = _("Hồ sơ «%(title)s» của %(unit)s đã lập xong, chờ thủ trưởng ký tờ trình và trình") % _words(dossier)
    if reason:
        text += _(". Ghi chú: %s") % reason
    return [Notice(nearest([Role.UNIT_HEAD], dossier.unit.path), text, _url(dossier))]


def _resubmitted(dossier, reason: str):
    users = {dossier.assigned_to_id} if dossier.assigned_to_id else desk_users(dossier)
    text = _("Hồ sơ «%(title)s» của %(unit)s đã bổ sung, trình lại, chờ thẩm định") % _words(dossier)
    return [Notice(users, text, _url(dossier))]


def _returned(dossier, reason: str):
    text = _("Hồ sơ «%(title)s» của %(unit)s bị trả lại. Lý do: %(reason)s. Cần bổ sung, sửa và trình lại") \
        % _words(dossier, reason)
    return [Notice(nearest([Role.UNIT_OFFICER], dossier.unit.path), text, _url(dossier))]


def _to_sign(dossier, reason: str):
    text = _("Dự thảo quyết định khen thưởng cho hồ sơ «%(title)s» của %(unit)s chờ ký") % _words(dossier)
    return [Notice(nearest([Role.UNIT_HEAD], dossier.authority_path), text, _url(dossier))]


def _opinion(opinion, reason: str):
    dossier = opinion.dossier
    text = _("Ý kiến của Nhân dân về hồ sơ «%(title)s» của %(unit)s chờ kiểm duyệt") % _words(dossier)
    return [Notice(desk_users(dossier), text, reverse("dossiers:opinions", args=[dossier.pk]))]


DOSSIER_HANDOFFS = [
    Handoff(ASK_HEAD, _to_head),
    Handoff(f"{DOSSIERS.name}.submit", _submitted),
    Handoff(f"{DOSSIERS.name}.resubmit", _resubmitted),
    Handoff(f"{DOSSIERS.name}.return", _returned),
    Handoff(f"{DOSSIERS.name}.draft_decision", _to_sign),
]
OPINION_HANDOFFS = [Handoff(OPINION_SENT, _opinion)]
