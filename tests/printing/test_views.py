"""Pages of printing: every one refuses out of scope (404) and non-managers (403); the
secretariat prints, calibrates, manages templates; anyone verifies a certificate."""

import datetime as dt
import html
import io
from html import unescape

import pytest
import segno
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as WordDocument
from PIL import Image

from tests.conftest import login
from tests.printing.conftest import docx_text, give, pdf_pages, pdf_text
from tests.printing.services.test_layouts import fields_of
from tests.printing.test_certificates import qr_matrix, text_at
from thidua.awards import services as award_services
from thidua.core import uploads
from thidua.core.models import AuditEvent
from thidua.printing import services, word
from thidua.printing.certificates import certificate_pdf
from thidua.printing.models import AwardVerification, CertificateLayout, DocTemplate, PrinterProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def printer_a(secretariat, tree):
    return services.printer_save(actor=secretariat, unit=tree["a"], name="HP Sở Nội vụ", offset_x=0, offset_y=0)


@pytest.fixture
def version_a(secretariat, tree):
    return services.template_restore_default(actor=secretariat, unit=tree["a"], kind="to_trinh")


def unit_urls(tree, printer_a, version_a):
    a = f"?don-vi={tree['a'].pk}"
    return {
        "layouts": reverse("printing:layouts") + a,
        "layout": reverse("printing:layout", args=[tree["a"].pk, "BK_TINH"]),
        "layout_preview": reverse("printing:layout_preview", args=[tree["a"].pk, "BK_TINH"]),
        "layout_test_print": reverse("printing:layout_test_print", args=[tree["a"].pk, "BK_TINH"]),
        "layout_reset": reverse("printing:layout_reset", args=[tree["a"].pk, "BK_TINH"]),
        "printers": reverse("printing:printers") + a,
        "printer": reverse("printing:printer", args=[printer_a.pk]),
        "templates": reverse("printing:templates") + a,
        "template_upload": reverse("printing:template_upload", args=["to_trinh"]) + a,
        "template_download": reverse("printing:template_download", args=["to_trinh"]) + a,
        "template_sample": reverse("printing:template_sample", args=["to_trinh"]) + a,
        "template_restore": reverse("printing:template_restore", args=["to_trinh"]) + a,
        "template_version": reverse("printing:template_version", args=[version_a.pk]),
    }


UNIT_VIEWS = ["layouts", "layout", "layout_preview", "layout_test_print", "layout_reset", "printers", "printer",
              "templates", "template_upload", "template_download", "template_sample", "template_restore",
              "template_version"]
GET_ONLY = {"layout_preview", "layout_test_print", "template_download", "template_sample", "template_version"}
POST_ONLY = {"layout_reset", "template_restore"}


@pytest.mark.parametrize("name", UNIT_VIEWS)
def test_it_refuses_out_of_scope(client, secretariat_b, tree, printer_a, version_a, name):
    """The secretariat of Sở B manages printing, but not Sở A's: Sở A's pages are 404."""
    url = unit_urls(tree, printer_a, version_a)[name]
    login(client, secretariat_b)
    if name not in POST_ONLY:
        assert client.get(url).status_code == 404
    if name not in GET_ONLY:
        assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize("name", UNIT_VIEWS)
def test_it_refuses_users_who_do_not_manage_printing(client, officer_a, head_a, tree, printer_a, version_a, name):
    url = unit_urls(tree, printer_a, version_a)[name]
    for user in (officer_a, head_a):
        login(client, user)
        if name not in POST_ONLY:
            assert client.get(url).status_code == 403, (name, user)
        if name not in GET_ONLY:
            assert client.post(url, {}).status_code == 403, (name, user)
    assert not CertificateLayout.objects.exists()
    assert DocTemplate.objects.count() == 1


@pytest.mark.parametrize("name", [*UNIT_VIEWS, "index", "batch", "award"])
def test_anonymous_is_sent_to_login(client, tree, printer_a, version_a, award_a, name):
    urls = unit_urls(tree, printer_a, version_a) | {
        "index": reverse("printing:index"), "batch": reverse("printing:batch"),
        "award": reverse("printing:award", args=[award_a.pk])}
    response = client.get(urls[name]) if name not in POST_ONLY else client.post(urls[name])
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


# --- printing one award ------------------------------------------------------------------


def test_award_print_refuses_out_of_scope_and_read_only(client, officer_b, officer_a, head_a, award_a):
    url = reverse("printing:award", args=[award_a.pk])
    login(client, officer_b)
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    for user in (officer_a, head_a):  # they see the award, they do not print
        login(client, user)
        assert client.get(url).status_code == 403 and client.post(url).status_code == 403
    assert not AwardVerification.objects.exists()
    assert not AuditEvent.objects.filter(action="printing.certificate_print").exists()


def test_secretariat_prints_an_award_and_the_print_is_recorded(client, secretariat, award_a, printer_a):
    login(client, secretariat)
    detail = client.get(reverse("awards:detail", args=[award_a.pk])).content.decode()
    assert reverse("printing:award", args=[award_a.pk]) in detail
    page = client.get(reverse("printing:award", args=[award_a.pk])).content.decode()
    assert "Nguyễn Văn Phóng" in page and "Bằng khen cấp bộ, ban, ngành, tỉnh (phôi 400 × 300 mm)" in page
    response = client.post(reverse("printing:award", args=[award_a.pk]), {"printer": printer_a.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="bang-khen-{award_a.pk}.pdf"'
    text = pdf_text(response.content)
    assert "Ông Nguyễn Văn Phóng" in text and "125/QĐ-UBND" in text
    event = AuditEvent.objects.get(action="printing.certificate_print", target_id=award_a.pk)
    assert event.actor == secretariat and event.after["printer"] == "HP Sở Nội vụ"
    detail = client.get(reverse("awards:detail", args=[award_a.pk])).content.decode()
    assert "In bằng khen, giấy chứng nhận" in detail  # the award's history shows the print


def test_the_award_page_hides_the_print_link_from_non_printers(client, officer_a, award_a):
    login(client, officer_a)
    detail = client.get(reverse("awards:detail", args=[award_a.pk])).content.decode()
    assert reverse("printing:award", args=[award_a.pk]) not in detail


def test_a_revoked_award_is_not_printed(client, secretariat, award_a, revocation):
    award_services.award_revoke(actor=secretariat, award=award_a, document=revocation, reason="Kê khai sai")
    login(client, secretariat)
    page = client.get(reverse("printing:award", args=[award_a.pk])).content.decode()
    assert "đã bị hủy bỏ, thu hồi: không in bằng" in page
    response = client.post(reverse("printing:award", args=[award_a.pk]), follow=True)
    assert "đã bị hủy bỏ, thu hồi: không in bằng" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


# --- batches -----------------------------------------------------------------------------


def test_batch_by_decision_lists_what_the_user_may_print(client, secretariat, secretariat_b, award_a, award_b):
    url = reverse("printing:batch") + "?so-qd=125/QĐ-UBND"
    login(client, secretariat_b)
    body = client.get(url).content.decode()
    assert "Nguyễn Thị Phong" in body and "Nguyễn Văn Phóng" not in body
    assert client.post(url, {"awards": [award_a.pk]}).status_code == 200  # not a choice: the form refuses it
    assert not AuditEvent.objects.filter(action="printing.certificate_print").exists()
    assert client.get(reverse("printing:batch") + f"?ids={award_a.pk}").status_code == 404
    login(client, secretariat)
    body = client.get(url).content.decode()
    assert "Nguyễn Thị Phong" in body and "Nguyễn Văn Phóng" in body
    response = client.post(url, {"awards": [award_a.pk, award_b.pk]})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Ông Nguyễn Văn Phóng" in text and "Bà Nguyễn Thị Phong" in text
    assert AuditEvent.objects.filter(action="printing.certificate_print").count() == 2


def test_batch_and_index_need_a_print_manager(client, officer_a):
    login(client, officer_a)
    assert client.get(reverse("printing:batch") + "?so-qd=125/QĐ-UBND").status_code == 403
    assert client.get(reverse("printing:index")).status_code == 403


# --- layouts and calibration -------------------------------------------------------------


def _layout_post(layout_fields, **overrides):
    data = {"name": "Phôi Bằng khen tỉnh 2026", "page_width": "400", "page_height": "300", "place": "Thử Nghiệm",
            "signer_title": "KT. CHỦ TỊCH\r\nPHÓ CHỦ TỊCH", "signer_name": "Trần Quốc Hùng",
            "truong-TOTAL_FORMS": str(len(layout_fields)), "truong-INITIAL_FORMS": str(len(layout_fields))}
    for i, f in enumerate(layout_fields):
        for key, value in f.items():
            if isinstance(value, bool):
                if value:
                    data[f"truong-{i}-{key}"] = "on"
            else:
                data[f"truong-{i}-{key}"] = str(value)
    return data | overrides


def test_calibration_saves_and_the_test_print_follows_the_offset(client, secretariat, tree, award_a):
    login(client, secretariat)
    root = tree["root"]
    listing = client.get(reverse("printing:layouts") + f"?don-vi={root.pk}").content.decode()
    assert reverse("printing:layout", args=[root.pk, "BK_TINH"]) in listing and "mặc định" in listing
    url = reverse("printing:layout", args=[root.pk, "BK_TINH"])
    page = client.get(url).content.decode()
    assert 'data-testid="layout-preview"' in page and "{recipient}" in page
    response = client.post(url, _layout_post(fields_of(decision={"x": 52.5, "y": 210})))
    assert response.status_code == 302
    row = CertificateLayout.objects.get(unit=root, kind="BK_TINH")
    decision = next(f for f in row.fields if f["key"] == "decision")
    assert (decision["x"], decision["y"], row.signer_title) == (52.5, 210.0, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert AuditEvent.objects.filter(action="printing.layout_save", target_id=row.pk).exists()
    response = client.post(reverse("printing:printers") + f"?don-vi={root.pk}",
                           {"name": "Canon phòng TĐKT", "offset_x": "3", "offset_y": "-1.5"})
    assert response.status_code == 302
    printer = PrinterProfile.objects.get(name="Canon phòng TĐKT")
    preview = client.get(reverse("printing:layout_preview", args=[root.pk, "BK_TINH"]) + f"?printer={printer.pk}")
    assert 'data-offset="3.0,-1.5"' in preview.content.decode()
    test_print = client.get(reverse("printing:layout_test_print", args=[root.pk, "BK_TINH"]) + f"?printer={printer.pk}")
    assert test_print["Content-Type"] == "application/pdf"
    x, _y = text_at(test_print.content, "Quyết định số")
    assert x == pytest.approx(52.5 + 3, abs=0.3)
    assert "máy in: Canon phòng TĐKT (lệch ngang 3.0 mm, dọc -1.5 mm)" in pdf_text(test_print.content)
    certificate = client.post(reverse("printing:award", args=[award_a.pk]), {"printer": printer.pk})
    assert text_at(certificate.content, "Quyết định số")[0] == pytest.approx(55.5, abs=0.3)


def test_a_bad_layout_comes_back_with_the_message_and_nothing_saved(client, secretariat, tree):
    login(client, secretariat)
    url = reverse("printing:layout", args=[tree["root"].pk, "BK_TINH"])
    response = client.post(url, _layout_post(fields_of(decision={"text": "Số {so_qd}"})))
    assert response.status_code == 200
    assert "dùng «{so_qd}» không có trong danh sách trường trộn" in response.content.decode()
    assert not CertificateLayout.objects.exists()


def test_a_scan_of_the_blank_shows_in_the_preview_only_when_asked(client, secretariat, tree):
    login(client, secretariat)
    url = reverse("printing:layout", args=[tree["a"].pk, "GK"])
    buf = io.BytesIO()
    Image.new("RGB", (297, 210), "#f4e9c8").save(buf, format="PNG")
    png = buf.getvalue()
    data = _layout_post(fields_of("GK"), name="Giấy khen Sở Nội vụ", page_width="297", page_height="210")
    fake = client.post(url, data | {"background": SimpleUploadedFile("phoi.png", b"not a picture", "image/png")})
    refusal = uploads.BAD_CONTENT % {"field": services.BACKGROUND_LABEL, "name": "phoi.png", "type": "ảnh PNG"}
    assert refusal in unescape(fake.content.decode()) and not CertificateLayout.objects.exists()
    response = client.post(url, data | {"background": SimpleUploadedFile("phoi.png", png, "image/png")})
    assert response.status_code == 302
    preview = client.get(reverse("printing:layout_preview", args=[tree["a"].pk, "GK"])).content.decode()
    assert 'class="bg"' in preview and "data:image/png;base64," in preview
    plain = client.get(reverse("printing:layout_test_print", args=[tree["a"].pk, "GK"]))
    with_scan = client.get(reverse("printing:layout_test_print", args=[tree["a"].pk, "GK"]) + "?background=on")
    assert len(pdf_pages(with_scan.content)[0].images) == 2 and len(pdf_pages(plain.content)[0].images) == 1


# --- templates ---------------------------------------------------------------------------


def test_template_upload_page_refuses_a_bad_file_with_a_message(client, secretariat, tree):
    login(client, secretariat)
    url = reverse("printing:template_upload", args=["quyet_dinh"]) + f"?don-vi={tree['root'].pk}"
    doc = WordDocument()
    doc.add_paragraph("Điều 1. Tặng {{ ten_hinh_thuc }}")
    buf = io.BytesIO()
    doc.save(buf)
    response = client.post(url, {"file": SimpleUploadedFile("qd.docx", buf.getvalue()), "note": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert ("Mẫu «Quyết định khen thưởng» (tệp «qd.docx») lỗi ở đoạn thứ 1 của phần nội dung («Điều 1. Tặng {{ "
            "ten_hinh_thuc }}»): trường trộn «ten_hinh_thuc» không có trong dữ liệu của «Quyết định khen thưởng»"
            in html.unescape(body))
    assert not DocTemplate.objects.exists()


def test_secretariat_downloads_uploads_and_restores_templates(client, secretariat, tree):
    login(client, secretariat)
    q = f"?don-vi={tree['root'].pk}"
    listing = client.get(reverse("printing:templates") + q).content.decode()
    assert "Tờ trình đề nghị khen thưởng" in listing and "Mẫu gốc của hệ thống" in listing
    shipped = client.get(reverse("printing:template_download", args=["quyet_dinh"]) + q)
    assert shipped.content == word.default_bytes("quyet_dinh")
    sample = client.get(reverse("printing:template_sample", args=["quyet_dinh"]) + q)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx_text(sample.content)
    edited = WordDocument(io.BytesIO(shipped.content))
    edited.add_paragraph("Ghi chú riêng của tỉnh: {{ number_text }}")
    buf = io.BytesIO()
    edited.save(buf)
    response = client.post(reverse("printing:template_upload", args=["quyet_dinh"]) + q,
                           {"file": SimpleUploadedFile("qd-tinh.docx", buf.getvalue()), "note": "Thêm ghi chú"})
    assert response.status_code == 302
    row = DocTemplate.objects.get()
    assert (row.version, row.note, row.original_name) == (1, "Thêm ghi chú", "qd-tinh.docx")
    sample = client.get(reverse("printing:template_sample", args=["quyet_dinh"]) + q)
    assert "Ghi chú riêng của tỉnh: 125/QĐ-UBND" in docx_text(sample.content)
    listing = client.get(reverse("printing:templates") + q).content.decode()
    assert "Phiên bản 1" in listing
    assert client.get(reverse("printing:template_version", args=[row.pk])).status_code == 200
    client.post(reverse("printing:template_restore", args=["quyet_dinh"]) + q)
    assert client.get(reverse("printing:template_download", args=["quyet_dinh"]) + q).content == \
        word.default_bytes("quyet_dinh")


# --- the public verification page --------------------------------------------------------


def test_the_verification_page_is_public_and_tells_the_truth(client, secretariat, award_a, revocation,
                                                            django_assert_num_queries):
    certificate_pdf([award_a])
    token = AwardVerification.objects.get(award=award_a).token
    # The token with its award, the kind's name, the unit's parent, the province in the header.
    with django_assert_num_queries(4):
        response = client.get(f"/xac-minh/{token}/")
    body = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Nguyễn Văn Phóng" in body and "Phòng Công chức, viên chức, Sở Nội vụ" in body
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in body and "125/QĐ-UBND" in body and "02/07/2026" in body
    assert "Chủ tịch UBND tỉnh" in body and "đang có hiệu lực" in body
    assert "001085012345" not in body and "14/03/1985" not in body and "3.800.000" not in body
    award_services.award_revoke(actor=secretariat, award=award_a, document=revocation, reason="Kê khai sai")
    body = client.get(f"/xac-minh/{token}/").content.decode()
    assert "đã bị hủy bỏ" in body and "45/QĐ-UBND" in body and "Kê khai sai" not in body
    assert client.get(f"/xac-minh/{token[:-1]}x/").status_code == 404
    assert client.get("/xac-minh/khong-co/").status_code == 404


def test_the_verification_page_names_a_paper_revocation(client, secretariat, award_a):
    certificate_pdf([award_a])
    token = AwardVerification.objects.get(award=award_a).token
    award_services.award_revoke(actor=secretariat, award=award_a, number="07/QĐ-UBND",
                                revoked_on=dt.date(2026, 10, 1), reason="Kê khai sai")
    body = client.get(f"/xac-minh/{token}/").content.decode()
    assert "đã bị hủy bỏ, thu hồi theo quyết định số 07/QĐ-UBND ngày 01/10/2026" in body


# --- the public address in QR codes ------------------------------------------------------


@pytest.mark.parametrize(("public", "expected"), [
    ("https://thiduakhenthuong.bacninh.gov.vn", "https://thiduakhenthuong.bacninh.gov.vn"),
    ("", "http://thidua-web-1:8000"),  # unset: the request's own host
])
def test_the_qr_code_uses_the_public_url_when_set(client, settings, secretariat, award_a, public, expected):
    settings.THIDUA_PUBLIC_URL = public
    login(client, secretariat)
    settings.ALLOWED_HOSTS = ["thidua-web-1"]
    response = client.post(reverse("printing:award", args=[award_a.pk]), {"printer": ""},
                           HTTP_HOST="thidua-web-1:8000")
    assert response["Content-Type"] == "application/pdf"
    token = AwardVerification.objects.get(award=award_a).token
    url = expected + reverse("verify:detail", args=[token])
    assert qr_matrix(response.content) == [[bool(m) for m in row] for row in segno.make(url, error="m").matrix]


def test_a_decision_number_names_one_decision_a_year(client, secretariat, award_a, person_b):
    # Numbers start again each year: the same "125/QĐ-UBND" of the year before is another decision.
    older = give(secretariat, person=person_b, year=2019, decided_on=dt.date(2020, 1, 15))
    url = reverse("printing:batch") + "?so-qd=125/QĐ-UBND"
    body = login(client, secretariat).get(url).content.decode()
    assert "Nguyễn Văn Phóng" in body and "Nguyễn Thị Phong" not in body  # the latest year by default
    assert '<option value="2020">' in body
    body = client.get(url + "&nam=2020").content.decode()
    assert "Nguyễn Thị Phong" in body and "Nguyễn Văn Phóng" not in body
    assert f'value="{older.pk}"' in body


def test_a_decision_of_more_than_a_thousand_people_can_be_posted(client, secretariat, award_a):
    url = reverse("printing:batch") + "?so-qd=125/QĐ-UBND"
    # One checkbox per person: a year-end decision posts thousands of fields.
    response = login(client, secretariat).post(url, {"awards": [award_a.pk] * 1500})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_upload_page_lists_every_merge_field_the_template_receives(client, secretariat):
    from thidua.printing import contexts, merge_fields

    login(client, secretariat)
    for kind in contexts.KINDS:
        keys = set(contexts.prepare(kind, contexts.SAMPLES[kind]))
        assert {key for key, _help in merge_fields.fields_for(kind)} == keys, kind
    body = client.get(reverse("printing:template_upload", args=["quyet_dinh"])).content.decode()
    listing = body.split('data-testid="merge-fields">', 1)[1]
    assert "money_total_words" in listing and "Tổng tiền thưởng bằng chữ" in listing
    assert "{{ number_text }}" in body  # the example is shown, not rendered


def test_a_title_without_certificate_is_listed_but_not_offered(client, secretariat, person_a):
    give(secretariat, person=person_a, kind="LDTT", number="9/QĐ-SYT")
    body = login(client, secretariat).get(reverse("printing:batch") + "?so-qd=9/QĐ-SYT").content.decode()
    row = body.split('data-testid="batch-awards"', 1)[1]
    assert "Nguyễn Văn Phóng" in row and "không cấp bằng" in row and " disabled" in row and " checked" not in row
    assert 'data-testid="nothing-printable"' in body
