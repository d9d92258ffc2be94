import dataclasses
import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import access, uploads
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once, int_param, paginate
from thidua.documents import extract
from thidua.documents import selectors as document_selectors
from thidua.documents.forms import DocumentForm
from thidua.documents.models import DocumentKind
from thidua.documents.parse import parse
from thidua.movements import from_text, selectors, services
from thidua.movements.forms import CloneForm, MilestoneFormSet, MovementEditForm, MovementForm, ReviewForm
from thidua.movements.models import Movement, MovementKind, Review
from thidua.org import selectors as org_selectors
from thidua.org.models import Bloc, Unit
from thidua.org.paths import ancestor_paths
from thidua.people import selectors as people_selectors


@login_required
def movement_list(request):
    q, year, kind = request.GET.get("q", ""), int_param(request.GET.get("nam")), request.GET.get("loai", "")
    movements = selectors.movement_list(request.user, q=q, year=year, kind=kind)
    return render(request, "movements/list.html", {
        "page_obj": paginate(request, movements), "q": q, "year": year, "kind": kind, "kinds": MovementKind.choices,
        "can_add": access.has_any(request.user, Perm.MOVEMENT_CHANGE)})


def _organiser(request) -> Unit:
    """The unit launching a new movement: the one asked for, else the user's highest unit."""
    units = org_selectors.units_for(request.user, Perm.MOVEMENT_CHANGE)
    wanted = int_param(request.GET.get("don-vi") or request.POST.get("don-vi"))
    unit = units.filter(pk=wanted).first() if wanted else units.order_by("depth", "path").first()
    if unit is None:
        raise access.PermissionDenied(access.REFUSED)
    return unit


def _form(request, organiser: Unit, *, initial=None, movement=None, bound: bool = True) -> MovementForm:
    units = Unit.objects.filter(Q(pk=organiser.pk) | Q(path__startswith=organiser.path, depth=organiser.depth + 1),
                                active_until__isnull=True).order_by("path")
    parents = (selectors.movements_for(request.user).filter(organiser__path__in=ancestor_paths(organiser.path))
               .order_by("-year", "name"))
    if movement is not None:
        parents = parents.exclude(pk=movement.pk)
    documents = document_selectors.documents_for(request.user)
    blocs = Bloc.objects.filter(organiser__path__startswith=organiser.path)
    data = request.POST if bound and request.method == "POST" else None
    if movement is None:
        return MovementForm(data, initial=initial, documents=documents, parents=parents, units=units, blocs=blocs,
                            organiser=organiser)
    return MovementEditForm(data, initial=initial, documents=documents, parents=parents, units=units, blocs=blocs,
                            organiser=organiser, version=movement.version)


def _parts(form, milestones) -> dict:
    d = form.cleaned_data
    subtree = d["participants_subtree"]
    return {
        **{k: d[k] for k in ("name", "kind", "year", "document", "parent", "theme", "aims", "targets", "content",
                             "criteria", "starts_on", "ends_on", "registration_deadline", "monitoring_unit")
           if k in d},
        "participants": [(u, subtree) for u in d["participant_units"]],
        "blocs": list(d["blocs"]),
        "attachments": list(d["attachments"]),
        "milestones": [services.MilestoneInput(m["kind"], m["due_on"], m["title"])
                       for m in milestones.cleaned_data if m and not m.get("DELETE")],
    }


@login_required
@require_http_methods(["GET", "POST"])
def movement_create(request):
    organiser = _organiser(request)
    year = timezone.localdate().year
    form = _form(request, organiser, initial={"year": year, "kind": MovementKind.THUONG_XUYEN,
                                               "participants_subtree": True})
    milestones = MilestoneFormSet(request.POST or None, prefix="moc")
    if request.method == "POST" and form.is_valid() and milestones.is_valid():
        done = attempt_once(request, services.movement_create, form=form, organiser=organiser,
                            **_parts(form, milestones), lands_on=_movement_url,
                            success=lambda movement: _("Đã phát động phong trào «%s».") % movement.name)
        if done:
            return redirect(done.value.url)
    return render(request, "movements/form.html", {"form": form, "milestones": milestones, "organiser": organiser,
                                                   "title": _("Phát động phong trào thi đua"), "once": True})


def _movement_url(movement) -> str:
    return reverse("movements:detail", args=[movement.pk])


@login_required
@require_http_methods(["GET", "POST"])
def movement_edit(request, pk: int):
    movement = access.get(request.user, Movement, pk, perm=Perm.MOVEMENT_CHANGE)
    participants = list(movement.participants.select_related("unit"))
    initial = {f: getattr(movement, f) for f in ("name", "kind", "year", "document", "parent", "theme", "aims",
                                                 "targets", "content", "criteria", "starts_on", "ends_on",
                                                 "registration_deadline", "monitoring_unit")}
    initial.update(participant_units=[p.unit for p in participants if p.unit_id != movement.organiser_id],
                   participants_subtree=all(p.subtree for p in participants), blocs=list(movement.blocs.all()),
                   attachments=list(movement.attachments.all()))
    form = _form(request, movement.organiser, initial=initial, movement=movement)
    milestones = MilestoneFormSet(request.POST or None, prefix="moc", initial=[
        {"kind": m.kind, "title": m.title, "due_on": m.due_on} for m in movement.milestones.all()])
    if request.method == "POST" and form.is_valid() and milestones.is_valid() and attempt(
            request, services.movement_update, form=form, movement=movement, version=form.cleaned_data["version"],
            **_parts(form, milestones)):
        messages.success(request, _("Đã lưu phong trào."))
        return redirect("movements:detail", movement.pk)
    return render(request, "movements/form.html", {"form": form, "milestones": milestones, "movement": movement,
                                                   "organiser": movement.organiser, "title": _("Sửa phong trào")})


@login_required
def movement_detail(request, pk: int):
    movement = access.get(request.user, Movement, pk)
    today = timezone.localdate()
    attachments = list(movement.attachments.all())
    # A participant may not hold the organiser's documents: those are named, not linked.
    readable = document_selectors.readable_pks(request.user, [movement.document_id, *(d.pk for d in attachments)])
    timeline = selectors.movement_timeline(movement, today)
    for entry in timeline:
        if entry.kind == "launch" and movement.document_id not in readable:
            entry.url = ""
    return render(request, "movements/detail.html", {
        "movement": movement, "readable": readable, "timeline": timeline,
        "participants": movement.participants.select_related("unit").order_by("unit__path"),
        "blocs": movement.blocs.all(),
        "children": selectors.movements_for(request.user).filter(parent=movement).select_related("organiser"),
        "reviews": movement.reviews.select_related("document"),
        "attachments": attachments,
        "can_change": access.can(request.user, Perm.MOVEMENT_CHANGE, movement),
        "next_year": movement.year + 1,
    })


@login_required
@require_POST
def movement_clone(request, pk: int):
    movement = access.get(request.user, Movement, pk, perm=Perm.MOVEMENT_CHANGE)
    form = CloneForm(request.POST)
    year = form.cleaned_data["year"] if form.is_valid() else movement.year + 1
    done = attempt(request, services.movement_clone, movement=movement, year=year)
    if not done:
        return redirect("movements:detail", movement.pk)
    messages.success(request, _("Đã nhân bản phong trào sang năm %s; hãy gắn văn bản phát động mới.") % year)
    return redirect("movements:edit", done.value.pk)


def _exemplar_people(request, raw: str, form):
    people, missing = [], []
    visible = people_selectors.people_for(request.user)
    for line in filter(None, (s.strip() for s in raw.splitlines())):
        person = visible.filter(Q(cccd=line) | Q(pk=int_param(line) or 0)).first()
        (people if person else missing).append(person or line)
    if missing:
        form.add_error("exemplar_people", _("Không tìm thấy cá nhân: %s.") % ", ".join(missing))
    return people


@login_required
@require_http_methods(["GET", "POST"])
def review_create(request, pk: int):
    movement = access.get(request.user, Movement, pk, perm=Perm.MOVEMENT_CHANGE)
    documents = document_selectors.documents_for(request.user)
    form = ReviewForm(request.POST or None, documents=documents, units=selectors.participant_units(movement)
                      .order_by("path"), organiser=movement.organiser, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        people = _exemplar_people(request, d["exemplar_people"], form)
        if not form.errors:
            done = attempt_once(
                request, services.review_create, form=form, movement=movement, kind=d["kind"],
                held_on=d["held_on"], document=d["document"], notes=d["notes"], exemplar_people=people,
                exemplar_units=list(d["exemplar_units"]), exemplar_notes=d["exemplar_notes"],
                lands_on=lambda review: reverse("movements:review", args=[movement.pk, review.pk]),
                success=lambda review: _("Đã ghi nhận %s.") % review.get_kind_display().lower())
            if done:
                return redirect(done.value.url)
    figures = dataclasses.asdict(selectors.movement_figures(movement))
    return render(request, "movements/review_form.html", {"form": form, "movement": movement,
                                                          **_figures_context(figures)})


@login_required
def review_detail(request, pk: int, review_pk: int):
    movement = access.get(request.user, Movement, pk)
    review = get_object_or_404(Review.objects.select_related("document", "created_by"), pk=review_pk,
                               movement=movement)
    return render(request, "movements/review_detail.html", {
        "movement": movement, "review": review, **_figures_context(review.figures),
        "people": review.exemplar_people.select_related("current_unit"), "units": review.exemplar_units.all()})


def _figures_context(figures: dict) -> dict:
    sheets = figures.get("sheets", {})
    pending = sum(n for status, n in sheets.items() if status != selectors.APPROVED_SHEETS)
    return {"figures": {**figures, "pending": pending}, "figure_rows": selectors.figure_rows(figures)}


def _references(raw: str) -> list[dict]:
    """The cited documents carried through the confirmation page as JSON; anything
    malformed is dropped rather than trusted."""
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return []
    refs = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("number"), str) or not item["number"].strip():
            continue
        kind = item.get("kind") if item.get("kind") in DocumentKind.values else DocumentKind.KHAC
        try:
            issued_on = dt.date.fromisoformat(item["date"]) if item.get("date") else None
        except (TypeError, ValueError):
            issued_on = None
        refs.append({"kind": kind, "number": item["number"][:64], "issued_on": issued_on,
                     "issuer": str(item.get("issuer") or "")[:255]})
    return refs


def _doc_form(data, initial=None) -> DocumentForm:
    form = DocumentForm(data, prefix="vb", initial=initial)
    form.fields.pop("file")  # the directive's file, if any, is attached on the document page
    return form


# A directive's .docx is read: its parts may not unzip past this (a "zip bomb").
DIRECTIVE_UNZIPPED_MAX = 16 * 1024 * 1024


def _parsed_from_request(request):
    upload = request.FILES.get("tep")
    if upload is not None:
        uploads.check(upload, field="tep", label=_("Tệp văn bản"), types=uploads.TEXT_FILES,
                      unzipped_limit=DIRECTIVE_UNZIPPED_MAX)
    text = extract.text_of(upload.name, upload.read()) if upload is not None else request.POST.get("noi_dung", "")
    if not text.strip():
        raise ApplicationError(_("Hãy dán nội dung văn bản hoặc chọn tệp .docx, .pdf, .txt."))
    return parse(text, today=timezone.localdate())


@login_required
@require_http_methods(["GET", "POST"])
def movement_from_text(request):
    """Paste (or upload) a directive → confirm the pre-filled document and movement → save."""
    organiser = _organiser(request)
    step = request.POST.get("buoc", "")
    if request.method == "GET" or step == "":
        return render(request, "movements/from_text.html", {"organiser": organiser})
    if step == "doc":
        try:
            parsed = _parsed_from_request(request)
        except (ApplicationError, extract.ExtractError) as exc:
            return render(request, "movements/from_text.html", {"organiser": organiser, "error": exc.message,
                                                                "text": request.POST.get("noi_dung", "")})
        doc_initial, initial = from_text.initial_values(parsed)
        refs = from_text.reference_rows(parsed)
        form = _form(request, organiser, initial=initial, bound=False)
        form.fields.pop("document")  # the directive is the document being confirmed above
        doc_form = _doc_form(None, doc_initial)
        milestones = MilestoneFormSet(prefix="moc", initial=from_text.milestone_rows(parsed))
        refs_json = json.dumps([{"kind": r.kind, "number": r.number, "issuer": r.issuer,
                                 "date": r.issued_on.isoformat() if r.issued_on else None} for r in refs])
        return render(request, "movements/form.html", {
            "form": form, "doc_form": doc_form, "milestones": milestones, "organiser": organiser, "references": refs,
            "refs_json": refs_json, "also": parsed.movements[1:], "title": _("Xác nhận phong trào từ văn bản"),
            "once": True})
    form = _form(request, organiser)
    form.fields.pop("document")
    doc_form = _doc_form(request.POST)
    milestones = MilestoneFormSet(request.POST, prefix="moc")
    refs = _references(request.POST.get("refs"))
    if form.is_valid() and doc_form.is_valid() and milestones.is_valid():
        done = attempt_once(
            request, services.movement_launch, form=form, organiser=organiser,
            document_fields=doc_form.cleaned_data, references=refs, **_parts(form, milestones),
            lands_on=_movement_url, success=lambda movement: _(
                "Đã lưu văn bản %(doc)s và phát động phong trào «%(name)s».")
            % {"doc": movement.document.number, "name": movement.name})
        if done:
            return redirect(done.value.url)
    return render(request, "movements/form.html", {
        "form": form, "doc_form": doc_form, "milestones": milestones, "organiser": organiser,
        "refs_json": request.POST.get("refs", "[]"), "title": _("Xác nhận phong trào từ văn bản"), "once": True})
