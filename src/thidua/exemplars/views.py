"""The exemplar register's pages: thin views (fetch and authorise, one service, render)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.awards.models import Award
from thidua.core import access, xlsx
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once, int_param, paginate
from thidua.exemplars import honours, machines, selectors, services
from thidua.exemplars.forms import (
    CongressEditForm,
    CongressForm,
    ExemplarEditForm,
    ExemplarForm,
    HonourForm,
    PhotoForm,
)
from thidua.exemplars.machines import EXEMPLARS
from thidua.exemplars.models import Congress, Exemplar, ExemplarField, ExemplarPhoto, ExemplarState
from thidua.exemplars.photos import photo_response
from thidua.movements.models import Movement, Review
from thidua.movements.selectors import movements_for
from thidua.org.models import Unit
from thidua.people.models import Person
from thidua.printing import word

DONE = {
    machines.APPROVE: _("Đã duyệt điển hình tiên tiến."),
    machines.RETURN: _("Đã trả lại đề cử để đơn vị bổ sung."),
    machines.RESUBMIT: _("Đã đề cử lại điển hình."),
}
NOMINATED = _("Đã đề cử điển hình tiên tiến; Thường trực Hội đồng Thi đua – Khen thưởng sẽ xem xét, duyệt.")


def _filters(request) -> selectors.Filters:
    unit = None
    unit_pk = int_param(request.GET.get("don-vi"))
    if unit_pk is not None:
        unit = access.policy(Unit).rows(request.user).filter(pk=unit_pk).first()
    state = request.GET.get("trang-thai", "")
    field = request.GET.get("linh-vuc", "")
    return selectors.Filters(
        q=request.GET.get("q", "").strip(), year=int_param(request.GET.get("nam")),
        field=field if field in ExemplarField.values else "", movement=int_param(request.GET.get("phong-trao")),
        state=state if state in (*ExemplarState.values, selectors.PUBLISHED) else "", unit=unit)


@login_required
def register(request):
    """The register: every exemplar the user sees, filtered and paged."""
    if not access.has_any(request.user, Perm.EXEMPLAR_VIEW):
        raise PermissionDenied(access.REFUSED)
    filters = _filters(request)
    page = paginate(request, selectors.exemplar_list(request.user, filters))
    return render(request, "exemplars/list.html", {
        "page_obj": page, "filters": filters, "years": selectors.years(request.user),
        "fields": ExemplarField.choices, "states": [*ExemplarState.choices, (selectors.PUBLISHED, _("Đã công bố"))],
        "movements": movements_for(request.user).only("pk", "name", "year")[:200],
        "units": access.policy(Unit).rows(request.user).filter(depth__lte=3).order_by("path")[:300],
    })


@login_required
def detail(request, pk: int):
    exemplar = access.get(request.user, Exemplar, pk)
    user = request.user
    return render(request, "exemplars/detail.html", {
        "exemplar": exemplar, **selectors.exemplar_page(user, exemplar),
        "may_edit": services.may_edit(user, exemplar),
        "may_publish": exemplar.state == ExemplarState.APPROVED and selectors.may_approve(user, exemplar),
        "photo_form": PhotoForm() if services.may_edit(user, exemplar) else None,
    })


def _nominate_page(request, *, person, collective, award=None, review=None, back: str):
    """The nomination form of one subject (from AWARD or from REVIEW)."""
    path = person.current_unit.path if person is not None else collective.path
    access.require(request.user, Perm.EXEMPLAR_NOMINATE, path=path)
    movement = review.movement if review is not None else (award.movement if award is not None else None)
    year = award.year if award is not None else review.held_on.year
    initial = {"year": year, "movement": movement, "position": person.position if person is not None else "",
               "awards": [award] if award is not None else []}
    form = ExemplarForm(request.POST or None, user=request.user, person=person, collective=collective,
                        fixed_movement=review is not None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = attempt_once(
            request, services.exemplar_nominate, form=form, lands_on=lambda e: e.get_absolute_url(),
            success=lambda _e: NOMINATED, person=None if award else person, collective=None if award else collective,
            award=award, review=review, field=d["field"], year=d["year"], story=d["story"],
            movement=d["movement"] if review is None else None, position=d["position"], headline=d["headline"],
            awards=list(d["awards"]), initiatives=list(d.get("initiatives") or []))
        if done:
            return redirect(done.url)
    return render(request, "exemplars/nominate.html", {
        "form": form, "subject": person or collective, "award": award, "review": review, "back": back, "once": True,
        "title": _("Đề cử điển hình tiên tiến")})


@login_required
@require_http_methods(["GET", "POST"])
def nominate_from_award(request, award_pk: int):
    award = access.get(request.user, Award, award_pk)
    if award.revoked:
        raise Http404
    return _nominate_page(request, person=award.person if award.person_id else None,
                          collective=None if award.person_id else award.unit, award=award,
                          back=award_url(award))


def award_url(award: Award) -> str:
    return reverse("awards:detail", args=[award.pk])


@login_required
@require_http_methods(["GET", "POST"])
def nominate_from_review(request, review_pk: int):
    """From a sơ kết / tổng kết: the subject is one the review named (?ca-nhan= or ?tap-the=)."""
    review = get_object_or_404(Review.objects.select_related("movement"), pk=review_pk)
    access.get(request.user, Movement, review.movement_id)  # 404 unless the movement is in sight
    person_pk, unit_pk = int_param(request.GET.get("ca-nhan")), int_param(request.GET.get("tap-the"))
    person = collective = None
    if person_pk is not None:
        person = get_object_or_404(review.exemplar_people.select_related("current_unit"), pk=person_pk)
        access.get(request.user, Person, person.pk)
    elif unit_pk is not None:
        collective = get_object_or_404(review.exemplar_units.all(), pk=unit_pk)
        access.get(request.user, Unit, collective.pk)
    else:
        raise Http404
    return _nominate_page(request, person=person, collective=collective, review=review,
                          back=reverse("movements:review", args=[review.movement_id, review.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    exemplar = access.get(request.user, Exemplar, pk)
    if not services.may_edit(request.user, exemplar):
        raise PermissionDenied(access.REFUSED)
    initial = {"field": exemplar.field, "year": exemplar.year, "position": exemplar.position,
               "headline": exemplar.headline, "movement": exemplar.movement, "story": exemplar.story,
               "awards": list(exemplar.awards.all()), "initiatives": list(exemplar.initiatives.all())}
    form = ExemplarEditForm(request.POST or None, user=request.user, person=exemplar.person,
                            collective=exemplar.collective, initial=initial, version=exemplar.version)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(request, services.exemplar_update, form=form, success=_("Đã lưu điển hình."), exemplar=exemplar,
                   field=d["field"], year=d["year"], story=d["story"], movement=d["movement"],
                   position=d["position"], headline=d["headline"], awards=list(d["awards"]),
                   initiatives=list(d.get("initiatives") or []), version=d["version"]):
            return redirect(exemplar.get_absolute_url())
    return render(request, "exemplars/nominate.html", {
        "form": form, "subject": exemplar.subject, "exemplar": exemplar, "back": exemplar.get_absolute_url(),
        "title": _("Sửa điển hình tiên tiến")})


@login_required
@require_POST
def transition(request, pk: int, slug: str):
    """Every move of an exemplar (its slug in `machines.EXEMPLARS`: duyet, tra-lai,
    de-cu-lai); a reason comes from the field `reason`."""
    action = EXEMPLARS.by_slug(slug)
    if action is None:
        raise Http404
    exemplar = access.get(request.user, Exemplar, pk)
    extra = {"reason": request.POST.get("reason", "")} if action == machines.RETURN else {}
    if attempt(request, services.TRANSITIONS[action], exemplar=exemplar, **extra):
        messages.success(request, DONE[action])
    return redirect(exemplar.get_absolute_url())


@login_required
@require_POST
def publish(request, pk: int):
    exemplar = access.get(request.user, Exemplar, pk)
    attempt(request, services.exemplar_publish, exemplar=exemplar,
            success=_("Đã công bố điển hình trên trang công khai."))
    return redirect(exemplar.get_absolute_url())


@login_required
@require_POST
def unpublish(request, pk: int):
    exemplar = access.get(request.user, Exemplar, pk)
    attempt(request, services.exemplar_unpublish, exemplar=exemplar, reason=request.POST.get("reason", ""),
            success=_("Đã thôi công bố điển hình."))
    return redirect(exemplar.get_absolute_url())


@login_required
@require_POST
def photo_add(request, pk: int):
    exemplar = access.get(request.user, Exemplar, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        attempt(request, services.exemplar_photo_add, exemplar=exemplar, image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"], success=_("Đã thêm ảnh."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(exemplar.get_absolute_url())


@login_required
def photo(request, pk: int):
    """A photo, to users who see its exemplar (media are never served by URL)."""
    return photo_response(access.get(request.user, ExemplarPhoto, pk))


@login_required
@require_POST
def photo_remove(request, pk: int):
    row = access.get(request.user, ExemplarPhoto, pk)
    exemplar = row.exemplar
    attempt(request, services.exemplar_photo_remove, photo=row, success=_("Đã xóa ảnh."))
    return redirect(exemplar.get_absolute_url())


# --- congresses --------------------------------------------------------------------------------


@login_required
def congress_list(request):
    if not access.has_any(request.user, Perm.EXEMPLAR_VIEW):
        raise PermissionDenied(access.REFUSED)
    return render(request, "exemplars/congress_list.html", {
        "page_obj": paginate(request, selectors.congresses_for(request.user)),
        "may_create": access.has_any(request.user, Perm.EXEMPLAR_APPROVE)})


@login_required
@require_http_methods(["GET", "POST"])
def congress_create(request):
    if not access.has_any(request.user, Perm.EXEMPLAR_APPROVE):
        raise PermissionDenied(access.REFUSED)
    form = CongressForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        done = attempt_once(request, services.congress_create, form=form, lands_on=lambda c: c.get_absolute_url(),
                            success=lambda _c: _("Đã tạo hội nghị."), **form.cleaned_data)
        if done:
            return redirect(done.url)
    return render(request, "exemplars/congress_form.html", {
        "form": form, "once": True, "title": _("Hội nghị điển hình tiên tiến, đại hội thi đua mới"),
        "back": reverse("exemplars:congresses")})


@login_required
@require_http_methods(["GET", "POST"])
def congress_edit(request, pk: int):
    congress = access.get(request.user, Congress, pk, perm=Perm.EXEMPLAR_APPROVE)
    form = CongressEditForm(request.POST or None, user=request.user, version=congress.version, initial={
        "kind": congress.kind, "name": congress.name, "held_on": congress.held_on, "venue": congress.venue})
    if request.method == "POST" and form.is_valid() and attempt(
            request, services.congress_update, form=form, congress=congress, success=_("Đã lưu."),
            **form.cleaned_data):
        return redirect(congress.get_absolute_url())
    return render(request, "exemplars/congress_form.html", {
        "form": form, "title": _("Sửa hội nghị, đại hội"), "back": congress.get_absolute_url()})


@login_required
@require_http_methods(["GET", "POST"])
def congress_detail(request, pk: int):
    """The congress, its honour list, and (for the secretariat) the choice of exemplars."""
    congress = access.get(request.user, Congress, pk)
    may_manage = access.policy(Congress).may(request.user, congress)
    form = None
    if may_manage:
        candidates = selectors.honour_candidates(request.user, congress)
        chosen = [h.exemplar_id for h in selectors.honour_list(congress)]
        form = HonourForm(request.POST or None, candidates=candidates, initial={"exemplars": chosen})
        if request.method == "POST" and form.is_valid():
            picked = sorted(form.cleaned_data["exemplars"],
                            key=lambda e: (chosen.index(e.pk) if e.pk in chosen else len(chosen), e.name))
            if attempt(request, services.congress_honour, form=form, congress=congress, exemplars=picked,
                       success=_("Đã lưu danh sách tuyên dương.")):
                return redirect(congress.get_absolute_url())
    elif request.method == "POST":
        raise PermissionDenied(access.REFUSED)
    return render(request, "exemplars/congress_detail.html", {
        "congress": congress, "lines": honours.lines(congress), "form": form, "may_manage": may_manage})


@login_required
def congress_print(request, pk: int):
    congress = access.get(request.user, Congress, pk)
    return render(request, "exemplars/congress_print.html", {
        "congress": congress, "lines": honours.lines(congress), "title": honours.title(congress)})


@login_required
def congress_xlsx(request, pk: int):
    congress = access.get(request.user, Congress, pk)
    return xlsx.xlsx_download(honours.workbook(congress), f"danh-sach-tuyen-duong-{congress.pk}.xlsx")


@login_required
def congress_docx(request, pk: int):
    congress = access.get(request.user, Congress, pk, perm=Perm.EXEMPLAR_APPROVE)
    try:
        content = honours.decision_docx(congress)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(congress.get_absolute_url())
    return word.docx_response(content, f"du-thao-quyet-dinh-tuyen-duong-{congress.pk}.docx")
