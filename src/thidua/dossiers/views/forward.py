"""Relaying voted central-level dossiers upward, and the relaying authority's draft tờ trình."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, int_param
from thidua.dossiers import selectors, services, word_documents
from thidua.dossiers.forms import ForwardForm
from thidua.dossiers.views.common import _dossier, _require_role
from thidua.printing import word


def _forward_candidates(request) -> list:
    """The voted central-level dossiers the user may relay upward; 403 for whoever may
    relay nothing anywhere."""
    candidates = [d for d in selectors.forwardable(request.user) if services.may(request.user, d, "forward")]
    if not candidates and not access.has_any(request.user, Perm.DOSSIER_SUBMIT):
        raise PermissionDenied(access.REFUSED)
    return candidates


def _forward_chosen(request, candidates, raw) -> list:
    """The dossiers ticked (pks in RAW): fetched through the scope (404 outside it); one the
    user sees but whose role does not relay it is 403; one in the wrong state goes on to
    the service, which says why."""
    by_pk = {d.pk: d for d in candidates}
    chosen = []
    for pk in dict.fromkeys(int_param(v) for v in raw):
        if pk is None:
            continue
        dossier = by_pk.get(pk)
        if dossier is None:
            dossier = _dossier(request, pk)
            _require_role(request, dossier, "forward")
        chosen.append(dossier)
    return chosen


def _forward_page(request, form, candidates, chosen=()):
    return render(request, "dossiers/forward.html", {
        "form": form, "candidates": candidates, "chosen": {d.pk for d in chosen},
        "minutes_kind": selectors.MINUTES_KIND, "meetings": selectors.voting_meetings(request.user, candidates)})


@login_required
@require_http_methods(["GET", "POST"])
def forward(request):
    """Relay voted central-level dossiers (Bằng khen TTg, Huân chương…) upward as one dossier,
    with the relaying authority's own signed tờ trình and its council's minutes."""
    candidates = _forward_candidates(request)
    form = ForwardForm(request.POST or None, request.FILES or None, papers=selectors.forward_papers())
    chosen = _forward_chosen(request, candidates, request.POST.getlist("chon")) if request.method == "POST" else []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = attempt(request, services.dossier_forward,
                       success=lambda upper: _("Đã trình cấp trên: «%s».") % upper.title, form=form, dossiers=chosen,
                       title=d["title"], number=d["number"], external_authority=d["external_authority"],
                       reason=d["comment"], papers=form.uploads())
        if done:
            return redirect("dossiers:detail", done.value.pk)
    return _forward_page(request, form, candidates, chosen)


@login_required
@require_POST
def forward_draft(request):
    """The relaying authority's draft tờ trình (Word) for the dossiers ticked on the forward
    page, before the upper dossier exists: the officer prints it, has it signed and uploads
    the signed copy with the forward. Checked as the forward is, writing nothing; a refusal
    shows the page. A POST of the same form (a GET would put its CSRF token in the address);
    files already chosen are ignored."""
    candidates = _forward_candidates(request)
    form = ForwardForm(request.POST, papers=selectors.forward_papers())
    chosen = _forward_chosen(request, candidates, request.POST.getlist("chon"))
    if form.is_valid():
        d = form.cleaned_data

        def draft(actor) -> bytes:
            plan = services.forward_plan(actor=actor, dossiers=chosen, title=d["title"], number=d["number"],
                                         external_authority=d["external_authority"])
            return word.render_docx("to_trinh", word_documents.to_trinh_context(plan.upper, items=plan.items),
                                    authority=plan.upper.unit)

        done = attempt(request, draft, form=form)
        if done:
            return word.docx_response(done.value, "du-thao-to-trinh-cap-tren.docx")
    return _forward_page(request, form, candidates, chosen)
