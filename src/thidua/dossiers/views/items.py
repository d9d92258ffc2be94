"""A dossier's items: adding them (from the eligibility list, the blocs' proposals or by hand),
editing, justifying and removing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.catalog import display
from thidua.catalog.selectors import kind_names
from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once, int_param
from thidua.dossiers import reports, selectors, services
from thidua.dossiers.forms import DocumentForm, ItemForm, ManualAddForm
from thidua.dossiers.models import DossierItem, DossierState, ItemSource, ItemState
from thidua.dossiers.services import ItemInput
from thidua.dossiers.views.common import _back, _child, _dossier, _dossier_child
from thidua.dossiers.workflow import workflow
from thidua.eligibility import listing
from thidua.eligibility import selectors as eligibility_selectors
from thidua.org import labels
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.org.sectors import effective_sector, subtree_sectors
from thidua.people import selectors as people_selectors
from thidua.people.models import Person
from thidua.pledges.selectors import proposals_final

S, IS = DossierState, ItemState


def _kind_choices(dossier, subject_kind: str | None = None, held_unit=None):
    """The kinds the dossier's level decides that its subjects' sectors may receive: those
    of HELD_UNIT for one item, those found under the dossier's unit otherwise."""
    found = {effective_sector(held_unit)} if held_unit is not None else subtree_sectors(dossier.unit)
    return selectors.kinds_for_level(dossier.authority_level, subject_kind, found)


def _add_once(request, dossier, entries) -> str | None:
    """Add ENTRIES to DOSSIER once per form (a second press of the same form adds nothing):
    the dossier's URL, or None when refused (the refusal shown)."""
    return attempt_once(request, services.dossier_add_items, dossier=dossier, entries=entries,
                        lands_on=lambda _added: reverse("dossiers:detail", args=[dossier.pk]),
                        success=lambda added: _("Đã thêm %d trường hợp vào hồ sơ.") % len(added)).url


@login_required
@require_http_methods(["GET", "POST"])
def add_from_eligibility(request, pk: int):
    """The unit's eligibility list for a kind, with checkboxes: the qualified people or units
    of the dossier's unit; those already proposed anywhere are shown, not selectable."""
    dossier = _dossier(request, pk, "edit")
    judged = set(eligibility_selectors.rule_names(dossier.year))
    codes = [(c, n) for c, n in _kind_choices(dossier) if c in judged]
    code = request.GET.get("ma") or request.POST.get("ma") or (codes[0][0] if codes else "")
    if code not in dict(codes):
        code = codes[0][0] if codes else ""
    if request.method == "POST":
        wanted = set(request.POST.getlist("chon"))
        people = Person.objects.filter(pk__in=[int_param(v[2:]) for v in wanted if v.startswith("p:")]).select_related(
            "current_unit")
        units = Unit.objects.filter(pk__in=[int_param(v[2:]) for v in wanted if v.startswith("u:")])
        entries = [ItemInput(subject=s, kind=code, source=ItemSource.ELIGIBILITY) for s in [*people, *units]]
        if url := _add_once(request, dossier, entries):
            return redirect(url)
    rows, excesses = listing.qualified_all(request.user, listing.Query(dossier.unit, dossier.year, code)) \
        if code else ([], [])
    taken = selectors.proposed_elsewhere(rows, code, dossier.year)
    # "Khoa Nội, Bệnh viện Đa khoa tỉnh": every hospital has a Khoa Nội.
    unit_names = labels.unit_texts({r.unit for r in rows if r.unit is not None})
    for row in rows:
        row.value = f"{'p' if row.is_person else 'u'}:{row.subject.pk}"
        row.taken = taken.get(row.value)
        row.unit_text = unit_names.get(row.unit.pk, "") if row.unit is not None else ""
    return render(request, "dossiers/add_eligible.html", {
        "dossier": dossier, "codes": codes, "code": code, "rows": rows, "excesses": excesses,
        "name": dict(codes).get(code, code)})


@login_required
@require_http_methods(["GET", "POST"])
def add_from_blocs(request, pk: int):
    """The blocs' final ranking proposals (provincial flag, Bằng khen) of the units under the
    dossier's unit, for the dossier's year."""
    dossier = _dossier(request, pk, "edit")

    proposals = access.scope(request.user, Perm.ORG_VIEW, proposals_final(year=dossier.year)).filter(
        unit__path__startswith=dossier.unit.path)
    if request.method == "POST":
        chosen = proposals.filter(pk__in=[int_param(v) for v in request.POST.getlist("chon")])
        entries = [ItemInput(subject=p.unit, kind=p.code, source=ItemSource.BLOC, bloc_proposal=p) for p in chosen]
        if url := _add_once(request, dossier, entries):
            return redirect(url)
    names = kind_names()
    rows = list(proposals)
    for p in rows:
        p.kind_name = names.get(p.code, p.code)
    return render(request, "dossiers/add_blocs.html", {"dossier": dossier, "proposals": rows})


@login_required
@require_http_methods(["GET", "POST"])
def add_manual(request, pk: int):
    """Search a person or a unit under the dossier's unit and propose them for a kind."""
    dossier = _dossier(request, pk, "edit")
    q = request.GET.get("q", "").strip()
    form = ManualAddForm(request.POST or None, kinds=_kind_choices(dossier))
    if request.method == "POST" and form.is_valid():
        subject = None
        value = request.POST.get("doi-tuong", "")
        if value.startswith("p:"):
            subject = people_selectors.people_for(request.user).select_related("current_unit").filter(
                pk=int_param(value[2:])).first()
        elif value.startswith("u:"):
            subject = org_selectors.units_for(request.user).filter(pk=int_param(value[2:])).first()
        if subject is None:
            messages.error(request, _("Hãy chọn một cá nhân hoặc tập thể."))
        else:
            d = form.cleaned_data
            if url := _add_once(request, dossier, [ItemInput(
                    subject=subject, kind=d["kind"], household=d["household"], period_from=d["period_from"],
                    achievement=d["achievement"], source=ItemSource.MANUAL)]):
                return redirect(url)
    people = [p for p in people_selectors.person_search(request.user, q) if
              p.current_unit.path.startswith(dossier.unit.path)] if q else []
    units = [u for u in org_selectors.unit_search(request.user, q) if u.path.startswith(dossier.unit.path)] \
        if q else []
    return render(request, "dossiers/add_manual.html", {"dossier": dossier, "form": form, "q": q, "people": people,
                                                        "units": units})


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int, item_pk: int):
    dossier, item = _dossier_child(request, pk, DossierItem, item_pk)
    editable = services.may(request.user, dossier, "edit") and (
        dossier.state == S.DRAFT or item.state == IS.RETURNED)
    if request.method == "POST" and not editable:
        raise PermissionDenied(access.REFUSED)
    kinds = _kind_choices(dossier, item.subject_kind, item.held_unit)
    form = ItemForm(request.POST or None, kinds=kinds, version=item.version, initial={
        f: getattr(item, f) for f in ("kind", "period_from", "period_to", "achievement", "report_text")})
    if request.method == "POST" and form.is_valid() and attempt(request, services.dossier_item_update,
                                                                success=_("Đã lưu «%s».") % item.subject_name,
                                                                form=form, item=item, **form.cleaned_data):
        return redirect("dossiers:item", dossier.pk, item.pk)
    documents = list(item.documents.select_related("uploaded_by"))
    per_item = [(k.code, k.name) for k in workflow().documents.values() if k.per_item]
    return render(request, "dossiers/item.html", {
        "dossier": dossier, "item": item, "form": form, "editable": editable, "documents": documents,
        "document_form": DocumentForm(kinds=per_item), "kind_name": display.dossier_namer(dossier)(item.kind),
        "reason_labels": {c: r.label for c, r in workflow().return_reasons.items()},
        "field_labels": workflow().return_fields, "may_justify": services.may(request.user, dossier, "justify"),
        "status": selectors.item_status(item),
        "kind_labels": {k.code: k.name for k in workflow().documents.values()}})


@login_required
def item_report_template(request, pk: int, item_pk: int):
    """The achievement report template, pre-filled, as plain text (put into the form by htmx)."""
    item = _child(request, _dossier(request, pk), DossierItem, item_pk)
    return HttpResponse(reports.report_template(item), content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def item_justify(request, pk: int, item_pk: int):
    dossier, item = _dossier_child(request, pk, DossierItem, item_pk, "justify")
    text = request.POST.get("giai-trinh", "")
    done = attempt(request, services.dossier_item_justify,
                   success=_("Đã ghi giải trình cho «%s».") % item.subject_name, item=item, text=text,
                   version=int_param(request.POST.get("version")))
    if not done and done.error.extra.get("stale") and text.strip():
        # The page is reloaded: what was typed is given back rather than lost.
        messages.info(request, _("Giải trình bạn vừa nhập (chưa được lưu): «%s»") % text.strip())
    return redirect(request.POST.get("next") or reverse("dossiers:detail", args=[dossier.pk]) + f"#muc-{item.pk}")


@login_required
@require_POST
def item_remove(request, pk: int, item_pk: int):
    dossier, item = _dossier_child(request, pk, DossierItem, item_pk, "edit")
    attempt(request, services.dossier_item_remove, success=_("Đã bỏ «%s» khỏi hồ sơ.") % item.subject_name, item=item,
            reason=request.POST.get("ly-do", ""))
    return _back(dossier)
