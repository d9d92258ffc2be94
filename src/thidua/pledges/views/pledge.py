"""The pledge pages: the list, a bloc's year, a pledge, its edit form, its moves, the copy of
last year's table and the signatures."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.views_util import attempt, attempt_once
from thidua.documents import selectors as document_selectors
from thidua.pledges import machines, policy, selectors, services
from thidua.pledges.forms import PledgeCreateForm, PledgeEditForm
from thidua.pledges.machines import PLEDGES
from thidua.pledges.models import PledgeStatus


@login_required
def pledge_list(request):
    return render(request, "pledges/list.html", {"pledges": selectors.pledges_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def bloc_year(request, bloc: int, year: int):
    """The bloc's pledge for YEAR, or the form that creates it."""
    bloc_obj, standing, pledge = selectors.bloc_year_for(request.user, bloc, year)
    if pledge is not None:
        return redirect("pledges:detail", pledge.pk)
    form = None
    if standing.organiser:
        form = PledgeCreateForm(request.POST or None, initial={
            "title": _("Giao ước thi đua năm %(year)s — %(bloc)s") % {"year": year, "bloc": bloc_obj.name},
            "copy_last_year": True,
        })
        if request.method == "POST" and form.is_valid():
            done = attempt_once(request, services.pledge_create, form=form, bloc=bloc_obj, year=year,
                                lands_on=lambda pledge: reverse("pledges:detail", args=[pledge.pk]),
                                success=lambda _p: _("Đã tạo giao ước thi đua năm %s.") % year, **form.cleaned_data)
            if done:
                return redirect(done.url)
    elif request.method == "POST":
        raise PermissionDenied(access.REFUSED)
    return render(request, "pledges/bloc_year.html", {"bloc": bloc_obj, "year": year, "form": form,
                                                      "standing": standing})


@login_required
def pledge_detail(request, pk: int):
    pledge = selectors.pledge_get_for(request.user, pk)
    groups = selectors.table(pledge)
    return render(request, "pledges/detail.html", {
        "pledge": pledge, "st": pledge.standing, "groups": groups, "totals": selectors.table_totals(groups),
        "members": selectors.signatures(pledge), "rounds": selectors.rounds_of(pledge),
        "has_earlier": pledge.state == PledgeStatus.DRAFT and not groups and pledge.bloc.pledges.filter(
            year__lt=pledge.year).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def pledge_edit(request, pk: int):
    pledge = selectors.pledge_get_for(request.user, pk)
    policy.require(pledge.standing.organiser)
    documents = document_selectors.documents_for(request.user)
    form = PledgeEditForm(request.POST or None, documents=documents, version=pledge.version, initial={
        "title": pledge.title, "content": pledge.content, "signed_on": pledge.signed_on, "document": pledge.document})
    if request.method == "POST" and form.is_valid():
        done = attempt(request, services.pledge_update, success=_("Đã lưu thông tin giao ước."), form=form,
                       pledge=pledge, **form.cleaned_data)
        if done:
            return redirect("pledges:detail", pledge.pk)
    return render(request, "pledges/form.html", {"form": form, "pledge": pledge, "title": _("Sửa thông tin giao ước")})


DONE = {
    machines.OPEN: gettext_lazy("Đã ban hành bảng tiêu chí; các đơn vị thành viên có thể ký giao ước."),
    machines.RETURN_TO_DRAFT: gettext_lazy("Đã trả giao ước về soạn thảo."),
    machines.CLOSE: gettext_lazy("Đã kết thúc giao ước năm."),
}


@login_required
@require_POST
def pledge_transition(request, pk: int, slug: str):
    """Every move of a pledge (its slug in `machines.PLEDGES`: ban-hanh, tra-ve-soan-thao,
    ket-thuc)."""
    pledge = selectors.pledge_get_for(request.user, pk)
    action = PLEDGES.by_slug(slug)
    if action is None:
        raise Http404
    attempt(request, services.pledge_transition, success=DONE[action], pledge=pledge, action=action)
    return redirect("pledges:detail", pledge.pk)


@login_required
@require_POST
def pledge_copy(request, pk: int):
    """Last year's scoring table into this draft's empty one."""
    pledge = selectors.pledge_get_for(request.user, pk)
    attempt(request, services.pledge_copy_from_last_year, success=_("Đã sao chép bảng tiêu chí năm trước."),
            pledge=pledge)
    return redirect("pledges:detail", pledge.pk)


@login_required
@require_POST
def pledge_sign(request, pk: int):
    pledge = selectors.pledge_get_for(request.user, pk)
    unit_id = request.POST.get("unit", "")
    if not unit_id.isdigit() or int(unit_id) not in pledge.standing.members:
        raise Http404
    policy.require(pledge.standing.acts_for(int(unit_id)))
    unit = pledge.standing.members[int(unit_id)].unit
    attempt(request, services.pledge_sign, success=_("%s đã ký giao ước.") % unit.name, pledge=pledge, unit=unit)
    return redirect("pledges:detail", pledge.pk)
