"""Pages of printing: certificates of one award or a batch, layouts and their test print,
printers, Word templates, and the public verification page. Thin: fetch and authorise
through the access policies (`printing.apps`; the selectors where the rule is more than a
fetch: an authority, a batch's awards), call one service through `attempt`, answer a page
or a file."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.catalog import display
from thidua.catalog.selectors import current_kinds, kind_names
from thidua.core import access, csp, once
from thidua.core.net import absolute_url
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, int_param
from thidua.org import labels
from thidua.printing import (
    bases,
    certificates,
    contexts,
    decision_documents,
    layouts,
    merge_fields,
    selectors,
    services,
    word,
)
from thidua.printing.forms import (
    BatchForm,
    CalibrateForm,
    FieldFormSet,
    LayoutForm,
    LegalBasesForm,
    PrinterForm,
    PrintForm,
    TemplateUploadForm,
)
from thidua.printing.models import AwardVerification, DocKind, DocTemplate, PrinterProfile

PDF = "application/pdf"
UNIT_PARAM = "don-vi"


def _attachment(content: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def _unit_query(unit) -> str:
    return f"?{UNIT_PARAM}={unit.pk}"


# The index's ways in: icon, title, what it is for, page, link label; the first one is
# the everyday task, the others are set up once.
INDEX_CARDS = (
    ("printer", gettext_lazy("In bằng khen, giấy khen"),
     gettext_lazy("In bằng cho từng khen thưởng (từ trang khen thưởng) hoặc cho mọi người trong một quyết định."),
     "printing:batch", gettext_lazy("In theo quyết định")),
    ("rulers", gettext_lazy("Bố cục phôi bằng"),
     gettext_lazy("Vị trí, phông, cỡ chữ của từng trường trên phôi in sẵn; in thử để căn chỉnh."),
     "printing:layouts", gettext_lazy("Bố cục")),
    ("arrows-move", gettext_lazy("Máy in"),
     gettext_lazy("Độ lệch ngang, dọc của từng máy in, đo bằng bản in thử."),
     "printing:printers", gettext_lazy("Máy in")),
    ("file-earmark-word", gettext_lazy("Mẫu văn bản Word"),
     gettext_lazy("Tờ trình, danh sách kèm theo, biên bản họp Hội đồng, quyết định khen thưởng theo thể thức "
                  "Nghị định 30/2020/NĐ-CP."),
     "printing:templates", gettext_lazy("Mẫu văn bản")),
    ("bookmark-check", gettext_lazy("Căn cứ pháp lý"),
     gettext_lazy("Căn cứ thẩm quyền và quy chế thi đua, khen thưởng của cơ quan, in trong quyết định và tờ trình."),
     "printing:bases", gettext_lazy("Căn cứ")),
)


@login_required
def index(request):
    selectors.require_manager(request.user)
    return render(request, "printing/index.html", {"authorities": selectors.authorities_for(request.user),
                                                   "cards": INDEX_CARDS})


# --- printing certificates ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def award_print(request, pk: int):
    """One award's certificate: the layout it will use, a printer to choose, the PDF."""
    award = selectors.award_for_print(request.user, pk)
    printers = selectors.printers_for_user(request.user)
    form = PrintForm(request.POST or None, printers=printers,
                     initial={"printer": request.session.get("printing_printer")})
    if request.method == "POST" and form.is_valid():
        printer = form.cleaned_data["printer"]
        done = attempt(request, services.certificates_print, awards=[award], printer=printer,
                       base_url=absolute_url(request, ""))
        if not done:
            return redirect("printing:award", award.pk)
        request.session["printing_printer"] = printer.pk if printer else None
        return _attachment(done.value, f"bang-khen-{award.pk}.pdf", PDF)
    info = current_kinds().get(award.kind)
    layout = layouts.effective_layout(award.kind, award.held_unit, kind_info=info)
    display.name_awards([award])
    return render(request, "printing/award.html", {
        "award": award, "form": form, "layout": layout, "no_certificate": info is not None and not info.certificate,
        "verification": AwardVerification.objects.filter(award=award).first(),
    })


def _batch_ids(raw: str) -> list[int]:
    out = []
    for part in (raw or "").replace(";", ",").split(","):
        part = part.strip()
        if part.isdigit():
            out.append(int(part))
    return out[:2000]


@login_required
@require_http_methods(["GET", "POST"])
def batch(request):
    """Many certificates in one PDF: the awards of one decision (by its number) or a list
    of award ids (?ids=1,2,3). Up to THIDUA_CERTIFICATES_INLINE_MAX the PDF is the answer;
    more are queued and the user is sent to the batch's page."""
    selectors.require_manager(request.user)
    number = request.GET.get("so-qd", "").strip()
    ids = _batch_ids(request.GET.get("ids", ""))
    decision = None
    if request.GET.get("quyet-dinh", "").isdigit():
        decision = selectors.decision_for_print(request.user, int(request.GET["quyet-dinh"]))
        ids = [a.pk for a in decision_documents.decision_awards(decision)]
        number = decision.number_text
    years, year = [], None
    if ids:
        awards = selectors.awards_for_print(request.user, ids)
    else:
        years = selectors.decision_years(request.user, number)
        year = int_param(request.GET.get("nam"))
        year = year if year in years else (years[0] if years else None)
        awards = selectors.awards_by_decision(request.user, number, year) if year else []
    printers = selectors.printers_for_user(request.user)
    # A revoked award, or a kind the catalog gives no certificate (LĐTT), is listed but not offered.
    no_certificate = {code for code, info in current_kinds().items() if not info.certificate}
    for award in awards:
        award.printable = not award.revoked and award.kind not in no_certificate
    form = BatchForm(request.POST or None, printers=printers, awards=awards,
                     initial={"awards": [a.pk for a in awards if a.printable],
                              "printer": request.session.get("printing_printer")})
    if request.method == "POST" and form.is_valid():
        chosen = selectors.awards_for_print(request.user, form.cleaned_data["awards"])
        printer = form.cleaned_data["printer"]
        background = services.in_background(len(chosen))
        if background:  # hundreds of pages take seconds: the worker draws them
            done = attempt(request, services.certificate_batch_request, awards=chosen, printer=printer,
                           base_url=request.build_absolute_uri("/"))
        else:
            done = attempt(request, services.certificates_print, awards=chosen, printer=printer,
                           base_url=absolute_url(request, ""))
        if done:
            request.session["printing_printer"] = printer.pk if printer else None
            if background:
                return redirect("printing:batch_file", done.value.pk)
            return _attachment(done.value, f"bang-khen-{len(chosen)}.pdf", PDF)
    display.name_awards(awards)
    return render(request, "printing/batch.html", {
        "awards": awards, "form": form, "number": number, "ids": ",".join(map(str, ids)), "decision": decision,
        "years": years, "year": year, "printable_count": sum(1 for a in awards if a.printable),
        "files": selectors.certificate_batches_of(request.user),
        "inline_max": settings.THIDUA_CERTIFICATES_INLINE_MAX})


@login_required
@require_GET
def batch_file(request, pk: int):
    """A batch drawn in the background: "Đang tạo tệp…" until the worker is done (htmx
    polls the row), then the download link."""
    batch = selectors.certificate_batch_get_for(request.user, pk)
    template = "printing/_batch_file.html" if request.htmx else "printing/batch_file.html"
    return render(request, template, {"batch": batch})


@login_required
@require_GET
def batch_file_download(request, pk: int):
    """The PDF of a ready batch, to whoever may print every award in it; back to its page
    with a message when it is not ready, failed or expired."""
    batch = selectors.certificate_batch_get_for(request.user, pk)
    if not batch.downloadable:
        messages.error(request, _("Tệp chưa sẵn sàng hoặc đã hết hạn tải về."))
        return redirect("printing:batch_file", batch.pk)
    try:
        handle = batch.file.open("rb")
    except OSError:  # the file was removed under the row (storage cleaned by hand)
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=f"bang-khen-{batch.count}.pdf", content_type=PDF)




# --- layouts -----------------------------------------------------------------------------


@login_required
def layout_list(request):
    selectors.require_manager(request.user)
    unit = selectors.authority_get_for(request.user, request.GET.get(UNIT_PARAM))
    return render(request, "printing/layout_list.html", {
        "unit": unit, "authorities": selectors.authorities_for(request.user), "rows": selectors.layouts_of(unit),
    })


def _layout_for(request, unit_pk: int, kind: str):
    unit = selectors.authority_get_for(request.user, unit_pk)
    info = selectors.kind_info(kind)
    return unit, info, layouts.effective_layout(kind, unit, kind_info=info)


@login_required
@require_http_methods(["GET", "POST"])
def layout_edit(request, unit: int, kind: str):
    """The layout form with its preview; saving makes the unit's own layout."""
    unit_obj, info, layout = _layout_for(request, unit, kind)
    initial = {"name": layout.name, "page_width": layout.page_width, "page_height": layout.page_height,
               "place": layout.place, "signer_title": layout.signer_title, "signer_name": layout.signer_name}
    form = LayoutForm(request.POST or None, request.FILES or None, initial=initial,
                      version=layout.version if layout.source == "own" else 0)
    fields = FieldFormSet(request.POST or None, prefix="truong", initial=[f.as_json() for f in layout.fields])
    if request.method == "POST" and form.is_valid() and fields.is_valid():
        d = form.cleaned_data
        if attempt(request, services.layout_save, form=form, unit=unit_obj, kind=kind, name=d["name"],
                   page_width=d["page_width"], page_height=d["page_height"], place=d["place"],
                   signer_title=d["signer_title"], signer_name=d["signer_name"], background=d["background"],
                   clear_background=d["clear_background"], fields=[f.cleaned_data for f in fields.forms],
                   version=d["version"]):
            messages.success(request, _("Đã lưu bố cục «%s».") % d["name"])
            return redirect("printing:layout", unit_obj.pk, kind)
    printers = selectors.printers_for(unit_obj)
    return render(request, "printing/layout_edit.html", {
        "unit": unit_obj, "info": info, "layout": layout, "form": form, "fields": fields,
        "calibrate": CalibrateForm(request.GET or None, printers=printers),
        "placeholders": layouts.PLACEHOLDERS, "printers": printers,
    })


def _calibration(request, unit: int, kind: str) -> dict:
    """What the test sheet of the layout of KIND at UNIT is drawn with: the layout, the award
    name and the printer and scan choice of the calibration form (none, no scan, when invalid)."""
    unit_obj, info, layout = _layout_for(request, unit, kind)
    form = CalibrateForm(request.GET or None, printers=selectors.printers_for(unit_obj))
    valid = form.is_valid()
    return {"layout": layout, "award_name": info.name, "printer": form.cleaned_data["printer"] if valid else None,
            "background": valid and form.cleaned_data["background"]}


@login_required
@require_GET
def layout_preview(request, unit: int, kind: str):
    """The test sheet as HTML, for the preview frame of the layout page (scan shown)."""
    html = certificates.calibration_html(**(_calibration(request, unit, kind) | {"background": True}))
    response = HttpResponse(html)
    # Framed by the layout page; positioned with inline CSS like the PDF it previews.
    response["X-Frame-Options"] = "SAMEORIGIN"
    response[csp.HEADER] = csp.PREVIEW_POLICY
    return response


@login_required
@require_GET
def layout_test_print(request, unit: int, kind: str):
    """"In thử": the calibration sheet as PDF, shifted by the chosen printer's offset."""
    pdf = certificates.calibration_pdf(**_calibration(request, unit, kind))
    return _attachment(pdf, f"in-thu-{kind.lower()}.pdf", PDF, inline=True)


@login_required
@require_POST
def layout_reset(request, unit: int, kind: str):
    unit_obj, _info, _layout = _layout_for(request, unit, kind)
    if attempt(request, services.layout_reset, unit=unit_obj, kind=kind):
        messages.success(request, _("Đã bỏ bố cục riêng; bằng in theo bố cục mặc định."))
    return redirect("printing:layout", unit_obj.pk, kind)


# --- printers ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def printer_list(request):
    selectors.require_manager(request.user)
    unit = selectors.authority_get_for(request.user, request.GET.get(UNIT_PARAM))
    form = PrinterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, lambda actor: once.submit(
            request, lambda: services.printer_save(actor=actor, unit=unit, **form.cleaned_data),
            lands_on=lambda _p: reverse("printing:printers") + _unit_query(unit),
            success=lambda printer: _("Đã thêm máy in «%s».") % printer.name), form=form)
        if done:
            return redirect(done.value.url)
    return render(request, "printing/printers.html", {
        "unit": unit, "authorities": selectors.authorities_for(request.user), "form": form,
        "printers": selectors.printers_for(unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def printer_edit(request, pk: int):
    printer = access.get(request.user, PrinterProfile, pk, perm=Perm.PRINT_MANAGE)
    form = PrinterForm(request.POST or None, version=printer.version, initial={
        "name": printer.name, "offset_x": printer.offset_x, "offset_y": printer.offset_y, "note": printer.note})
    if request.method == "POST" and form.is_valid() and attempt(
            request, services.printer_save, form=form, unit=printer.unit, printer=printer, **form.cleaned_data):
        messages.success(request, _("Đã lưu độ lệch của máy in «%s».") % form.cleaned_data["name"])
        return redirect(reverse("printing:printers") + _unit_query(printer.unit))
    return render(request, "printing/printer_form.html", {"printer": printer, "form": form})


# --- legal bases -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def legal_bases(request):
    """The authority's căn cứ lines, and the lines its papers print with them today."""
    selectors.require_manager(request.user)
    unit = selectors.authority_get_for(request.user, request.GET.get(UNIT_PARAM))
    row, _regulated = bases.kept(unit)
    form = LegalBasesForm(request.POST or None, version=row.version if row else 0, initial={
        "competence": row.competence if row else "", "regulations": row.regulations if row else ""})
    if request.method == "POST" and form.is_valid() and attempt(
            request, services.legal_bases_save, form=form, unit=unit, **form.cleaned_data):
        messages.success(request, _("Đã lưu căn cứ pháp lý của %s.") % unit.name)
        return redirect(reverse("printing:bases") + _unit_query(unit))
    today = dt.date.today()
    return render(request, "printing/bases.html", {
        "unit": unit, "authorities": selectors.authorities_for(request.user), "form": form, "row": row,
        "decision_bases": bases.bases_for(unit, today), "proposal_bases": bases.bases_for(unit, today,
                                                                                          competence=False)})


# --- Word templates ----------------------------------------------------------------------


def _doc_kind(kind: str) -> str:
    if kind not in DocKind.values:
        raise Http404
    return kind


@login_required
def template_list(request):
    selectors.require_manager(request.user)
    unit = selectors.authority_get_for(request.user, request.GET.get(UNIT_PARAM))
    return render(request, "printing/templates.html", {
        "unit": unit, "authorities": selectors.authorities_for(request.user),
        "states": selectors.template_states(unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def template_upload(request, kind: str):
    kind = _doc_kind(kind)
    unit = selectors.authority_get_for(request.user, request.GET.get(UNIT_PARAM))
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        done = attempt(request, services.template_upload, form=form, unit=unit, kind=kind, data=upload.read(),
                       name=upload.name, note=form.cleaned_data["note"])
        if done:
            messages.success(request, _("Đã lưu mẫu «%(kind)s» phiên bản %(version)s.") % {
                "kind": done.value.get_kind_display(), "version": done.value.version})
            return redirect(reverse("printing:templates") + _unit_query(unit))
    return render(request, "printing/template_upload.html", {
        "unit": unit, "kind": kind, "kind_label": DocKind(kind).label, "form": form,
        "fields": merge_fields.fields_for(kind)})


@login_required
@require_GET
def template_download(request, kind: str):
    """The template in force for the unit, to edit in Word."""
    kind = _doc_kind(kind)
    unit = selectors.authority_get_for(request.user, request.GET.get(UNIT_PARAM))
    return word.docx_response(word.template_bytes(kind, unit), f"mau-{kind.replace('_', '-')}.docx")


@login_required
@require_GET
def template_sample(request, kind: str):
    """The template in force filled with the sample data: what a document will look like."""
    kind = _doc_kind(kind)
    unit = selectors.authority_get_for(request.user, request.GET.get(UNIT_PARAM))
    content = word.render_docx(kind, contexts.SAMPLES[kind], authority=unit)
    return word.docx_response(content, f"ban-thu-{kind.replace('_', '-')}.docx")


@login_required
@require_POST
def template_restore(request, kind: str):
    kind = _doc_kind(kind)
    unit = selectors.authority_get_for(request.user, request.GET.get(UNIT_PARAM))
    row = services.template_restore_default(actor=request.user, unit=unit, kind=kind)
    messages.success(request, _("Đã dùng lại mẫu gốc của hệ thống (phiên bản %s).") % row.version)
    return redirect(reverse("printing:templates") + _unit_query(unit))


@login_required
@require_GET
def template_version(request, pk: int):
    row = access.get(request.user, DocTemplate, pk, perm=Perm.PRINT_MANAGE)
    return FileResponse(row.file.open("rb"), as_attachment=True,
                        filename=f"mau-{row.kind.replace('_', '-')}-v{row.version}.docx")


# --- public ------------------------------------------------------------------------------


@never_cache
@require_GET
def verify(request, token: str):
    """The public page behind a certificate's QR code: who, what, which decision, and
    whether it still stands. No login; nothing personal beyond the name."""
    row = selectors.verification_by_token(token)
    award = row.award
    parents = labels.parents_of([award.held_unit])
    response = render(request, "printing/verify.html", {
        "award": award, "kind_name": display.award_full_name(award, kind_names()),
        "subject_name": award.person.full_name if award.person_id else award.unit.name,
        "unit_text": labels.unit_text(award.held_unit, parents),
        "decision_number": award.decision_number or (award.document.number if award.document_id else ""),
        "issuer": award.issuer or (award.document.issuer if award.document_id else ""),
    })
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


