from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once
from thidua.core.xlsx import xlsx_response
from thidua.core.years import evaluation_year
from thidua.org import picker, sectors, selectors, services
from thidua.org.forms import BlocForm, BlocMemberForm, SuccessionForm, UnitEditForm, UnitForm
from thidua.org.models import Bloc, Unit


@login_required
def tree(request):
    return render(request, "org/tree.html", {"roots": selectors.tree_roots_for(request.user)})


@login_required
def unit_choices(request):
    """The unit picker's answers (`org.picker`): JSON, only units in the user's scope."""
    perm = request.GET.get("quyen") or Perm.ORG_VIEW
    if perm not in picker.PERMS:
        raise Http404
    under, levels = request.GET.get("duoi", ""), request.GET.get("cap", "")
    results = picker.choices_for(
        request.user, request.GET.get("q", "")[:100], perm=perm, active=request.GET.get("hoat-dong") == "1",
        under=access.get(request.user, Unit, int(under)) if under.isdigit() else None,
        levels=int(levels) if levels.isdigit() else None, destination=request.GET.get("chuyen-den") == "1")
    return JsonResponse({"results": results})


@login_required
def tree_children(request, pk: int):
    unit = access.get(request.user, Unit, pk)
    return render(request, "org/_tree_children.html", {"children": selectors.unit_children(unit)})


@login_required
def detail(request, pk: int):
    """The unit page; its people, ratings, awards and eligibility are panels of their own
    apps, loaded by htmx."""
    user = request.user
    unit = access.get(user, Unit, pk)
    ancestors = selectors.unit_ancestors(unit, user)
    return render(request, "org/detail.html", {
        "unit": unit,
        "sector_from": sectors.chain_source(unit, ancestors),
        "ancestors": ancestors,
        "children": selectors.unit_children(unit),
        "blocs": selectors.unit_blocs(unit),
        "successions": selectors.unit_successions(unit),
        "can_change": access.can(user, Perm.ORG_CHANGE, unit),
        "can_evaluate": access.can(user, Perm.EVALUATION_CHANGE, unit),
        "can_add_person": access.can(user, Perm.PEOPLE_CHANGE, unit) and unit.is_active,
    })


@login_required
def units_export(request, pk: int):
    unit = access.get(request.user, Unit, pk)
    units = selectors.units_for(request.user).filter(path__startswith=unit.path).order_by("path")
    rows = (
        (u.code, u.name, u.short_name, u.get_kind_display(), u.get_level_display(), u.get_sector_display() or "",
         u.active_from, u.active_until)
        for u in units.iterator(chunk_size=2000)
    )
    headers = [_("Mã đơn vị"), _("Tên đơn vị"), _("Tên viết tắt"), _("Loại hình"), _("Cấp"), _("Khu vực"),
               _("Hoạt động từ"), _("Ngừng hoạt động từ")]
    return xlsx_response(f"danh-sach-don-vi-{unit.code}.xlsx", _("Danh sách đơn vị — %s") % unit.name, headers, rows)


@login_required
@require_http_methods(["GET", "POST"])
def create_child(request, pk: int):
    parent = access.get(request.user, Unit, pk, perm=Perm.ORG_CHANGE)
    form = UnitForm(request.POST or None, initial={"level": parent.level})
    if request.method == "POST" and form.is_valid():
        done = attempt_once(request, services.unit_create, form=form, parent=parent, **form.cleaned_data,
                            lands_on=lambda unit: reverse("org:detail", args=[unit.pk]),
                            success=lambda unit: _("Đã thêm đơn vị %s.") % unit.name)
        if done:
            return redirect(done.value.url)
    return render(request, "org/form.html", {"form": form, "parent": parent, "title": _("Thêm đơn vị trực thuộc"),
                                             "once": True})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    unit = access.get(request.user, Unit, pk, perm=Perm.ORG_CHANGE)
    form = UnitEditForm(request.POST or None, instance=unit, version=unit.version)
    if request.method == "POST" and form.is_valid() and attempt(
            request, services.unit_update, form=form, unit=unit, reason=request.POST.get("reason", ""),
            **form.cleaned_data):
        messages.success(request, _("Đã lưu thông tin đơn vị."))
        return redirect("org:detail", unit.pk)
    return render(request, "org/form.html", {"form": form, "unit": unit, "title": _("Sửa thông tin đơn vị")})


@login_required
@require_http_methods(["GET", "POST"])
def succession(request, pk: int):
    """Record that this unit took over others (the 2025 mergers) and close them."""
    unit = access.get(request.user, Unit, pk, perm=Perm.ORG_CHANGE)
    candidates = selectors.units_for(request.user, Perm.ORG_CHANGE).filter(
        active_until__isnull=True).exclude(pk=unit.pk).exclude(path__startswith=unit.path).order_by("path")
    form = SuccessionForm(request.POST or None, units=candidates)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(request, services.unit_record_succession, form=form, predecessors=list(d["predecessors"]),
                   successor=unit, kind=d["kind"], effective_on=d["effective_on"], reason=d["reason"]):
            messages.success(request, _("Đã ghi nhận %d đơn vị cũ.") % len(d["predecessors"]))
            return redirect("org:detail", unit.pk)
    return render(request, "org/form.html", {"form": form, "unit": unit, "title": _("Ghi nhận sáp nhập, chia tách")})


@login_required
def blocs(request):
    return render(request, "org/blocs.html", {"blocs": selectors.blocs_list(), "form": None,
                                              "can_add": access.has_any(request.user, Perm.BLOC_CHANGE)})


@login_required
@require_http_methods(["GET", "POST"])
def bloc_create(request):
    roots = selectors.tree_roots_for(request.user)
    organiser = next((u for u in roots if access.can(request.user, Perm.BLOC_CHANGE, u)), None)
    if organiser is None:
        raise access.PermissionDenied(access.REFUSED)
    form = BlocForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt_once(request, services.bloc_create, form=form, organiser=organiser, **form.cleaned_data,
                            lands_on=lambda bloc: reverse("org:bloc_detail", args=[bloc.pk]))
        if done:
            return redirect(done.value.url)
    return render(request, "org/form.html", {"form": form, "unit": organiser, "title": _("Thêm khối thi đua"),
                                             "once": True})


def _year_param(value) -> int | None:
    return int(value) if value and value.isdigit() and 2000 <= int(value) <= 2100 else None


@login_required
def bloc_detail(request, pk: int):
    bloc = get_object_or_404(Bloc.objects.select_related("organiser"), pk=pk)
    years, year, members, last_year_count = selectors.bloc_members(bloc, _year_param(request.GET.get("nam")),
                                                                     evaluation_year())
    # Member units the user cannot open are listed by name only.
    visible = {u.pk for u in access.filter_units(request.user, Perm.ORG_VIEW, [m.unit for m in members])}
    form = None
    may_change = access.can(request.user, Perm.BLOC_CHANGE, bloc.organiser)
    if may_change:
        units = Unit.objects.filter(path__startswith=bloc.organiser.path, active_until__isnull=True).order_by("path")
        form = BlocMemberForm(request.POST or None, units=units, organiser=bloc.organiser, initial={"year": year})
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            if attempt(request, services.bloc_member_set, form=form, bloc=bloc, unit=d["unit"], year=d["year"],
                       role=d["role"]):
                messages.success(request, _("Đã cập nhật thành viên khối."))
                return redirect(f"{request.path}?nam={d['year']}")
    elif request.method == "POST":
        raise access.PermissionDenied(access.REFUSED)
    if request.GET.get("xuat") == "xlsx":
        rows = ((m.unit.code, m.unit.name, m.get_role_display(), m.year) for m in members)
        return xlsx_response(f"khoi-{bloc.code}.xlsx", bloc.name, [_("Mã đơn vị"), _("Đơn vị"), _("Vai trò"), _("Năm")],
                             rows)
    return render(request, "org/bloc_detail.html", {
        "bloc": bloc, "years": years, "members": members, "visible": visible, "year": year, "form": form,
        "copy_from": last_year_count if may_change and not members else 0,
        "pledge_open": bool(members) and selectors.pledge_visible(request.user, bloc, members[0].year),
    })


@login_required
@require_POST
def bloc_year_copy(request, pk: int):
    """Last year's members, leader and deputy into the chosen year, in one step."""
    bloc = get_object_or_404(Bloc.objects.select_related("organiser"), pk=pk)
    year = _year_param(request.POST.get("nam"))
    if year is None:
        raise Http404
    if attempt(request, services.bloc_year_copy, bloc=bloc, year=year):
        messages.success(request, _("Đã chuyển thành viên, khối trưởng, khối phó năm %(last)s sang năm %(year)s.")
                         % {"last": year - 1, "year": year})
    return redirect(f"{reverse('org:bloc_detail', args=[bloc.pk])}?nam={year}")
