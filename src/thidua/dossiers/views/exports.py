"""A dossier as a workbook (its list with the checks) and as Word (tờ trình, danh sách)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.catalog.selectors import kind_names
from thidua.core.xlsx import xlsx_response
from thidua.dossiers import selectors, word_documents
from thidua.dossiers.views.common import _dossier
from thidua.org import labels
from thidua.printing import word


@login_required
def export(request, pk: int):
    dossier = _dossier(request, pk)
    report = selectors.dossier_checks(dossier)
    names = kind_names()
    verdicts = {True: _("Đủ điều kiện"), False: _("Chưa đủ điều kiện"), None: _("Không xét tự động")}
    unit_names = labels.unit_texts({row.item.held_unit for row in report.rows})

    def rows():
        for n, row in enumerate(report.rows, start=1):
            item = row.item
            period = str(item.period_to) if item.period_from == item.period_to else \
                f"{item.period_from}–{item.period_to}"
            yield (n, item.subject_name, unit_names[item.held_unit_id], names.get(item.kind, item.kind), period,
                   str(verdicts[item.verdict_eligible]), " ".join(w["message"] for w in row.warnings),
                   item.justification, item.get_state_display(), item.achievement)

    headers = [_("STT"), _("Cá nhân / tập thể"), _("Đơn vị"), _("Hình thức đề nghị"), _("Thời kỳ thành tích"),
               _("Kiểm tra điều kiện"), _("Cảnh báo"), _("Giải trình"), _("Trạng thái"), _("Tóm tắt thành tích")]
    return xlsx_response(f"ho-so-{dossier.pk}.xlsx", _("Danh sách đề nghị — %s") % dossier.title, headers, rows())


@login_required
def dossier_word(request, pk: int, kind: str):
    """A dossier's tờ trình or danh sách kèm theo as Word, from the template in force at its
    unit; whoever may read the dossier may download it."""
    dossier = _dossier(request, pk)
    build = {"to_trinh": word_documents.to_trinh_context, "danh_sach": word_documents.danh_sach_context}
    if kind not in build:
        raise Http404
    return word.docx_response(word.render_docx(kind, build[kind](dossier), authority=dossier.unit),
                              f"{kind.replace('_', '-')}-ho-so-{dossier.pk}.docx")
