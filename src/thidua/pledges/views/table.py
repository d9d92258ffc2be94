"""The criteria editor of a draft pledge's scoring table."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core.views_util import attempt, attempt_once
from thidua.pledges import policy, selectors, services
from thidua.pledges.forms import CriterionForm, GroupForm
from thidua.pledges.models import PledgeStatus


@login_required
@require_http_methods(["GET", "POST"])
def criteria(request, pk: int):
    """The criteria editor of a draft table: groups, criteria, edit and delete."""
    pledge = selectors.pledge_get_for(request.user, pk)
    policy.require(pledge.standing.organiser)
    editable = pledge.state == PledgeStatus.DRAFT
    groups_qs = pledge.groups.all()
    edit_c = pledge.criteria.filter(pk=request.GET.get("sua") or 0).first() if editable else None
    edit_g = groups_qs.filter(pk=request.GET.get("sua-nhom") or 0).first() if editable else None
    which = request.POST.get("form", "")
    group_form = GroupForm(request.POST if which == "group" else None, prefix="g", initial=(
        {"code": edit_g.code, "name": edit_g.name, "order": edit_g.order} if edit_g else {}),
        version=edit_g.version if edit_g else None)
    c_initial = {"kind": "standard"}
    if edit_c:
        c_initial = {f: getattr(edit_c, f) for f in ("code", "name", "guidance", "max_points", "kind",
                                                      "evidence_required", "order")}
        c_initial["group"] = edit_c.group_id
    elif request.GET.get("nhom"):
        c_initial["group"] = request.GET["nhom"]
    criterion_form = CriterionForm(request.POST if which == "criterion" else None, prefix="c", groups=groups_qs,
                                   initial=c_initial, version=edit_c.version if edit_c else None)
    if request.method == "POST":
        if not editable:
            messages.error(request, services.NOT_DRAFT)
            return redirect("pledges:criteria", pledge.pk)
        done = None
        here, saved = reverse("pledges:criteria", args=[pledge.pk]), _("Đã cập nhật bảng tiêu chí.")
        if which == "group" and group_form.is_valid():
            done = attempt_once(request, services.criterion_group_save, form=group_form, pledge=pledge, group=edit_g,
                                lands_on=lambda _g: here, success=lambda _g: saved, **group_form.cleaned_data)
        elif which == "criterion" and criterion_form.is_valid():
            done = attempt_once(request, services.criterion_save, form=criterion_form, pledge=pledge, criterion=edit_c,
                                lands_on=lambda _c: here, success=lambda _c: saved, **criterion_form.cleaned_data)
        if done:
            return redirect(done.url)
        elif which == "delete-criterion":
            target = pledge.criteria.filter(pk=request.POST.get("id") or 0).first()
            if target is None:
                raise Http404
            done = attempt(request, services.criterion_delete, criterion=target)
        elif which == "delete-group":
            target = groups_qs.filter(pk=request.POST.get("id") or 0).first()
            if target is None:
                raise Http404
            done = attempt(request, services.criterion_group_delete, group=target)
        if done:
            messages.success(request, _("Đã cập nhật bảng tiêu chí."))
            return redirect("pledges:criteria", pledge.pk)
        if which.startswith("delete"):
            return redirect("pledges:criteria", pledge.pk)
    groups = selectors.table(pledge)
    return render(request, "pledges/criteria.html", {
        "pledge": pledge, "groups": groups, "totals": selectors.table_totals(groups), "editable": editable,
        "group_form": group_form, "criterion_form": criterion_form, "edit_c": edit_c, "edit_g": edit_g,
    })
