"""Registration pages: a unit's sheet (fill, send, approve, return, reopen), the lists of a
subtree (sheets by unit, registrations by title, units not yet registered) with their
Excel exports, and how a movement's participants stand (its page's panel, its progress page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once, paginate
from thidua.core.xlsx import xlsx_response
from thidua.movements import participation
from thidua.movements.models import Movement
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.org.sectors import chain_sector
from thidua.registrations import progress, selectors, services
from thidua.registrations.forms import ReasonForm, SheetForm
from thidua.registrations.machines import SHEETS
from thidua.registrations.models import FIRST_YEAR, Registration, RegistrationSheet, SheetStatus
from thidua.registrations.services import registrable_codes
from thidua.rules.codes import AWARD_NAMES

# --- the sheet -------------------------------------------------------------------------------


def _sheet_year(request) -> int:
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() else selectors.registration_year()
    if not 1945 <= year <= 2100:
        raise Http404
    return year


def _movements(request, unit: Unit, year: int) -> tuple[list[Movement], Movement | None]:
    """The movements UNIT takes part in for YEAR, read once, and the one the page is about:
    the `phong-trao` asked for (empty: the general sheet), else the default one."""
    movements = selectors.movements_for_unit(unit, year)
    if "phong-trao" in request.GET:
        return movements, selectors.movement_get(request.GET["phong-trao"], among=movements)
    return movements, selectors.default_movement(unit, year, movements)


def _sheet_url(unit_pk: int, year: int, movement) -> str:
    return RegistrationSheet.url_for(unit_pk, year, movement.pk if movement else None)


SAVED = {
    "save": _("Đã lưu bản đăng ký thi đua."),
    "submit": _("Đã lưu và gửi bản đăng ký để thủ trưởng duyệt."),
    "approve": _("Đã lưu và duyệt bản đăng ký thi đua."),
}


@login_required
@require_http_methods(["GET", "POST"])
def sheet(request, pk: int):
    """A unit's sheet for a year (`nam`) and, optionally, a movement (`phong-trao`)."""
    user = request.user
    unit = access.get(user, Unit, pk, seen=selectors.SHEET_VIEW)
    year = _sheet_year(request)
    movements, movement = _movements(request, unit, year)
    sheet = selectors.sheet_find(unit, year, movement)
    ancestors = org_selectors.unit_ancestors(unit, user)
    content = selectors.sheet_content(unit, year, sheet, sector=chain_sector(unit, ancestors))
    # The movements listed are those UNIT takes part in that year; another one named in the
    # address is asked the same rule, which the service applies on saving.
    participant = movement is None or movement in movements or (
        selectors.movement_covers_year(movement, year) and participation.takes_part(movement, unit, year))
    can_save = participant and (sheet is not None or unit.is_active) and services.may(
        user, sheet, "save", unit=unit, movement=movement)
    form = SheetForm(
        # The page shows the titles the unit's sector may receive; any title is accepted here
        # so that the service, not a generic form error, says why another one is refused.
        request.POST or None, unit_choices=registrable_codes("collective"),
        person_choices=registrable_codes("individual"),
        person_pks=[line.person.pk for line in content.people],
        initial={"targets": sheet.targets if sheet else "", "unit_codes": content.unit_line.codes},
        version=sheet.version if sheet else 0,
    )
    if request.method == "POST":
        # Whoever may not save is answered by the services: 403 without the right, the
        # reason (state, deadline, not a participant) otherwise.
        action = request.POST.get("action", "save")
        if action not in SAVED:
            action = "save"
        if form.is_valid():
            d = form.cleaned_data
            def save(actor):
                made = services.sheet_get_or_create(actor=actor, unit=unit, year=year, movement=movement)
                # A page opened before the sheet existed (version 0) writes into the sheet
                # this request just made (nothing in it yet); one made and written by
                # someone else meanwhile is newer than the page.
                loaded = made.version if sheet is None and made.version == 1 else d["version"]
                made = services.sheet_save(actor=actor, sheet=made, unit_codes=d["unit_codes"],
                                           person_codes=d["person_codes"], person_notes=d["person_notes"],
                                           targets=d["targets"], version=loaded)
                if action != "save":
                    services.sheet_transition(actor=actor, sheet=made, action=action)
                return made

            # Once per page: a second press does not submit or approve the sheet twice.
            done = attempt_once(request, save, form=form, lands_on=lambda _s: _sheet_url(unit.pk, year, movement),
                                success=lambda _s: SAVED[action])
            if done:
                return redirect(done.url)
            sheet = selectors.sheet_find(unit, year, movement)
            content.overlay(d["unit_codes"], d["person_codes"], d["person_notes"])
    actions = {a: services.may(user, sheet, a) for a in (services.SUBMIT, services.APPROVE, services.RETURN,
                                                         services.REOPEN)}
    return render(request, "registrations/sheet.html", {
        "unit": unit, "year": year, "movement": movement, "sheet": sheet, "content": content, "form": form,
        "ancestors": ancestors,
        "movements": movements, "first_year": FIRST_YEAR,
        "participant": participant, "can_save": can_save, "can": actions,
        "deadline_passed": selectors.deadline_passed(movement),
        "columns": [(code, name, selectors.short_name(code)) for code, name in content.individual_codes],
        "counts": content.counts,
        "can_approve_here": access.can(user, Perm.REGISTRATION_APPROVE, unit),
        "can_import": access.can(user, Perm.REGISTRATION_CHANGE, unit),
        "return_form": ReasonForm(prefix="tra-lai"), "reopen_form": ReasonForm(prefix="mo-lai"),
    })


@login_required
def sheet_export(request, pk: int):
    """The sheet as Excel: who registered for what, with notes (to print, sign and file)."""
    unit = access.get(request.user, Unit, pk, seen=selectors.SHEET_VIEW)
    year = _sheet_year(request)
    movement = _movements(request, unit, year)[1]
    sheet = selectors.sheet_find(unit, year, movement)
    content = selectors.sheet_content(unit, year, sheet)
    rows = []
    if content.unit_line.codes:
        rows.append((1, _("%s (tập thể)") % unit.name, None, "",
                     ", ".join(AWARD_NAMES.get(c, c) for c in content.unit_line.codes), sheet.targets if sheet else ""))
    for line in content.people:
        if line.codes:
            rows.append((len(rows) + 1, line.person.full_name, line.person.birth_date, line.person.position,
                         ", ".join(AWARD_NAMES.get(c, c) for c in line.codes), line.note))
    status = sheet.get_state_display() if sheet else _("Chưa lập")
    title = _("Bản đăng ký thi đua năm %(year)s — %(unit)s (%(status)s)") % {
        "year": year, "unit": unit.name, "status": status}
    headers = [_("STT"), _("Họ và tên / Tập thể"), _("Ngày sinh"), _("Chức vụ"), _("Danh hiệu đăng ký"),
               _("Ghi chú, chỉ tiêu")]
    return xlsx_response(f"dang-ky-thi-dua-{unit.code}-{year}.xlsx", title, headers, rows)


DONE = {
    services.SUBMIT: _("Đã gửi bản đăng ký để thủ trưởng duyệt."),
    services.APPROVE: _("Đã duyệt bản đăng ký thi đua."),
    services.RETURN: _("Đã trả lại bản đăng ký để đơn vị sửa."),
    services.REOPEN: _("Đã mở lại bản đăng ký; đơn vị có thể sửa và trình duyệt lại."),
}


@login_required
@require_POST
def sheet_transition(request, pk: int, slug: str):
    """Every move of a sheet (its slug in `machines.SHEETS`: gui-duyet, duyet, tra-lai,
    mo-lai); a reason comes from the field named after the slug."""
    action = SHEETS.by_slug(slug)
    if action is None:
        raise Http404
    sheet = access.get(request.user, RegistrationSheet, pk)
    if attempt(request, services.sheet_transition, sheet=sheet, action=action,
               reason=request.POST.get(f"{slug}-reason", "")):
        messages.success(request, DONE[action])
    return redirect(sheet.get_absolute_url())


# --- lists -------------------------------------------------------------------------------------


@login_required
def index(request):
    """The registration lists of the user's own scope (its first top unit)."""
    allowed = access.prefixes(request.user, selectors.SHEET_VIEW)
    if allowed is None:
        root = Unit.objects.get_first_root_node()
    else:
        root = Unit.objects.filter(path__in=allowed).order_by("path").first()
    if root is None:
        raise PermissionDenied(access.REFUSED)
    return redirect("registrations:summary", root.pk)


def _list_filters(request, root: Unit) -> dict:
    year = _sheet_year(request)
    movement = selectors.movement_get(request.GET.get("phong-trao"))
    return {"root": root, "year": year, "movement": movement, "movements": selectors.movements_around(root, year),
            "ancestors": org_selectors.unit_ancestors(root, request.user)}


STATUS_PARAMS = {"dang-lap": SheetStatus.DRAFT, "cho-duyet": SheetStatus.SUBMITTED, "tra-lai": SheetStatus.RETURNED,
                 "da-duyet": SheetStatus.APPROVED}


def _summary_data(request, pk: int):
    root = access.get(request.user, Unit, pk, seen=selectors.SHEET_VIEW)
    ctx = _list_filters(request, root)
    ctx["status"] = request.GET.get("trang-thai", "")
    sheets = selectors.sheets_in(request.user, root, ctx["year"], ctx["movement"],
                                 status=STATUS_PARAMS.get(ctx["status"], ""))
    return ctx, sheets


def _codes_shown() -> list[tuple[str, str]]:
    return selectors.registrable_codes("individual")


@login_required
def summary(request, pk: int):
    """The sheets of a subtree: state, who sent and approved them, how many per title."""
    ctx, sheets = _summary_data(request, pk)
    page = paginate(request, sheets, per_page=50)
    counts = selectors.code_counts([s.pk for s in page.object_list])
    individual = _codes_shown()
    collective = dict(registrable_codes("collective"))
    for s in page.object_list:
        mine = counts.get(s.pk, {})
        s.code_counts = [mine.get(code, 0) for code, _n in individual]
        s.collective = [selectors.short_name(c) for c in mine if c in collective]
    totals = selectors.code_counts(sheets.values("pk"))
    total_by_code: dict[str, int] = {}
    for per_sheet in totals.values():
        for code, n in per_sheet.items():
            total_by_code[code] = total_by_code.get(code, 0) + n
    ctx.update(page_obj=page, tab="summary", individual=[(c, selectors.short_name(c), n) for c, n in individual],
               totals=[total_by_code.get(c, 0) for c, _n in individual],
               status_options=[(k, SheetStatus(v).label) for k, v in STATUS_PARAMS.items()])
    return render(request, "registrations/summary.html", ctx)


@login_required
def summary_export(request, pk: int):
    ctx, sheets = _summary_data(request, pk)
    individual = _codes_shown()
    collective = dict(registrable_codes("collective"))
    counts = selectors.code_counts(sheets.values("pk"))

    def rows():
        for i, s in enumerate(sheets, start=1):
            mine = counts.get(s.pk, {})
            yield (i, s.unit.code, s.unit.name, s.movement.name if s.movement else _("Đăng ký chung của năm"),
                   s.get_state_display(), s.submitted_at and s.submitted_at.date(),
                   s.approved_at and s.approved_at.date(),
                   *[mine.get(code, 0) for code, _n in individual],
                   ", ".join(selectors.short_name(c) for c in mine if c in collective))

    headers = [_("STT"), _("Mã đơn vị"), _("Đơn vị"), _("Phong trào"), _("Trạng thái"), _("Ngày gửi duyệt"),
               _("Ngày duyệt"), *[selectors.short_name(c) for c, _n in individual], _("Danh hiệu tập thể")]
    title = _("Tổng hợp đăng ký thi đua năm %(year)s — %(unit)s") % {"year": ctx["year"], "unit": ctx["root"].name}
    return xlsx_response(f"tong-hop-dang-ky-{ctx['root'].code}-{ctx['year']}.xlsx", title, headers, rows())


def _title_data(request, pk: int):
    root = access.get(request.user, Unit, pk, seen=selectors.SHEET_VIEW)
    ctx = _list_filters(request, root)
    codes = registrable_codes("individual") + registrable_codes("collective")
    code = request.GET.get("ma") or "LDTT"
    if code not in dict(codes):
        raise Http404
    unit = selectors.unit_in(request.user, root, request.GET.get("don-vi", ""))
    approved_only = request.GET.get("da-duyet") == "1"
    regs = selectors.registered_for(request.user, root, ctx["year"], code, unit=unit, approved_only=approved_only)
    ctx.update(code=code, code_name=AWARD_NAMES.get(code, code), codes=codes, unit=unit,
               approved_only=approved_only, tab="title")
    return ctx, regs


@login_required
def by_title(request, pk: int):
    """Everyone in a subtree registered for one title in a year."""
    ctx, regs = _title_data(request, pk)
    ctx["page_obj"] = paginate(request, regs, per_page=50)
    return render(request, "registrations/by_title.html", ctx)


def _sheet_state(reg: Registration) -> str:
    if reg.sheet is None:
        return _("Ghi trước khi có bản đăng ký (được tính)")
    return reg.sheet.get_state_display()


@login_required
def by_title_export(request, pk: int):
    ctx, regs = _title_data(request, pk)
    rows = ((i, r.person.full_name if r.person else _("%s (tập thể)") % r.unit.name,
             r.person.birth_date if r.person else None, r.unit.code, r.unit.name, r.note, _sheet_state(r))
            for i, r in enumerate(regs.iterator(chunk_size=2000), start=1))
    headers = [_("STT"), _("Họ và tên / Tập thể"), _("Ngày sinh"), _("Mã đơn vị"), _("Đơn vị"), _("Ghi chú, chỉ tiêu"),
               _("Bản đăng ký")]
    title = _("Danh sách đăng ký «%(title)s» năm %(year)s — %(unit)s") % {
        "title": ctx["code_name"], "year": ctx["year"], "unit": (ctx["unit"] or ctx["root"]).name}
    return xlsx_response(f"dang-ky-{ctx['code']}-{ctx['root'].code}-{ctx['year']}.xlsx", title, headers, rows)


def _missing_data(request, pk: int):
    root = access.get(request.user, Unit, pk, seen=selectors.SHEET_VIEW)
    ctx = _list_filters(request, root)
    ctx["tab"] = "missing"
    return ctx, selectors.missing_units(request.user, root, ctx["year"], ctx["movement"])


def _missing_state(status: str | None) -> str:
    return SheetStatus(status).label if status else _("Chưa lập bản đăng ký")


@login_required
def missing(request, pk: int):
    """Units of a subtree expected to register that have no approved sheet yet."""
    ctx, units = _missing_data(request, pk)
    ctx["page_obj"] = paginate(request, units, per_page=100)
    return render(request, "registrations/missing.html", ctx)


@login_required
def missing_export(request, pk: int):
    ctx, units = _missing_data(request, pk)
    rows = ((i, u.code, u.name, u.n_people or 0, str(_missing_state(u.sheet_status)))
            for i, u in enumerate(units.iterator(chunk_size=2000), start=1))
    headers = [_("STT"), _("Mã đơn vị"), _("Đơn vị"), _("Số cá nhân"), _("Tình trạng")]
    movement = ctx["movement"]
    title = _("Đơn vị chưa có bản đăng ký được duyệt năm %(year)s — %(unit)s") % {
        "year": ctx["year"], "unit": ctx["root"].name}
    if movement is not None:
        title += f" ({movement.name})"
    return xlsx_response(f"chua-dang-ky-{ctx['root'].code}-{ctx['year']}.xlsx", title, headers, rows)


# --- a movement's progress ----------------------------------------------------------------------


@login_required
def movement_panel(request, pk: int):
    """The movement page's panel of registration progress (loaded by htmx)."""
    movement = access.get(request.user, Movement, pk)
    return render(request, "registrations/_movement_panel.html", {
        "movement": movement, "progress": progress.movement_progress(movement, request.user),
        "today": timezone.localdate()})


_STATUS_LABELS = dict(SheetStatus.choices)


@login_required
def movement_progress(request, pk: int):
    movement = access.get(request.user, Movement, pk)
    key = request.GET.get("trang-thai", "")
    status, q = progress.PROGRESS_FILTERS.get(key, ""), request.GET.get("q", "")
    rows = progress.progress_rows(movement, request.user, status=status, q=q)
    if request.GET.get("xuat") == "xlsx":
        data = ((u.code, u.name, str(_STATUS_LABELS.get(u.sheet_status, _("Chưa đăng ký"))), u.registered or 0)
                for u in rows.iterator(chunk_size=2000))
        return xlsx_response(f"tien-do-dang-ky-{movement.pk}.xlsx", _("Tiến độ đăng ký"),
                             [_("Mã đơn vị"), _("Đơn vị"), _("Trạng thái đăng ký"), _("Số danh hiệu đăng ký")], data)
    page = paginate(request, rows)
    for unit in page:
        unit.status_label = _STATUS_LABELS.get(unit.sheet_status, _("Chưa đăng ký"))
        # A council member or bloc leader follows the progress without reading the sheets.
        unit.sheet_visible = access.covers(request.user, selectors.SHEET_VIEW, unit.path)
    if request.htmx:  # a filter or a search: the rows only
        return render(request, "registrations/_movement_progress_rows.html", {"movement": movement, "page_obj": page})
    return render(request, "registrations/movement_progress.html", {
        "movement": movement, "page_obj": page, "q": q, "key": key, "filters": progress.PROGRESS_FILTERS,
        "progress": progress.movement_progress(movement, request.user)})
