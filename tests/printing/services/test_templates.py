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


def opening(message) -> str:
    """The fixed words a parametrised message starts with."""
    return str(message).split("%")[0]


@pytest.mark.parametrize(("paragraphs", "message"), [
    (("Kính gửi: {{ addressee }",), opening(word.SYNTAX) + "Kính gửi: {{ addressee }»"),
    (("{%p for b in bases %}",), opening(word.SYNTAX)),
    (("{{ ho_ten_nguoi_ky }}",), "Mẫu dùng trường trộn «ho_ten_nguoi_ky» không có trong dữ liệu của «Tờ trình đề nghị "
                                 "khen thưởng»"),
    (("{{ issuer.__class__.__mro__ }}",), str(word.FORBIDDEN)),
    (("{{ cycler.__init__.__globals__ }}",), str(word.FORBIDDEN)),
    (("{{ bases.append('x') }}",), str(word.FORBIDDEN)),
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
