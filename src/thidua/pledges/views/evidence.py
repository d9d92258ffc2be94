"""Evidence files on a score sheet: upload, download, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.views_util import attempt
from thidua.pledges import policy, selectors, services
from thidua.pledges.models import Score

NO_FILE = gettext_lazy("Hãy chọn tệp minh chứng.")


def _line(sheet_obj, criterion_pk: int) -> Score:
    """One line of a sheet already fetched through `selectors.sheet_get_for`."""
    return get_object_or_404(Score.objects.select_related("criterion"), sheet=sheet_obj, criterion_id=criterion_pk)


def _evidence_cell(request, sheet_obj, line_score, error=""):
    rnd = sheet_obj.round
    editable = (rnd.standing.acts_for(sheet_obj.unit_id) and sheet_obj.submitted_at is None
                and rnd.self_scoring_open(timezone.localdate()))
    evidence = list(line_score.evidence.select_related("uploaded_by"))
    return render(request, "pledges/_evidence_cell.html", {
        "rnd": rnd, "sheet": sheet_obj, "score": line_score, "criterion": line_score.criterion,
        "evidence": evidence, "editable": editable, "error": error,
    })


@login_required
@require_POST
def evidence_upload(request, pk: int, unit: int, criterion: int):
    """Attach a file to one criterion; htmx swaps the criterion's evidence cell."""
    sheet_obj = selectors.sheet_get_for(request.user, pk, unit)
    policy.require(sheet_obj.round.standing.acts_for(sheet_obj.unit_id))
    score = _line(sheet_obj, criterion)
    upload = request.FILES.get("file")
    if upload is None:
        error = str(NO_FILE)
        if not request.htmx:
            messages.error(request, error)
    else:
        done = attempt(request, services.evidence_add, score=score, file=upload)
        error = "" if done else done.error.message
        if done and not request.htmx:
            messages.success(request, _("Đã tải lên minh chứng cho tiêu chí %s.") % score.criterion.code)
    if request.htmx:
        list(messages.get_messages(request))  # the cell shows the outcome; no flash on the next page
        return _evidence_cell(request, sheet_obj, score, error)
    return redirect("pledges:sheet", pk, unit)


@login_required
def evidence_file(request, pk: int):
    """An evidence file, served only to those who may open its sheet (never by a media URL)."""
    evidence = selectors.evidence_get_for(request.user, pk)
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except OSError:  # the row outlived its file (restored database, storage cleaned)
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=evidence.name)


@login_required
@require_POST
def evidence_delete(request, pk: int):
    evidence = selectors.evidence_get_for(request.user, pk)
    score = evidence.score
    sheet_obj = selectors.sheet_get_for(request.user, score.sheet.round_id, score.sheet.unit_id)
    policy.require(sheet_obj.round.standing.acts_for(sheet_obj.unit_id))
    done = attempt(request, services.evidence_remove, evidence=evidence)
    if request.htmx:
        if not done:
            list(messages.get_messages(request))
        score = _line(sheet_obj, score.criterion_id)
        return _evidence_cell(request, sheet_obj, score, "" if done else done.error.message)
    if done:
        messages.success(request, _("Đã xóa tệp minh chứng."))
    return redirect(reverse("pledges:sheet", args=[sheet_obj.round_id, sheet_obj.unit_id]))
