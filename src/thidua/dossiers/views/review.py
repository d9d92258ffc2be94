"""The workflow's steps from the dossier page (submit, receive, consultation, council…) and
the review: assigning, accepting or excluding items, returning the dossier."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.catalog import display
from thidua.core.views_util import attempt, int_param
from thidua.dossiers import services
from thidua.dossiers.machines import DOSSIERS
from thidua.dossiers.models import ItemState
from thidua.dossiers.services import ReturnNote
from thidua.dossiers.views.common import _back, _dossier, _require_role
from thidua.dossiers.workflow import workflow

IS = ItemState


# The steps the dossier page takes here (the machine's slug in the URL) → (service, success
# message). The review (accept, return) has its own pages; the councils and decisions apps
# take theirs.
STEPS = {
    "submit": (services.dossier_submit, _("Đã trình hồ sơ.")),
    "receive": (services.dossier_receive, _("Đã tiếp nhận hồ sơ.")),
    "resubmit": (services.dossier_resubmit, _("Đã trình lại hồ sơ.")),
    "open_consultation": (services.dossier_open_consultation, _("Đã công khai lấy ý kiến.")),
    "close_consultation": (services.dossier_close_consultation, _("Đã kết thúc lấy ý kiến công khai.")),
    "to_council": (services.dossier_to_council, _("Đã trình Hội đồng Thi đua – Khen thưởng.")),
    "recall": (services.dossier_recall, _("Đã rút hồ sơ về thẩm định lại.")),
    "cancel": (services.dossier_cancel, _("Đã hủy hồ sơ.")),
}


@login_required
@require_POST
def transition(request, pk: int, slug: str):
    action = DOSSIERS.by_slug(slug)
    if action not in STEPS:
        raise Http404
    service, done = STEPS[action]
    dossier = _dossier(request, pk)
    _require_role(request, dossier, action)
    kwargs = {"dossier": dossier, "reason": request.POST.get("y-kien", "")}
    if action in ("submit", "resubmit"):
        kwargs["quota_justification"] = request.POST.get("giai-trinh-ty-le", "")
    if action == "receive" and int_param(request.POST.get("nguoi-tham-dinh")):
        kwargs["assignee"] = get_object_or_404(get_user_model(), pk=int_param(request.POST.get("nguoi-tham-dinh")))
    if action == "open_consultation" and int_param(request.POST.get("so-ngay")):
        kwargs["days"] = int_param(request.POST.get("so-ngay"))
    attempt(request, service, success=done, **kwargs)
    return _back(dossier)


@login_required
@require_POST
def assign(request, pk: int):
    dossier = _dossier(request, pk, "assign")
    assignee = get_object_or_404(get_user_model(), pk=int_param(request.POST.get("nguoi-tham-dinh")))
    attempt(request, services.dossier_assign, success=_("Đã phân công thẩm định."), dossier=dossier, assignee=assignee)
    return _back(dossier)


@login_required
@require_POST
def review(request, pk: int):
    """Accept the checked items, or exclude one item with its reason."""
    dossier = _dossier(request, pk)
    _require_role(request, dossier, "accept")
    excluded = int_param(request.POST.get("khong-trinh"))
    if excluded:
        verdict = {"exclude": {excluded: request.POST.get("ly-do", "")}}
    else:
        verdict = {"accept": [int_param(v) for v in request.POST.getlist("chon") if int_param(v)],
                   "reason": request.POST.get("y-kien", "")}
    attempt(request, services.dossier_accept_items, success=_("Đã ghi kết quả thẩm định."), dossier=dossier, **verdict)
    return _back(dossier)


@login_required
@require_http_methods(["GET", "POST"])
def return_form(request, pk: int):
    """Return the dossier: reason checkboxes and a comment for the dossier and for each item
    returned, and the item fields to correct."""
    dossier = _dossier(request, pk)
    _require_role(request, dossier, "return")
    if not services.may(request.user, dossier, "return"):
        messages.error(request, services.WRONG_STATE % {"action": _("trả lại"), "state": dossier.get_state_display()})
        return _back(dossier)
    items = list(dossier.items.filter(state__in=[IS.PENDING, IS.ACCEPTED]).select_related("held_unit"))
    reasons = workflow().return_reasons
    if request.method == "POST":
        notes = {}
        for item in items:
            if request.POST.get(f"tra-{item.pk}"):
                notes[item.pk] = ReturnNote(codes=tuple(request.POST.getlist(f"ly-do-{item.pk}")),
                                            fields=tuple(request.POST.getlist(f"noi-dung-{item.pk}")),
                                            comment=request.POST.get(f"y-kien-{item.pk}", ""))
        if attempt(request, services.dossier_return, success=_("Đã trả lại hồ sơ để đơn vị bổ sung, sửa."),
                   dossier=dossier, items=notes, codes=request.POST.getlist("ly-do"),
                   reason=request.POST.get("y-kien", "")):
            return _back(dossier)
    name = display.dossier_namer(dossier)
    for item in items:
        item.kind_name = name(item.kind)
        item.checked = request.POST.get(f"tra-{item.pk}") if request.method == "POST" else ""
    return render(request, "dossiers/return.html", {
        "dossier": dossier, "items": items,
        "item_reasons": [r for r in reasons.values() if "item" in r.targets],
        "dossier_reasons": [r for r in reasons.values() if "dossier" in r.targets],
        "fields": workflow().return_fields.items()})
