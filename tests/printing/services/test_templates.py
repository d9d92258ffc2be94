"""Uploading and restoring an authority's Word templates."""

import io

import pytest
from docx import Document as WordDocument

from tests.printing.conftest import docx_text
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.printing import services, word
from thidua.printing.models import DocTemplate


def docx_with(*paragraphs: str) -> bytes:
    doc = WordDocument()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


GOOD = docx_with("{{ issuer|upper }}", "Số: {{ number_text }}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Kính gửi: {{ addressee }}", "{%p for b in bases %}", "{{ b }};", "{%p endfor %}",
                 "Mẫu riêng của Sở — {{ signer_name }}")


def test_upload_stores_a_version_used_by_the_unit_and_its_subtree(secretariat, tree):
    row = services.template_upload(actor=secretariat, unit=tree["a"], kind="to_trinh", data=GOOD,
                                   name="to-trinh-so-noi-vu.docx", note="Mẫu của Sở Nội vụ")
    assert (row.version, row.unit, row.original_name) == (1, tree["a"], "to-trinh-so-noi-vu.docx")
    event = AuditEvent.objects.get(action="printing.template_upload", target_id=row.pk)
    assert event.actor == secretariat and event.after["version"] == 1 and event.unit_path == tree["a"].path
    context = {"issuer": "Phòng Công chức, viên chức", "signer_name": "Nguyễn Văn Phóng", "number": "7/TTr-PCC"}
    assert "Mẫu riêng của Sở — Nguyễn Văn Phóng" in docx_text(word.render_docx("to_trinh", context,
                                                                              authority=tree["a1"]))
    # Another branch and the province keep the shipped template.
    for other in (tree["b"], tree["root"]):
        assert "Mẫu riêng" not in docx_text(word.render_docx("to_trinh", context, authority=other))
    second = services.template_upload(actor=secretariat, unit=tree["a"], kind="to_trinh", data=GOOD)
    assert second.version == 2


AT_FIRST = "Mẫu «Tờ trình đề nghị khen thưởng» (tệp «mau.docx») lỗi ở đoạn thứ 1 của phần nội dung"


@pytest.mark.parametrize(("paragraphs", "message"), [
    (("Kính gửi: {{ addressee }",), f"{AT_FIRST} («Kính gửi: {{{{ addressee }}»): {word.SYNTAX % ()}."),
    (("{%p for b in bases %}",), f"{AT_FIRST} («{{% for b in bases %}}»): {word.UNCLOSED % ()}."),
    (("{{ ho_ten_nguoi_ky }}",), f"{AT_FIRST} («{{{{ ho_ten_nguoi_ky }}}}»): trường trộn «ho_ten_nguoi_ky» không có "
                                 "trong dữ liệu của «Tờ trình đề nghị khen thưởng»"),
    (("{{ issuer.__class__.__mro__ }}",), f"{AT_FIRST} («{{{{ issuer.__class__.__mro__ }}}}»): {word.FORBIDDEN}."),
    (("{{ cycler.__init__.__globals__ }}",), f"«{{{{ cycler.__init__.__globals__ }}}}»): {word.FORBIDDEN}."),
    (("{{ bases.append('x') }}",), f"«{{{{ bases.append('x') }}}}»): {word.FORBIDDEN}."),
])
def test_a_bad_template_is_refused_in_vietnamese_and_nothing_is_saved(secretariat, tree, paragraphs, message):
    with pytest.raises(ApplicationError) as caught:
        services.template_upload(actor=secretariat, unit=tree["a"], kind="to_trinh", data=docx_with(*paragraphs))
    assert message in str(caught.value.message) and caught.value.extra == {"field": "file"}
    assert not DocTemplate.objects.exists() and not AuditEvent.objects.filter(action__startswith="printing").exists()


def test_a_file_that_is_not_docx_is_refused(secretariat, tree):
    for data in (b"%PDF-1.7 not a word file", b"PK\x03\x04broken zip"):
        with pytest.raises(ApplicationError) as caught:
            services.template_upload(actor=secretariat, unit=tree["a"], kind="quyet_dinh", data=data)
        assert caught.value.message == word.NOT_DOCX
    with pytest.raises(ApplicationError) as caught:
        services.template_upload(actor=secretariat, unit=tree["a"], kind="quyet_dinh",
                                 data=b"x" * (word.MAX_TEMPLATE_BYTES + 1))
    assert caught.value.message == word.TOO_BIG
    assert not DocTemplate.objects.exists()


def test_only_print_managers_of_the_unit_upload(officer_a, head_a, secretariat_b, tree):
    for actor in (officer_a, head_a, secretariat_b):
        with pytest.raises(PermissionDenied):
            services.template_upload(actor=actor, unit=tree["a"], kind="to_trinh", data=GOOD)
    assert not DocTemplate.objects.exists()


def test_restore_adds_the_shipped_file_as_a_new_version(secretariat, tree):
    services.template_upload(actor=secretariat, unit=tree["root"], kind="bien_ban",
                             data=docx_with("Biên bản riêng {{ venue }}"))
    restored = services.template_restore_default(actor=secretariat, unit=tree["root"], kind="bien_ban")
    assert (restored.version, restored.is_default) == (2, True)
    assert word.template_bytes("bien_ban", tree["a1"]) == word.default_bytes("bien_ban")
    assert AuditEvent.objects.filter(action="printing.template_restore", target_id=restored.pk).exists()


# --- the render budget and where a template fails ------------------------------------------

LOOP = ("Kính gửi: {{ addressee }}", "{%p for b in bases %}", "{{ b }};", "{%p endfor %}")


def _refusal(*paragraphs, name="to-trinh-rieng.docx") -> str:
    with pytest.raises(ApplicationError) as caught:
        services.template_upload(actor=_secretariat(), unit=_unit(), kind="to_trinh", data=docx_with(*paragraphs),
                                 name=name)
    assert caught.value.extra == {"field": "file"}
    assert not DocTemplate.objects.exists()
    return str(caught.value.message)


def _secretariat():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="thuky")


def _unit():
    from thidua.org.models import Unit

    return Unit.objects.get(code="T.A")


@pytest.mark.parametrize(("expression", "problem"), [("{{ 1/0 }}", word.DIVISION), ("{{ 'a' + 1 }}", word.TYPES),
                                                    ("{{ range(1, 9, 0) }}", word.VALUE)])
def test_an_expression_that_fails_names_the_template_and_its_paragraph(secretariat, tree, expression, problem):
    message = _refusal(*LOOP, f"Tổng: {expression}")
    # The fifth paragraph of the officer's document, although docxtpl drops the two {%p %} ones.
    assert message == (f"Mẫu «Tờ trình đề nghị khen thưởng» (tệp «to-trinh-rieng.docx») lỗi ở đoạn thứ 5 của phần "
                       f"nội dung («Tổng: {expression}»): {problem}.")


def test_a_failure_in_the_page_header_says_so(secretariat, tree):
    doc = WordDocument()
    doc.add_paragraph("Kính gửi: {{ addressee }}")
    doc.sections[0].header.paragraphs[0].text = "Số trang {{ 1/0 }}"
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(ApplicationError) as caught:
        services.template_upload(actor=secretariat, unit=tree["a"], kind="to_trinh", data=out.getvalue(),
                                 name="mau.docx")
    assert "lỗi ở đoạn thứ 1 của phần đầu trang («Số trang {{ 1/0 }}»): phép chia cho 0." in caught.value.message


def test_a_template_over_its_time_budget_is_stopped_at_five_seconds(secretariat, tree):
    import time

    started = time.monotonic()
    message = _refusal("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                       name="vong-lap.docx")
    elapsed = time.monotonic() - started
    assert message == str(word.OVER_TIME % {"template": "«Tờ trình đề nghị khen thưởng» (tệp «vong-lap.docx»)",
                                            "seconds": "5"})
    assert 5 <= elapsed < 9  # stopped at the budget, not after the 10¹⁰ turns (minutes)


@pytest.mark.parametrize("paragraph", [
    "{% set x = 'ab' * 15000000 %}{{ x|length }}",  # 30 MB held in one string
    "{% for i in range(100000) %}{{ 'Thi đua khen thưởng ' * 20 }}{% endfor %}",  # 40 million characters printed
])
def test_a_template_over_its_memory_budget_is_stopped(secretariat, tree, paragraph):
    message = _refusal("Kính gửi: {{ addressee }}", paragraph, name="bo-nho.docx")
    assert message == str(word.OVER_MEMORY % {"template": "«Tờ trình đề nghị khen thưởng» (tệp «bo-nho.docx»)",
                                              "mb": 20})


def test_a_long_decision_still_renders_within_its_budget():
    """The budget grows with the document's own rows, never with what a template does."""
    from thidua.printing import contexts

    context = contexts.SAMPLES["quyet_dinh"] | {"individuals": [
        {"name": f"Ông Nguyễn Văn Số {i}", "position_unit": "Chuyên viên Phòng Công chức, viên chức, Sở Nội vụ",
         "money": 3_800_000} for i in range(800)]}
    text = docx_text(word.render_docx("quyet_dinh", context))
    assert "Ông Nguyễn Văn Số 799" in text
