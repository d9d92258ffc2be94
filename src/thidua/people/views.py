from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.selectors import matching
from thidua.core.views_util import attempt, attempt_once, int_param, paginate
from thidua.core.xlsx import xlsx_response
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.people import selectors, services
from thidua.people.forms import (
    DisciplineFormForm,
    EvaluationForm,
    PersonCreateForm,
    PersonEditForm,
    TransferForm,
    UnitEvaluationForm,
)
from thidua.people.models import Evaluation, Person, Rating


def _list_filters(request) -> selectors.ListFilters:
    """The people list's filters from its query string; a unit out of sight is a 404, an
    unknown rating or title is no filter."""
    unit_pk = int_param(request.GET.get("don-vi"))
    rating = request.GET.get("xep-loai", "")
    title = request.GET.get("danh-hieu", "")
    return selectors.ListFilters(
        unit=access.get(request.user, Unit, unit_pk) if unit_pk else None, year=int_param(request.GET.get("nam")),
        rating=rating if rating in Rating.values else "",
        title=title if title in dict(selectors.person_titles()) else "")


def _list_queryset(request):
    user = request.user
    qs = selectors.people_filtered(user, _list_filters(request))
    missing = request.GET.get("thieu-xep-loai", "")
    if missing.isdigit():
        qs = qs & selectors.missing_evaluations(user, int(missing))
    q = request.GET.get("q", "").strip()
    qs = matching(qs, q)
    return qs.order_by(*selectors.PEOPLE_SORTS.get(request.GET.get("sap-xep", "ten"), ("search_key", "id")))


@login_required
def people_list(request):
    page = paginate(request, _list_queryset(request), per_page=50)
    return render(request, "people/list.html", {
        "page_obj": page, "q": request.GET.get("q", ""), "missing": request.GET.get("thieu-xep-loai", ""),
        "sort": request.GET.get("sap-xep", "ten"), "f": _list_filters(request), "ratings": Rating.choices,
        "titles": selectors.person_titles(), "units": org_selectors.unit_choices(request.user, Perm.PEOPLE_VIEW),
    })


@login_required
def people_list_export(request):
    can_cccd_paths = access.prefixes(request.user, Perm.PEOPLE_VIEW_CCCD)
    rows = (_export_row(i, p, can_cccd_paths is None or any(p.current_unit.path.startswith(x) for x in can_cccd_paths))
            for i, p in enumerate(_list_queryset(request).iterator(chunk_size=2000), start=1))
    return xlsx_response("danh-sach-ca-nhan.xlsx", _("Danh sách cá nhân"), _export_headers(), rows)


def _export_headers() -> list[str]:
    return [_("STT"), _("Họ và tên"), _("Giới tính"), _("Ngày sinh"), _("Số CCCD"), _("Chức vụ"), _("Đơn vị")]


def _export_row(i: int, p, show_cccd: bool) -> tuple:
    """Row I of a people export: the CCCD in full only where the user may see it."""
    return (i, p.full_name, p.get_gender_display(), p.birth_date, p.cccd if show_cccd else p.cccd_masked,
            p.position, p.current_unit.name)


@login_required
def detail(request, pk: int):
    user = request.user
    person = access.get(user, Person, pk)
    return render(request, "people/detail.html", {
        "person": person,
        "history": selectors.person_history(person),
        "show_cccd": access.can(user, Perm.PEOPLE_VIEW_CCCD, person),
        "can_change": access.can(user, Perm.PEOPLE_CHANGE, person),
        "can_evaluate": access.can(user, Perm.EVALUATION_CHANGE, person),
        "ancestors": [*org_selectors.unit_ancestors(person.current_unit, user), person.current_unit],
    })


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    unit_id = request.GET.get("don-vi") or request.POST.get("don-vi") or "0"
    unit = access.get(request.user, Unit, int(unit_id) if unit_id.isdigit() else 0, perm=Perm.PEOPLE_CHANGE)
    form = PersonCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt_once(request, services.person_create, form=form, unit=unit, **form.cleaned_data,
                            lands_on=_person_url, success=lambda person: _("Đã thêm %s.") % person.full_name)
        if done:
            return redirect(done.value.url)
    return render(request, "people/form.html", {"form": form, "unit": unit, "title": _("Thêm cá nhân"),
                                                "once": True})


def _person_url(person) -> str:
    return reverse("people:detail", args=[person.pk])


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    person = access.get(request.user, Person, pk, perm=Perm.PEOPLE_CHANGE)
    initial = {f: getattr(person, f) for f in ("full_name", "gender", "birth_date", "cccd", "position",
                                                  "position_group")}
    form = PersonEditForm(request.POST or None, initial=initial, version=person.version)
    if request.method == "POST" and form.is_valid() and attempt(
            request, services.person_update, form=form, person=person, reason=request.POST.get("reason", ""),
            **form.cleaned_data):
        messages.success(request, _("Đã lưu thông tin cá nhân."))
        return redirect("people:detail", person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "with_reason": True,
                                                "title": _("Sửa thông tin cá nhân")})


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request, pk: int):
    person = access.get(request.user, Person, pk, perm=Perm.PEOPLE_CHANGE)
    # Any active unit may receive a transfer; only the sending side needs the right.
    units = Unit.objects.filter(active_until__isnull=True).exclude(pk=person.current_unit_id).order_by("path")
    form = TransferForm(request.POST or None, units=units, version=person.version)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(request, services.person_transfer, form=form, person=person, to_unit=d["to_unit"], on=d["on"],
                   position=d["position"] or None, reason=d["reason"], version=d["version"]):
            messages.success(request, _("Đã điều chuyển %(name)s đến %(unit)s.") % {
                "name": person.full_name, "unit": d["to_unit"].name})
            if access.can(request.user, Perm.PEOPLE_VIEW, d["to_unit"]):
                return redirect("people:detail", person.pk)
            return redirect("org:detail", person.current_unit_id)
    return render(request, "people/form.html", {"form": form, "person": person, "title": _("Điều chuyển công tác")})


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request, pk: int):
    person = access.get(request.user, Person, pk, perm=Perm.EVALUATION_CHANGE)
    year = int_param(request.GET.get("nam")) or selectors.evaluation_year()
    existing = Evaluation.objects.filter(person=person, year=year).first()
    initial = {"year": year, "months_worked": 12}
    if existing:
        initial.update(rating=existing.rating, months_worked=existing.months_worked, note=existing.note)
    form = EvaluationForm(request.POST or None, initial=initial, version=existing.version if existing else 0,
                          version_year=year)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(request, services.evaluation_set, form=form, person=person, year=d["year"], rating=d["rating"],
                   months_worked=d["months_worked"], note=d["note"], reason=d["reason"],
                   version=form.loaded_version()):
            messages.success(request, _("Đã ghi xếp loại năm %s.") % d["year"])
            return redirect("people:detail", person.pk)
    return render(request, "people/form.html", {"form": form, "person": person,
                                                "title": _("Xếp loại hằng năm")})


@login_required
@require_http_methods(["GET", "POST"])
def discipline_add(request, pk: int):
    person = access.get(request.user, Person, pk, perm=Perm.PEOPLE_CHANGE)
    form = DisciplineFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The discipline's own "form" (its kind) is a field: the service takes it by name.
        done = attempt_once(request, lambda actor: services.discipline_create(actor=actor, person=person,
                                                                              **form.cleaned_data),
                            form=form, lands_on=lambda _d: _person_url(person), success=lambda _d: _("Đã ghi kỷ luật."))
        if done:
            return redirect(done.value.url)
    return render(request, "people/form.html", {"form": form, "person": person, "title": _("Ghi kỷ luật"),
                                                "once": True})


# --- The unit page's people: its panels (loaded by htmx), its rating form and its export ---

@login_required
def unit_panel(request, pk: int):
    """The unit page's people (sorted, paginated, its own pages by htmx) and last year's
    ratings of them, for whoever may see the unit's people."""
    user = request.user
    unit = access.get(user, Unit, pk)
    context = {"unit": unit, "panel_url": request.path, "page_obj": None, "rating_counts": {}}
    if access.can(user, Perm.PEOPLE_VIEW, unit):
        sort, direct = request.GET.get("sap-xep", "ten"), request.GET.get("truc-thuoc") == "1"
        year = selectors.evaluation_year()
        # The link that shows (or hides) the people of the units below, in the same order.
        toggle = ("" if direct else "truc-thuoc=1&") + f"sap-xep={sort}"
        context.update(sort=sort, direct=direct, toggle=toggle, year=year, ratings=Rating,
                       page_obj=paginate(request, selectors.people_in_subtree(user, unit, sort=sort,
                                                                              direct_only=direct)),
                       rating_counts=selectors.rating_counts(user, unit, year - 1))
    return render(request, "people/_unit_panel.html", context)


@login_required
def unit_ratings_panel(request, pk: int):
    """The unit page's panel of the unit's own yearly ratings."""
    unit = access.get(request.user, Unit, pk)
    return render(request, "people/_unit_ratings_panel.html", {
        "unit": unit, "evaluations": selectors.unit_evaluations(unit),
        "can_evaluate": access.can(request.user, Perm.EVALUATION_CHANGE, unit)})


@login_required
@require_http_methods(["GET", "POST"])
def unit_evaluate(request, pk: int):
    unit = access.get(request.user, Unit, pk, perm=Perm.EVALUATION_CHANGE)
    year = int_param(request.GET.get("nam")) or selectors.evaluation_year()
    existing = selectors.unit_evaluation(unit, year)
    initial = {"year": year}
    if existing:
        initial.update(rating=existing.rating, note=existing.note)
    form = UnitEvaluationForm(request.POST or None, initial=initial, version=existing.version if existing else 0,
                              version_year=year)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(request, services.evaluation_set, form=form, unit=unit, year=d["year"], rating=d["rating"],
                   note=d["note"], version=form.loaded_version()):
            messages.success(request, _("Đã ghi xếp loại của đơn vị."))
            return redirect("org:detail", unit.pk)
    return render(request, "org/form.html", {"form": form, "unit": unit, "title": _("Xếp loại tập thể")})


@login_required
def unit_export(request, pk: int):
    unit = access.get(request.user, Unit, pk)
    people = selectors.people_in_subtree(request.user, unit, sort=request.GET.get("sap-xep", "ten"))
    can_cccd = access.can(request.user, Perm.PEOPLE_VIEW_CCCD, unit)
    rows = (_export_row(i, p, can_cccd) for i, p in enumerate(people.iterator(chunk_size=2000), start=1))
    return xlsx_response(f"danh-sach-ca-nhan-{unit.code}.xlsx", _("Danh sách cá nhân — %s") % unit.name,
                         _export_headers(), rows)
