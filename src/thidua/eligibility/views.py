from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua import rules
from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, int_param
from thidua.core.xlsx import XLSX_MIME, xlsx_download
from thidua.eligibility import exports, listing, selectors, services
from thidua.eligibility.models import ListExport
from thidua.org import labels
from thidua.org.models import Unit
from thidua.people import selectors as people_selectors
from thidua.people.models import Evaluation, Person
from thidua.rules import labels as rule_labels
from thidua.rules.declarations import Group


def _year(request, rated=None) -> int:
    """The year asked for; else the latest year the subject was rated; else the one being rated now."""
    raw = request.GET.get("nam", "")
    if raw.isdigit() and 1945 <= int(raw) <= 2100:
        return int(raw)
    latest = rated.order_by("-year").values_list("year", flat=True).first() if rated is not None else None
    return latest or people_selectors.evaluation_year()


@login_required
def person_panel(request, pk: int):
    person = access.get(request.user, Person, pk)
    year = _year(request, person.evaluations.all())
    return render(request, "eligibility/_panel.html", {
        "answer": selectors.person_answer(person, year), "year": year, "subject": person,
        "panel_url": request.path, "names": selectors.rule_names(year),
    })


@login_required
def unit_panel(request, pk: int):
    unit = access.get(request.user, Unit, pk)
    year = _year(request, unit.evaluations.filter(person__isnull=True))
    return render(request, "eligibility/_panel.html", {
        "answer": selectors.unit_answer(unit, year), "year": year, "subject": unit, "panel_url": request.path,
        "names": selectors.rule_names(year),
    })


def _list_year(request, unit: Unit) -> int:
    """`_year` for a subtree (`selectors.list_year`)."""
    rated = Evaluation.objects.filter(unit__path__startswith=unit.path)
    return _year(request, rated) if "nam" in request.GET else selectors.list_year(rated)


@login_required
def qualified(request, pk: int):
    """The qualified list a page at a time (ADR 0016); `xuat=xlsx` writes every row."""
    unit = access.get(request.user, Unit, pk)
    year = _list_year(request, unit)
    codes = list(dict.fromkeys(selectors.rule_codes(year, "individual") + selectors.rule_codes(year, "collective")))
    code = request.GET.get("ma") or "LDTT"
    if code not in dict(codes):
        code = codes[0][0]
    q = request.GET.get("q", "").strip()
    query = listing.Query(unit=unit, year=year, code=code, q=q, by_unit=request.GET.get("sap-xep") == "don-vi")
    name = dict(codes)[code]
    found = listing.qualified_page(request.user, query, request.GET.get("trang"))
    if request.GET.get("xuat") == "xlsx":
        if found.total > exports.inline_max():  # a long list is written by the worker
            export = exports.list_export_request(actor=request.user, query=query, name=name, count=found.total)
            return redirect("eligibility:export", export.pk)
        return xlsx_download(exports.workbook(request.user, query, name),
                             f"du-dieu-kien-{code}-{year}-{unit.code}.xlsx")
    rows = list(found.page.object_list)
    names = labels.unit_texts({r.unit for r in rows})
    for r in rows:
        r.unit_text = names[r.unit.pk]
    context = {"unit": unit, "year": year, "code": code, "name": name, "codes": codes, "rows": rows,
               "page_obj": found.page, "total": found.total, "excesses": found.excesses, "q": q,
               "sort": request.GET.get("sap-xep", "ten"),
               # A council member or a bloc leader opens units, not their people.
               "people_hidden": found.individual and not access.can(request.user, Perm.PEOPLE_VIEW, unit)}
    template = "eligibility/_qualified_table.html" if request.htmx else "eligibility/qualified.html"
    return render(request, template, context)


def _own_export(request, pk: int) -> ListExport:
    """An export of the user's own asking: nobody else's file, whatever their rights."""
    return get_object_or_404(ListExport.objects.select_related("unit"), pk=pk, requested_by=request.user)


@login_required
@require_GET
def export(request, pk: int):
    """"Đang tạo tệp…" until the worker is done (htmx polls the row), then the download link."""
    template = "eligibility/_export.html" if request.htmx else "eligibility/export.html"
    return render(request, template, {"export": _own_export(request, pk)})


@login_required
@require_GET
def export_download(request, pk: int):
    found = _own_export(request, pk)
    if not found.ready or found.expired:
        messages.error(request, _("Tệp chưa sẵn sàng hoặc đã hết hạn tải về."))
        return redirect("eligibility:export", found.pk)
    try:
        handle = found.file.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=found.filename, content_type=XLSX_MIME)


def _node_rows(ruleset, node, depth=0):
    """A rule's tree as indented rows: groups say "all of" / "one of", leaves their article."""
    if isinstance(node, Group):
        rows = [{"depth": depth, "group": True, "mode": node.mode, "label": node.label or ""}]
        for item in node.items:
            rows += _node_rows(ruleset, item, depth + 1)
        return rows
    return [{"depth": depth, "group": False, "label": node.label or rule_labels.condition_label(node.name),
             "article": ruleset.article(node.article)}]


@login_required
def ruleset_detail(request, ruleset_id: str):
    """Every rule of a rule set with its conditions and articles: what verdicts link to."""
    try:
        ruleset = rules.get_ruleset(ruleset_id)
    except rules.RulesetError as error:
        # "2026-10" (a law not yet read) is answered in words, not with a bare 404.
        current = selectors.ruleset_for(people_selectors.evaluation_year()).id
        return render(request, "eligibility/ruleset_missing.html", {"message": str(error), "current": current},
                      status=404)
    entries = []
    for code, rule in ruleset.rules.items():
        trees = [(kind, _node_rows(ruleset, root)) for kind, root in rule.roots]
        entries.append({"code": code, "rule": rule, "trees": trees})
    parent = rules.RULESETS.all().get(ruleset.extends) if ruleset.extends else None
    settings = [(rule_labels.setting_label(k), rule_labels.setting_value(k, v)) for k, v in ruleset.settings.items()]
    return render(request, "eligibility/ruleset.html", {
        "ruleset": ruleset, "entries": entries, "settings": settings,
        "all": [(key, other.title) for key, other in sorted(rules.RULESETS.all().items()) if not other.abstract],
        "parent_title": parent.title if parent else ruleset.extends,
        "switch": selectors.draft_switches().get(ruleset.id) if ruleset.draft else None,
        "may_switch": ruleset.draft and access.is_admin(request.user)})


@login_required
@require_POST
def ruleset_switch(request, ruleset_id: str):
    """An administrator switches a draft rule set on or off (the form on its page)."""
    enabled = request.POST.get("bat") == "1"
    done = attempt(request, services.ruleset_draft_set, ruleset_id=ruleset_id, enabled=enabled,
                   version=int_param(request.POST.get("version")), reason=request.POST.get("ly_do", "").strip())
    if done:
        title = rules.get_ruleset(ruleset_id).title
        messages.success(request, _("Đã bật bộ quy tắc «%(title)s»: các trang xét theo dự thảo đều ghi "
                                    "«Dự thảo – chưa có hiệu lực».") % {"title": title} if enabled
                         else _("Đã tắt bộ quy tắc «%(title)s»: trở lại bộ quy tắc đang có hiệu lực.")
                         % {"title": title})
    return redirect(reverse("eligibility:ruleset", args=[ruleset_id]))
