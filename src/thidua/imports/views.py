import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.catalog.selectors import current_kinds
from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, int_param, paginate
from thidua.core.xlsx import XLSX_MIME, xlsx_download
from thidua.imports import ratings_grid as ratings_grid_rows
from thidua.imports import selectors, services
from thidua.imports.forms import PeopleImportForm, RegistrationImportForm
from thidua.imports.models import ImportBatch
from thidua.imports.people import MAX_ROWS
from thidua.imports.workbook import (
    build_awards_template,
    build_initiatives_template,
    build_people_template,
    build_registrations_template,
)
from thidua.org.models import Unit
from thidua.people import selectors as people_selectors
from thidua.people.models import Rating
from thidua.registrations import selectors as reg_selectors


def _require_import_right(user) -> None:
    if not selectors.may_import(user):
        raise PermissionDenied(services.NO_IMPORT_RIGHT)


@login_required
@require_http_methods(["GET", "POST"])
def people_import(request):
    return _upload(request, ImportBatch.Kind.PEOPLE, title=_("Nhập danh sách cá nhân và xếp loại từ Excel"), steps=[
        _("Tải tệp mẫu, điền mỗi dòng là xếp loại một năm của một cá nhân."),
        _("Tải tệp lên: hệ thống kiểm tra từng dòng và cho xem trước, chưa lưu gì."),
        _("Khi tệp không còn lỗi, bấm «Xác nhận nhập» để lưu toàn bộ cùng một lúc."),
    ], template_url="imports:template")


@login_required
def template_download(request):
    _require_import_right(request.user)
    content = build_people_template(selectors.import_units_for(request.user), current_year=dt.date.today().year)
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ca-nhan-xep-loai.xlsx"'
    return response


# Where each kind of batch is uploaded, for the "upload another file" links.
UPLOAD_PAGES = {
    ImportBatch.Kind.PEOPLE: "imports:people", ImportBatch.Kind.AWARDS: "imports:awards",
    ImportBatch.Kind.INITIATIVES: "imports:initiatives", ImportBatch.Kind.REGISTRATIONS: "imports:registrations",
}

# What a batch's preview counts (keys of `summary`) and its result (keys of `applied`), by
# kind, after the counts every kind has; each key is also the row's `data-count`.
_K = ImportBatch.Kind
PREVIEW_COUNTS = {
    _K.PEOPLE: (("people_new", gettext_lazy("Cá nhân thêm mới")),
                ("people_existing", gettext_lazy("Cá nhân đã có")),
                ("ratings_new", gettext_lazy("Xếp loại ghi mới")),
                ("ratings_changed", gettext_lazy("Xếp loại thay đổi")),
                ("ratings_same", gettext_lazy("Xếp loại giữ nguyên"))),
    _K.AWARDS: (("awards_new", gettext_lazy("Khen thưởng ghi mới")),
                ("awards_same", gettext_lazy("Đã có trong sổ, bỏ qua")),
                ("people", gettext_lazy("Cá nhân")), ("units", gettext_lazy("Tập thể"))),
    _K.REGISTRATIONS: (("sheets_new", gettext_lazy("Bản đăng ký lập mới")),
                       ("sheets_existing", gettext_lazy("Bản đăng ký đã có, ghi thêm")),
                       ("people", gettext_lazy("Cá nhân")), ("units", gettext_lazy("Tập thể")),
                       ("titles", gettext_lazy("Lượt danh hiệu đăng ký"))),
    _K.INITIATIVES: (("initiatives_new", gettext_lazy("Sáng kiến ghi mới")),
                     ("initiatives_same", gettext_lazy("Đã có, bỏ qua")), ("authors", gettext_lazy("Tác giả"))),
}
RESULT_COUNTS = {
    _K.PEOPLE: (("people_created", gettext_lazy("Cá nhân thêm mới")),
                ("people_existing", gettext_lazy("Cá nhân đã có")),
                ("people_completed", gettext_lazy("Cá nhân được bổ sung CCCD/ngày sinh")),
                ("ratings_created", gettext_lazy("Xếp loại ghi mới")),
                ("ratings_changed", gettext_lazy("Xếp loại thay đổi")),
                ("ratings_same", gettext_lazy("Xếp loại giữ nguyên"))),
    _K.AWARDS: (("awards_created", gettext_lazy("Khen thưởng ghi mới")),
                ("awards_same", gettext_lazy("Đã có, bỏ qua"))),
    _K.REGISTRATIONS: (("sheets_created", gettext_lazy("Bản đăng ký lập mới")),
                       ("sheets_updated", gettext_lazy("Bản đăng ký đã có, ghi thêm")),
                       ("registrations", gettext_lazy("Lượt danh hiệu đăng ký")), ("people", gettext_lazy("Cá nhân"))),
    _K.INITIATIVES: (("initiatives_created", gettext_lazy("Sáng kiến ghi mới")),
                     ("initiatives_same", gettext_lazy("Đã có, bỏ qua"))),
}


def _upload(request, kind: str, *, title: str, steps: list[str], template_url: str, make_form=None,
            template_query: str = ""):
    importer = services.IMPORTERS[kind]
    if not importer.may(request.user):
        raise PermissionDenied(importer.refusal)
    make_form = make_form or PeopleImportForm
    form = make_form(request.POST, request.FILES) if request.method == "POST" else make_form()
    if request.method == "POST" and form.is_valid():
        params = form.params() if hasattr(form, "params") else None
        done = attempt(request, services.import_preview, form=form, upload=form.cleaned_data["file"], kind=kind,
                       params=params)
        if done:
            return redirect("imports:preview", done.value.pk)
    batches = ImportBatch.objects.filter(created_by=request.user, kind=kind).order_by("-created_at", "-id")[:10]
    return render(request, "imports/upload.html", {
        "form": form, "batches": batches, "max_rows": MAX_ROWS, "title": title, "steps": steps,
        "template_url": template_url, "template_query": template_query,
    })


@login_required
@require_http_methods(["GET", "POST"])
def awards_import(request):
    return _upload(request, ImportBatch.Kind.AWARDS, title=_("Nhập khen thưởng đã có từ Excel"), steps=[
        _("Tải tệp mẫu, điền mỗi dòng là một danh hiệu hoặc hình thức khen thưởng đã được quyết định."),
        _("Tải tệp lên: hệ thống tìm từng cá nhân, tập thể, kiểm tra mã, năm, quyết định và cho xem trước, chưa lưu "
          "gì."),
        _("Khi tệp không còn lỗi, bấm «Xác nhận nhập» để lưu toàn bộ cùng một lúc."),
    ], template_url="imports:awards_template")


@login_required
@require_http_methods(["GET", "POST"])
def initiatives_import(request):
    return _upload(request, ImportBatch.Kind.INITIATIVES, title=_("Nhập sáng kiến từ Excel"), steps=[
        _("Tải tệp mẫu, điền mỗi dòng là một tác giả của một sáng kiến đã được công nhận."),
        _("Tải tệp lên: hệ thống kiểm tra từng dòng, tổng tỷ lệ đóng góp và cho xem trước, chưa lưu gì."),
        _("Khi tệp không còn lỗi, bấm «Xác nhận nhập» để lưu toàn bộ cùng một lúc."),
    ], template_url="imports:initiatives_template")


@login_required
@require_http_methods(["GET", "POST"])
def registrations_import(request):
    """Registrations from Excel. `don-vi`, `nam`, `phong-trao` (from a sheet's page) choose
    the movement and make the template come filled with that unit's people."""
    movements = selectors.registration_import_movements(request.user)
    chosen = request.GET.get("phong-trao", "")
    initial = {"movement": int(chosen)} if chosen.isdigit() and movements.filter(pk=int(chosen)).exists() else {}
    query = {k: request.GET[k] for k in ("don-vi", "nam", "phong-trao") if request.GET.get(k, "").isdigit()}

    def make_form(*args):
        return RegistrationImportForm(*args, movements=movements, initial=initial)

    return _upload(request, ImportBatch.Kind.REGISTRATIONS, title=_("Nhập đăng ký thi đua từ Excel"), steps=[
        _("Tải tệp mẫu (mở từ bản đăng ký của một đơn vị thì tệp có sẵn danh sách cá nhân của đơn vị), ghi danh hiệu "
          "đăng ký của từng người và của đơn vị."),
        _("Chọn phong trào (nếu đăng ký theo phong trào) và tải tệp lên: hệ thống kiểm tra từng dòng và cho xem "
          "trước, chưa lưu gì."),
        _("Khi tệp không còn lỗi, bấm «Xác nhận nhập»: đăng ký được ghi vào bản đăng ký của từng đơn vị (đang lập); "
          "sau đó gửi thủ trưởng duyệt."),
    ], template_url="imports:registrations_template", make_form=make_form,
        template_query=f"?{urlencode(query)}" if query else "")


@login_required
def registrations_template(request):
    """The registrations template; with `don-vi` (and `nam`, `phong-trao`), filled with that
    unit's people and what they registered on its sheet."""
    if not selectors.may_import_registrations(request.user):
        raise PermissionDenied(services.NO_REGISTRATION_IMPORT_RIGHT)
    today = timezone.localdate()
    titles = [(code, name) for code, name in reg_selectors.registrable_codes("individual")
              + reg_selectors.registrable_codes("collective")]
    prefill, filename = [], "mau-dang-ky-thi-dua.xlsx"
    unit_pk = request.GET.get("don-vi", "")
    if unit_pk.isdigit():
        unit = access.get(request.user, Unit, int(unit_pk), seen=Perm.REGISTRATION_CHANGE)
        raw_year = request.GET.get("nam", "")
        year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100 else today.year
        movement = reg_selectors.movement_get(request.GET.get("phong-trao"))
        sheet = reg_selectors.sheet_find(unit, year, movement)
        content = reg_selectors.sheet_content(unit, year, sheet)
        prefill.append([unit.code, year, None, None, ", ".join(content.unit_line.codes),
                        sheet.targets if sheet else None])
        prefill.extend([unit.code, year, str(line.person.pk), line.person.full_name, ", ".join(line.codes),
                        line.note or None] for line in content.people)
        filename = f"dang-ky-thi-dua-{unit.code}-{year}.xlsx"
    units = selectors.registration_import_units_for(request.user)
    return _xlsx(build_registrations_template(units, titles, current_year=today.year, prefill=prefill), filename)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return xlsx_download(content, filename)


@login_required
def awards_template(request):
    if not selectors.may_import_awards(request.user):
        raise PermissionDenied(services.NO_AWARD_IMPORT_RIGHT)
    units = selectors.award_import_units_for(request.user, Perm.AWARD_CHANGE)
    return _xlsx(build_awards_template(units, list(current_kinds().values()), current_year=dt.date.today().year),
                 "mau-nhap-khen-thuong.xlsx")


@login_required
def initiatives_template(request):
    if not selectors.may_import_initiatives(request.user):
        raise PermissionDenied(services.NO_INITIATIVE_IMPORT_RIGHT)
    units = selectors.award_import_units_for(request.user, Perm.INITIATIVE_CHANGE)
    return _xlsx(build_initiatives_template(units, list(current_kinds().values()),
                                            current_year=dt.date.today().year), "mau-nhap-sang-kien.xlsx")


@login_required
def preview(request, pk: int):
    batch = access.get(request.user, ImportBatch, pk)
    if batch.state != ImportBatch.Status.PREVIEW and not batch.stalled:
        return redirect("imports:result", batch.pk)
    movement = None
    if batch.kind == ImportBatch.Kind.REGISTRATIONS:
        movement = attempt(request, lambda actor: services.import_movement(batch.result.get("params"))).value
    summary = batch.summary
    return render(request, "imports/preview.html", {
        "batch": batch, "summary": summary, "rows": batch.result.get("preview", []),
        "upload_page": UPLOAD_PAGES[batch.kind], "movement": movement, "ratings": dict(Rating.choices),
        "totals": [(_("Số dòng đọc được"), "rows_total", batch.rows_total),
                   (_("Số dòng hợp lệ"), "rows_ok", batch.rows_ok),
                   (_("Số lỗi"), "errors", summary.get("errors") or 0)],
        "counts": [(label, key, summary.get(key) or 0) for key, label in PREVIEW_COUNTS[batch.kind]],
    })


@login_required
@require_POST
def confirm(request, pk: int):
    batch = access.get(request.user, ImportBatch, pk)
    done = attempt(request, services.import_confirm, batch=batch)
    if not done:
        batch.refresh_from_db()
        return redirect("imports:result" if batch.state == ImportBatch.Status.FAILED else "imports:preview", batch.pk)
    batch = done.value
    if batch.state == ImportBatch.Status.RUNNING:
        messages.info(request, _("Tệp có %s dòng nên được nhập trong nền; trang này tự cập nhật khi xong, bạn có thể "
                                 "rời trang và quay lại sau.") % intcomma(batch.rows_ok))
    else:
        messages.success(request, _("Đã nhập xong %s dòng.") % intcomma(batch.applied.get("rows", 0)))
    return redirect("imports:result", batch.pk)


@login_required
def result(request, pk: int):
    batch = access.get(request.user, ImportBatch, pk)
    if batch.state == ImportBatch.Status.PREVIEW:
        return redirect("imports:preview", batch.pk)
    applied = batch.applied
    return render(request, "imports/result.html", {
        "batch": batch, "applied": applied, "upload_page": UPLOAD_PAGES[batch.kind],
        "counts": [(label, key, applied.get(key, "")) for key, label in
                   (("rows", _("Số dòng đã nhập")), *RESULT_COUNTS[batch.kind])],
    })


@login_required
def status(request, pk: int):
    """The progress of a running batch, polled by its page; once it is no longer running
    the page is told to reload (htmx `HX-Refresh`) and shows how it ended."""
    batch = access.get(request.user, ImportBatch, pk)
    response = render(request, "imports/_progress.html", {"batch": batch})
    if not batch.running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def ratings_grid(request, unit_pk: int):
    """A unit's ratings of a year in one grid (`imports.ratings_grid`); htmx posts it and
    gets the grid back, with each wrong cell said on its row, or the stale save named."""
    unit = access.get(request.user, Unit, unit_pk, perm=Perm.EVALUATION_CHANGE)
    year = int_param(request.GET.get("nam")) or people_selectors.evaluation_year()
    page = paginate(request, ratings_grid_rows.people(request.user, unit), per_page=ratings_grid_rows.PER_PAGE)
    rows = ratings_grid_rows.lines(page.object_list, year)
    if request.method == "POST":
        changed = ratings_grid_rows.read(rows, request.POST)
        if any(line.errors for line in rows):
            messages.error(request, _("Chưa lưu: có ô chưa hợp lệ, xem ghi chú đỏ ở từng dòng."))
        elif attempt(request, ratings_grid_rows.ratings_save, year=year, changed=changed,
                     success=lambda n: _("Đã lưu xếp loại năm %(year)s của %(n)s người.") % {"year": year, "n": n}):
            rows = ratings_grid_rows.lines(page.object_list, year)
    template = "imports/_ratings_grid.html" if request.htmx else "imports/ratings_grid.html"
    return render(request, template, {"unit": unit, "year": year, "rows": rows, "page_obj": page,
                                      "ratings": Rating.choices, "years": range(year - 2, year + 1)})
