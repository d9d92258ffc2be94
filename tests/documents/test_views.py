from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import login
from tests.xlsx_cells import AT, NUMBER, PLUS, assert_text_cells
from thidua.core.models import AuditEvent
from thidua.documents.models import Document


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _create(client, **extra):
    data = {"number": "01/CT-UBND", "kind": "chi_thi", "issued_on": "02/01/2024", "issuer": "UBND tỉnh",
            "summary": "Về việc phát động phong trào thi đua năm 2024"}
    data.update(extra)
    return client.post(reverse("documents:create"), data)


def test_officer_adds_a_document_with_a_file(client, officer_a, tree, media):
    login(client, officer_a)
    upload = SimpleUploadedFile("chi-thi-01.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = _create(client, file=upload)
    assert response.status_code == 302
    doc = Document.objects.get()
    assert doc.unit == tree["a"] and doc.issued_on.isoformat() == "2024-01-02"
    assert AuditEvent.objects.filter(action="document.create", target_id=doc.pk).exists()
    body = client.get(reverse("documents:detail", args=[doc.pk])).content.decode()
    assert "01/CT-UBND" in body and "02/01/2024" in body
    file_response = client.get(reverse("documents:file", args=[doc.pk]))
    assert b"".join(file_response.streaming_content) == b"%PDF-1.4 test"


def test_bad_extension_is_refused_with_a_message(client, officer_a, tree, media):
    login(client, officer_a)
    response = _create(client, file=SimpleUploadedFile("virus.exe", b"MZ"))
    assert response.status_code == 200
    assert "không nhận tệp «virus.exe»; chỉ nhận .pdf, .docx, .doc, .xlsx, .odt, .jpg, .png" in unescape(
        response.content.decode())
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["documents:detail", "documents:edit", "documents:file"])
def test_it_refuses_out_of_scope(client, officer_a, officer_b, tree, media, name):
    login(client, officer_a)
    _create(client)
    doc = Document.objects.get()
    client.logout()
    login(client, officer_b)
    assert client.get(reverse(name, args=[doc.pk])).status_code == 404
    assert "01/CT-UBND" not in client.get(reverse("documents:list")).content.decode()


def test_council_member_cannot_add(client, tree, media):
    from tests.conftest import make_user

    member = make_user("hoidong", "council_member", tree["root"], "Đinh Văn Hội")
    login(client, member)
    assert client.get(reverse("documents:create")).status_code == 403


def test_the_export_writes_user_text_as_text(client, officer_a, tree, media):
    login(client, officer_a)
    assert _create(client, number=NUMBER, issuer=PLUS, summary=AT).status_code == 302
    response = client.get(reverse("documents:export"))
    assert_text_cells(response.content, NUMBER, PLUS, AT)
