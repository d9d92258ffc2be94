"""Pages of the bloc pledge and its scoring rounds. Thin: fetch through the selectors (which
authorise), call one service, render. Refusals of the policy are 404 (no standing) or 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import access, once
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.views_util import form_error
from thidua.core.xlsx import xlsx_response
from thidua.documents import selectors as document_selectors
from thidua.org.models import Unit
from thidua.pledges import policy, selectors, services
from thidua.pledges.forms import (
    CriterionForm,
    GroupForm,
    LinesForm,
    PanelForm,
    PledgeCreateForm,
    PledgeEditForm,
    ReopenForm,
    RoundForm,
)
from thidua.pledges.models import PledgeStatus, RoundKind, RoundMode

NO_FILE = gettext_lazy("Hãy chọn tệp minh chứng.")


def _attempt(request, fn, form=None, **kwargs):
    """Call a service; a business refusal becomes a form error or a flash message, a
    permission refusal stays a 403."""
    try:
        return fn(actor=request.user, **kwargs), None
    except PermissionDenied:
        raise
    except ApplicationError as exc:
        if form is not None:
            form_error(form, exc)
        else:
            messages.error(request, exc.message)
        return None, exc


def _create_once(request, service, form, *, lands_on, success, **kwargs):
    """`_attempt` of a service that creates, once per form (`core.once`): the outcome, whose
    `url` is where the created record (the first press's, on a second one) is shown."""
    done, _error = _attempt(request, lambda actor, **kw: once.submit(
        request, lambda: service(actor=actor, **kw), lands_on=lands_on, success=success), form, **kwargs)
    return done


# --- pledges -----------------------------------------------------------------------------


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
            done = _create_once(request, services.pledge_create, form, bloc=bloc_obj, year=year,
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
        "has_earlier": pledge.status == PledgeStatus.DRAFT and not groups and pledge.bloc.pledges.filter(
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
        done, _error = _attempt(request, services.pledge_update, form, pledge=pledge, **form.cleaned_data)
        if done:
            messages.success(request, _("Đã lưu thông tin giao ước."))
            return redirect("pledges:detail", pledge.pk)
    return render(request, "pledges/form.html", {"form": form, "pledge": pledge, "title": _("Sửa thông tin giao ước")})


_PLEDGE_ACTIONS = {
    "sao-chep": (services.pledge_copy_from_last_year, _("Đã sao chép bảng tiêu chí năm trước.")),
    "ban-hanh": (services.pledge_open, _("Đã ban hành bảng tiêu chí; các đơn vị thành viên có thể ký giao ước.")),
    "tra-ve-soan-thao": (services.pledge_return_to_draft, _("Đã trả giao ước về soạn thảo.")),
    "ket-thuc": (services.pledge_close, _("Đã kết thúc giao ước năm.")),
}


@login_required
@require_POST
def pledge_action(request, pk: int, action: str):
    pledge = selectors.pledge_get_for(request.user, pk)
    if action not in _PLEDGE_ACTIONS:
        raise Http404
    service, done_message = _PLEDGE_ACTIONS[action]
    done, _error = _attempt(request, service, pledge=pledge)
    if done is not None:
        messages.success(request, done_message)
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
    done, _error = _attempt(request, services.pledge_sign, pledge=pledge, unit=unit)
    if done:
        messages.success(request, _("%s đã ký giao ước.") % unit.name)
    return redirect("pledges:detail", pledge.pk)


@login_required
@require_http_methods(["GET", "POST"])
def criteria(request, pk: int):
    """The criteria editor of a draft table: groups, criteria, edit and delete."""
    pledge = selectors.pledge_get_for(request.user, pk)
    policy.require(pledge.standing.organiser)
    editable = pledge.status == PledgeStatus.DRAFT
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
            done = _create_once(request, services.criterion_group_save, group_form, pledge=pledge, group=edit_g,
                                lands_on=lambda _g: here, success=lambda _g: saved, **group_form.cleaned_data)
        elif which == "criterion" and criterion_form.is_valid():
            done = _create_once(request, services.criterion_save, criterion_form, pledge=pledge, criterion=edit_c,
                                lands_on=lambda _c: here, success=lambda _c: saved, **criterion_form.cleaned_data)
        if done:
            return redirect(done.url)
        elif which == "delete-criterion":
            target = pledge.criteria.filter(pk=request.POST.get("id") or 0).first()
            if target is None:
                raise Http404
            _r, error = _attempt(request, services.criterion_delete, criterion=target)
            done = error is None
        elif which == "delete-group":
            target = groups_qs.filter(pk=request.POST.get("id") or 0).first()
            if target is None:
                raise Http404
            _r, error = _attempt(request, services.criterion_group_delete, group=target)
            done = error is None
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


# --- rounds ------------------------------------------------------------------------------


def _member_units(standing):
    return Unit.objects.filter(pk__in=list(standing.members)).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, pk: int):
    pledge = selectors.pledge_get_for(request.user, pk)
    policy.require(pledge.standing.organiser)
    has_year_end = pledge.rounds.filter(kind=RoundKind.YEAR_END).exists()
    kind = RoundKind.MID_YEAR if has_year_end else RoundKind.YEAR_END
    form = RoundForm(request.POST or None, units=_member_units(pledge.standing), initial={
        "kind": kind, "mode": RoundMode.LEADER, "bk_proposals": 2,
        "name": (_("Sơ kết 6 tháng đầu năm %s") if has_year_end else _("Chấm điểm, xếp hạng năm %s")) % pledge.year,
    })
    if request.method == "POST" and form.is_valid():
        done = _create_once(request, services.round_open, form, pledge=pledge,
                            lands_on=lambda rnd: reverse("pledges:round", args=[rnd.pk]),
                            success=lambda rnd: _("Đã mở đợt chấm điểm «%s».") % rnd.name, **form.cleaned_data)
        if done:
            return redirect(done.url)
    return render(request, "pledges/form.html", {"form": form, "pledge": pledge,
                                                 "title": _("Mở đợt chấm điểm"), "once": True})


def _round_context(rnd):
    today = timezone.localdate()
    st = rnd.standing
    return {"rnd": rnd, "pledge": rnd.pledge, "st": st, "today": today, "phase": rnd.phase(today),
            "is_panel": rnd.mode == RoundMode.PANEL}


@login_required
def round_detail(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    context = _round_context(rnd)
    rows = selectors.round_progress(rnd)
    context.update(
        rows=rows, n_sent=sum(1 for r in rows if r.sheet and r.sheet.submitted_at),
        my_rows=[r for r in rows if rnd.standing.acts_for(r.membership.unit_id)],
        panel=list(rnd.panel.select_related("unit").order_by("unit__name")) if context["is_panel"] else [],
    )
    return render(request, "pledges/round.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_panel(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    policy.require(rnd.standing.organiser)
    if rnd.mode != RoundMode.PANEL:
        raise Http404
    form = PanelForm(request.POST or None, units=_member_units(rnd.standing),
                     initial={"units": list(rnd.panel_ids)})
    if request.method == "POST" and form.is_valid():
        done, _error = _attempt(request, services.round_panel_set, form, round=rnd, units=form.cleaned_data["units"])
        if done is not None:
            messages.success(request, _("Đã cập nhật tổ chấm chéo."))
            return redirect("pledges:round", rnd.pk)
    return render(request, "pledges/form.html", {"form": form, "pledge": rnd.pledge, "rnd": rnd,
                                                 "title": _("Tổ chấm chéo")})


@login_required
@require_POST
def round_rank(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    policy.require(rnd.standing.organiser)
    rows, _error = _attempt(request, services.round_rank, round=rnd)
    if rows is not None:
        messages.success(request, _("Đã xếp hạng %d đơn vị.") % len(rows))
    return redirect("pledges:ranking", rnd.pk)


@login_required
@require_POST
def round_lock(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    policy.require(rnd.standing.organiser)
    done, _error = _attempt(request, services.round_lock, round=rnd)
    if done is not None:
        messages.success(request, _("Đã chốt kết quả đợt chấm điểm."))
    return redirect("pledges:ranking", rnd.pk)


@login_required
@require_http_methods(["GET", "POST"])
def round_reopen(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    policy.require(rnd.standing.manager)
    form = ReopenForm(request.POST or None, initial={"self_score_deadline": rnd.self_score_deadline,
                                                     "review_deadline": rnd.review_deadline})
    if request.method == "POST" and form.is_valid():
        done, _error = _attempt(request, services.round_reopen, form, round=rnd, **form.cleaned_data)
        if done is not None:
            messages.success(request, _("Đã mở lại, gia hạn đợt chấm điểm."))
            return redirect("pledges:round", rnd.pk)
    return render(request, "pledges/form.html", {"form": form, "pledge": rnd.pledge, "rnd": rnd,
                                                 "title": _("Mở lại, gia hạn đợt chấm điểm")})


def _ranking_visible(rnd) -> bool:
    """The organisers see the ranking at any time; members once the bloc has ranked."""
    return rnd.standing.organiser or rnd.ranked_at is not None


@login_required
def ranking_page(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    context = _round_context(rnd)
    if _ranking_visible(rnd):
        result = selectors.round_ranking(rnd)
        # A member's own row stands out; for the secretariat, whose grant covers every
        # member, highlighting them all would mark nothing.
        mine = rnd.standing.own_units if len(rnd.standing.own_units) < len(rnd.standing.members) else frozenset()
        for row in result.rows:
            row.extra["mine"] = row.unit_id in mine
        context.update(result=result, proposals=selectors.proposals_of(rnd))
    return render(request, "pledges/ranking.html", context)


@login_required
def ranking_export(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    if not _ranking_visible(rnd):
        raise Http404
    result = selectors.round_ranking(rnd)
    labels = {"CO_TINH": _("Cờ thi đua cấp tỉnh"), "BK_TINH": _("Bằng khen của Chủ tịch UBND tỉnh")}
    headers = [_("Thứ hạng"), _("Đơn vị"), *[_("Nhóm %s") % g.code for g in result.groups],
               _("Điểm tiêu chí"), _("Điểm thưởng"), _("Điểm trừ"), _("Tổng điểm"), _("Đề nghị"), _("Ghi chú")]
    rows = (
        (r.rank, r.name, *[float(g) if r.submitted else None for g in r.groups],
         float(r.standard) if r.submitted else None, float(r.bonus) if r.submitted else None,
         float(r.deduction) if r.submitted else None, float(r.total) if r.submitted else None,
         labels.get(r.proposal, ""), " ".join(x for x in (r.explanation, r.proposal_note) if x))
        for r in result.rows
    )
    title = _("Kết quả chấm điểm, xếp hạng — %(bloc)s — %(round)s") % {"bloc": rnd.pledge.bloc.name,
                                                                       "round": rnd.name}
    return xlsx_response(f"xep-hang-{rnd.pledge.bloc.code}-{rnd.pledge.year}-{rnd.pk}.xlsx", title, headers, rows)


# --- score sheets ------------------------------------------------------------------------


def _sheet_modes(sheet, today):
    """Which editable form the user gets on SHEET: self, review, panel or none; and extras."""
    rnd, st = sheet.round, sheet.round.standing
    sent = sheet.submitted_at is not None
    unit_id = sheet.unit_id
    if st.acts_for(unit_id) and not sent and rnd.self_scoring_open(today):
        return "self", []
    if rnd.mode == RoundMode.LEADER and sent and rnd.review_open(today) and st.may_review(rnd.mode, unit_id) \
            and (st.manager or unit_id not in st.own_units):
        return "review", []
    if rnd.mode == RoundMode.PANEL and sent and rnd.review_open(today):
        units = st.panel_units(rnd.panel_ids, unit_id)
        if units:
            return "panel", units
    return "", []


def _lines_form(mode, data, view, reviewer_unit_id=None):
    if mode == "self":
        return LinesForm(data, lines=view.lines, initial_points=lambda ln: ln.score.self_points,
                         initial_note=lambda ln: ln.score.self_note, version=lambda ln: ln.score.version)
    if mode == "review":
        return LinesForm(
            data, lines=view.lines,
            initial_points=lambda ln: ln.score.accepted_points if ln.score.accepted_points is not None
            else ln.score.self_points,
            initial_note=lambda ln: ln.score.review_comment, version=lambda ln: ln.score.version,
            note_label=gettext_lazy("Nhận xét thẩm định tiêu chí %s"))

    def mine(ln):
        return next((p for p in ln.panel if p.reviewer_unit_id == reviewer_unit_id), None)

    return LinesForm(data, lines=view.lines,
                     initial_points=lambda ln: mine(ln).points if mine(ln) else None,
                     initial_note=lambda ln: mine(ln).comment if mine(ln) else "",
                     version=lambda ln: mine(ln).version if mine(ln) else 0,
                     note_label=gettext_lazy("Nhận xét chấm chéo tiêu chí %s"))


@login_required
@require_http_methods(["GET", "POST"])
def sheet(request, pk: int, unit: int):
    """A unit's score sheet: self-scoring for its officers, review for the leader, cross-scoring
    for the panel, read-only for the rest of those who may open it."""
    sheet_obj = selectors.sheet_get_for(request.user, pk, unit)
    rnd, st = sheet_obj.round, sheet_obj.round.standing
    today = timezone.localdate()
    mode, panel_units = _sheet_modes(sheet_obj, today)
    reviewer_unit_id = None
    if mode == "panel":
        wanted = request.POST.get("reviewer") or request.GET.get("don-vi-cham") or ""
        reviewer_unit_id = int(wanted) if wanted.isdigit() and int(wanted) in panel_units else panel_units[0]
    see_all_panel = rnd.mode == RoundMode.PANEL and st.organiser
    view = selectors.sheet_lines(sheet_obj, panel_for=[reviewer_unit_id] if reviewer_unit_id else None,
                                 all_panel=see_all_panel)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "withdraw":
        done, _error = _attempt(request, services.score_sheet_withdraw, sheet=sheet_obj,
                                reason=request.POST.get("reason", ""))
        if done:
            messages.success(request, _("Đã rút bảng tự chấm điểm để sửa."))
        return redirect(request.path)
    form = _lines_form(mode, request.POST if request.method == "POST" and mode else None, view, reviewer_unit_id) \
        if mode else None
    if request.method == "POST":
        if form is None:
            # A page left open past a deadline (or after sending) gets the reason, not a 403.
            if st.acts_for(sheet_obj.unit_id):
                reason = services.self_closed_reason(rnd, sheet_obj)
            elif st.may_review(rnd.mode, sheet_obj.unit_id) or st.panel_units(rnd.panel_ids, sheet_obj.unit_id):
                reason = services.review_closed_reason(rnd, sheet_obj)
            else:
                reason = None
            if not reason:
                raise PermissionDenied(access.REFUSED)
            messages.error(request, _("Không lưu được: %s") % reason)
            return redirect(request.path)
        if form.is_valid():
            if mode == "self":
                done, _error = _attempt(request, services.score_self_set, form, sheet=sheet_obj,
                                        entries=form.entries, submit=action == "submit")
                ok_message = _("Đã gửi bảng tự chấm điểm.") if action == "submit" else _("Đã lưu điểm tự chấm.")
            elif mode == "review":
                done, _error = _attempt(request, services.score_review_set, form, sheet=sheet_obj,
                                        entries=form.entries)
                ok_message = _("Đã lưu kết quả thẩm định.")
            else:
                done, _error = _attempt(request, services.panel_score_set, form, sheet=sheet_obj,
                                        reviewer_unit=Unit.objects.get(pk=reviewer_unit_id), entries=form.entries)
                ok_message = _("Đã lưu điểm chấm chéo.")
            if done is not None:
                messages.success(request, ok_message)
                url = request.path + (f"?don-vi-cham={reviewer_unit_id}" if reviewer_unit_id else "")
                return redirect(url)
    if form is not None:
        form.attach()
    reviewed = any(line.score.accepted_points is not None for line in view.lines)
    return render(request, "pledges/sheet.html", {
        **_round_context(rnd), "sheet": sheet_obj, "view": view, "mode": mode, "form": form,
        "panel_units": Unit.objects.filter(pk__in=panel_units).order_by("name") if panel_units else [],
        "reviewer_unit_id": reviewer_unit_id, "see_all_panel": see_all_panel,
        "own": st.acts_for(sheet_obj.unit_id), "is_self": mode == "self",
        "can_withdraw": st.acts_for(sheet_obj.unit_id) and sheet_obj.submitted_at is not None
        and rnd.self_scoring_open(today) and not reviewed and not any(line.panel for line in view.lines),
        "show_accepted": mode != "self" and (st.acts_for(sheet_obj.unit_id) or st.organiser
                                             or st.may_review(rnd.mode, sheet_obj.unit_id)),
    })


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
    score = selectors.score_get_for(sheet_obj, criterion)
    upload = request.FILES.get("file")
    if upload is None:
        error = str(NO_FILE)
        if not request.htmx:
            messages.error(request, error)
    else:
        _done, exc = _attempt(request, services.evidence_add, score=score, file=upload)
        error = exc.message if exc else ""
        if not exc and not request.htmx:
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
    _done, exc = _attempt(request, services.evidence_remove, evidence=evidence)
    if request.htmx:
        if exc is not None:
            list(messages.get_messages(request))
        score = selectors.score_get_for(sheet_obj, score.criterion_id)
        return _evidence_cell(request, sheet_obj, score, exc.message if exc else "")
    if exc is None:
        messages.success(request, _("Đã xóa tệp minh chứng."))
    return redirect(reverse("pledges:sheet", args=[sheet_obj.round_id, sheet_obj.unit_id]))

