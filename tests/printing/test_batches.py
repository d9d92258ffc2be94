"""Large certificate batches are drawn by the task worker: the page says "Đang tạo tệp…"
and polls, then offers the file to whoever may print every award in it, until it expires.

The threshold is lowered to 2 so that three awards make a background batch; the task runs
through the real database backend and the real `db_worker` command."""

import datetime as dt
import io

import pytest
import segno
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image

from tests.conftest import login, make_person, make_unit
from tests.printing.conftest import PUBLIC, give, pdf_pages
from thidua.awards import services as award_services
from thidua.core.models import AuditEvent
from thidua.printing import certificates, layouts, services
from thidua.printing.models import AwardVerification, CertificateBatch
from thidua.printing.system_checks import public_url_set
from thidua.printing.tasks import render_certificate_batch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.THIDUA_CERTIFICATES_INLINE_MAX = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def three(secretariat, tree, person_a, person_b):
    """Three awards of one decision, in three units: Phòng A1, Sở B and a new Phòng B1."""
    person_c = make_person(make_unit(tree["b"], "T.B.1", "Phòng Nghiệp vụ Dược", kind="phong_ban", level="noi_bo"),
                           "Đặng Thị Thùy Dương", gender="nu")
    return [give(secretariat, person=p) for p in (person_a, person_b, person_c)]


def qr_matrices(content: bytes) -> list[list[list[bool]]]:
    """Every QR image of a PDF (WeasyPrint shares the images of a document between its
    pages), one pixel per module, as rows of dark (True) modules, sorted."""
    out = []
    for image in pdf_pages(content)[0].images:
        picture = Image.open(io.BytesIO(image.data)).convert("L")
        out.append([[picture.getpixel((x, y)) < 128 for x in range(picture.width)] for y in range(picture.height)])
    return sorted(out)


def run_worker():
    """The real worker, once over the queue. Its tests are transactional: the worker
    closes a connection that is inside a transaction, as a test's would be."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def request_batch(client, awards):
    return client.post(reverse("printing:batch") + "?so-qd=125/QĐ-UBND", {"awards": [a.pk for a in awards]})


@pytest.mark.django_db(transaction=True)
def test_a_large_batch_is_drawn_in_the_background_then_offered(client, secretariat, three):
    login(client, secretariat)
    response = request_batch(client, three)
    batch = CertificateBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("printing:batch_file", args=[batch.pk])
    assert (batch.state, batch.count, batch.award_ids) == ("queued", 3, [a.pk for a in three])
    assert DBTaskResult.objects.filter(id=batch.task_id, status="READY").exists()  # queued for the worker

    page = client.get(response["Location"]).content.decode()
    assert "Đang tạo tệp…" in page and 'hx-trigger="every 2s"' in page and "3 bằng" in page
    assert reverse("printing:batch_file_download", args=[batch.pk]) not in page
    early = client.get(reverse("printing:batch_file_download", args=[batch.pk]), follow=True)
    assert "Tệp chưa sẵn sàng hoặc đã hết hạn tải về." in early.content.decode()
    requested = AuditEvent.objects.get(action="printing.certificate_batch_request", target_id=batch.pk)
    assert requested.actor == secretariat and requested.after["count"] == 3
    assert not AuditEvent.objects.filter(action="printing.certificate_print").exists()

    run_worker()

    row = client.get(reverse("printing:batch_file", args=[batch.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "Đang tạo tệp…" not in row and "hx-trigger" not in row  # the polling stops
    assert reverse("printing:batch_file_download", args=[batch.pk]) in row and "Tải tệp PDF" in row
    download = client.get(reverse("printing:batch_file_download", args=[batch.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="bang-khen-3.pdf"'
    content = b"".join(download.streaming_content)
    pages = pdf_pages(content)
    assert len(pages) == 3
    assert "Ông Nguyễn Văn Phóng" in pages[0].extract_text()
    assert "Bà Nguyễn Thị Phong" in pages[1].extract_text()
    assert "Bà Đặng Thị Thùy Dương" in pages[2].extract_text()
    assert "Phòng Nghiệp vụ Dược, Sở Y tế" in pages[2].extract_text()

    batch.refresh_from_db()
    assert batch.state == "ready" and batch.size == len(content) and default_storage.exists(batch.file.name)
    assert batch.file.name.startswith("printing/batches/")
    ready = AuditEvent.objects.get(action="printing.certificate_batch_ready", target_id=batch.pk)
    assert ready.actor == secretariat and ready.request_id == requested.request_id != ""
    prints = AuditEvent.objects.filter(action="printing.certificate_print")
    assert sorted(prints.values_list("target_id", flat=True)) == sorted(a.pk for a in three)
    assert {e.after["batch"] for e in prints} == {batch.pk}
    listing = client.get(reverse("printing:batch")).content.decode()
    assert "Tệp in hàng loạt của bạn" in listing and reverse("printing:batch_file_download", args=[batch.pk]) in listing


def test_a_batch_at_the_threshold_comes_back_in_the_request(client, secretariat, three):
    login(client, secretariat)
    response = client.post(reverse("printing:batch") + "?so-qd=125/QĐ-UBND", {"awards": [a.pk for a in three[:2]]})
    assert response["Content-Type"] == "application/pdf" and len(pdf_pages(response.content)) == 2
    assert not CertificateBatch.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_batch_file_refuses_out_of_scope_and_read_only(client, secretariat, secretariat_b, officer_a, head_a,
                                                           officer_b, tree, person_a, three):
    login(client, secretariat)
    request_batch(client, three)
    run_worker()
    mixed = CertificateBatch.objects.get()
    own_a = [give(secretariat, person=make_person(tree["a"], f"Người thứ {n}"), number="126/QĐ-UBND") for n in "123"]
    own_a_batch = services.certificate_batch_request(actor=secretariat, awards=own_a)
    urls = lambda b: [reverse("printing:batch_file", args=[b.pk]),  # noqa: E731
                      reverse("printing:batch_file_download", args=[b.pk])]
    # The secretariat of Sở B may print two of the three awards, not Phòng A1's: 404, as for a missing batch.
    for user in (secretariat_b, officer_b, officer_a):
        login(client, user)
        for url in urls(mixed):
            assert client.get(url).status_code == 404, (user, url)
    assert client.get(reverse("printing:batch_file", args=[mixed.pk + 100])).status_code == 404
    # Sở A's officer and head see Sở A's awards but do not print them.
    for user in (officer_a, head_a):
        login(client, user)
        for url in urls(own_a_batch):
            assert client.get(url).status_code == 403, (user, url)
    client.logout()
    assert "/tai-khoan/dang-nhap/" in client.get(urls(mixed)[1])["Location"]
    # The file is the awards', not the requester's: another secretariat over all of them downloads it.
    login(client, secretariat)
    assert client.get(urls(mixed)[1]).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_an_award_revoked_before_the_worker_runs_fails_the_batch_with_the_reason(
        client, secretariat, three, revocation):
    login(client, secretariat)
    request_batch(client, three)
    award_services.award_revoke(actor=secretariat, award=three[1], document=revocation, reason="Kê khai sai")
    run_worker()
    batch = CertificateBatch.objects.get()
    assert batch.state == "failed" and not batch.file
    row = client.get(reverse("printing:batch_file", args=[batch.pk])).content.decode()
    assert "Không tạo được tệp" in row and "đã bị hủy bỏ, thu hồi: không in bằng" in row and "hx-trigger" not in row
    assert not AuditEvent.objects.filter(action="printing.certificate_print").exists()


@pytest.mark.django_db(transaction=True)
def test_production_needs_the_public_url_to_print_in_the_background(client, settings, secretariat, three):
    settings.PRODUCTION, settings.THIDUA_PUBLIC_URL = True, ""
    login(client, secretariat)
    response = request_batch(client, three)
    assert response.status_code == 200
    assert "Chưa đặt địa chỉ công khai của hệ thống (THIDUA_PUBLIC_URL)" in response.content.decode()
    assert not CertificateBatch.objects.exists() and not DBTaskResult.objects.exists()
    # Unset between the request and the worker: the batch fails with the same words.
    settings.THIDUA_PUBLIC_URL = PUBLIC
    batch = services.certificate_batch_request(actor=secretariat, awards=three)
    settings.THIDUA_PUBLIC_URL = ""
    assert render_certificate_batch.call(batch.pk) == "failed"
    batch.refresh_from_db()
    assert batch.error == str(certificates.PUBLIC_URL_REQUIRED)
    assert [w.id for w in public_url_set(None)] == ["printing.W001"]  # and `check --deploy` says so


def test_the_worker_prints_qr_codes_with_the_public_url(secretariat, three, settings):
    settings.THIDUA_PUBLIC_URL = "https://thiduakhenthuong.bacninh.gov.vn"
    batch = services.certificate_batch_request(actor=secretariat, awards=three, base_url="http://web-1:8000/")
    assert render_certificate_batch.call(batch.pk) == "ready"
    batch.refresh_from_db()
    with batch.file.open("rb") as fh:
        content = fh.read()
    tokens = AwardVerification.objects.filter(award__in=three).values_list("token", flat=True)
    urls = [f"https://thiduakhenthuong.bacninh.gov.vn/xac-minh/{token}/" for token in tokens]
    assert qr_matrices(content) == sorted([[bool(m) for m in row] for row in segno.make(url, error="m").matrix]
                                          for url in urls)
    assert render_certificate_batch.call(batch.pk) == "ready"  # a repeated task draws nothing twice
    assert AuditEvent.objects.filter(action="printing.certificate_batch_ready").count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_expired_file_is_refused_then_pruned(client, secretariat, three, time_machine):
    time_machine.move_to(dt.datetime(2026, 7, 10, 8, 0, tzinfo=dt.UTC), tick=False)
    login(client, secretariat)
    request_batch(client, three)
    run_worker()
    batch = CertificateBatch.objects.get()
    name = batch.file.name
    time_machine.move_to(dt.datetime(2026, 7, 11, 8, 1, tzinfo=dt.UTC), tick=False)  # 24 hours and a minute
    login(client, secretariat)  # the next day's session
    page = client.get(reverse("printing:batch_file", args=[batch.pk])).content.decode()
    assert "Đã hết hạn tải về" in page and "Đang tạo tệp" not in page
    refused = client.get(reverse("printing:batch_file_download", args=[batch.pk]), follow=True)
    assert "Tệp chưa sẵn sàng hoặc đã hết hạn tải về." in refused.content.decode()
    assert "Tệp in hàng loạt của bạn" not in client.get(reverse("printing:batch")).content.decode()
    fresh = services.certificate_batch_request(actor=secretariat, awards=three)  # a new batch prunes the old
    assert list(CertificateBatch.objects.all()) == [fresh] and not default_storage.exists(name)
    assert client.get(reverse("printing:batch_file", args=[batch.pk])).status_code == 404
    assert AuditEvent.objects.filter(action="printing.certificate_batch_ready", target_id=batch.pk).exists()
    time_machine.move_to(dt.datetime(2026, 7, 13, 8, 0, tzinfo=dt.UTC), tick=False)
    out = io.StringIO()
    call_command("certificate_files_prune", stdout=out)  # from cron, when nobody asks for a new batch
    assert "Đã xóa 1 tệp in bằng hết hạn." in out.getvalue() and not CertificateBatch.objects.exists()


def test_with_the_immediate_backend_the_file_is_ready_at_once(client, settings, secretariat, three,
                                                              django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    login(client, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = request_batch(client, three)
    page = client.get(response["Location"]).content.decode()
    assert "Đang tạo tệp…" not in page and "Tải tệp PDF" in page
    assert CertificateBatch.objects.get().state == "ready"


# --- places resolved once per batch ------------------------------------------------------


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_a_batch_over_many_units_resolves_place_names_in_one_query(secretariat, tree, person_a):
    units = [tree["a1"], tree["a"], tree["b"]]
    units += [make_unit(tree["b"], f"T.B.{n}", f"Trạm Y tế số {n}", kind="phong_ban", level="noi_bo")
              for n in range(1, 4)]
    people = [make_person(u, f"Viên chức số {n}") for n, u in enumerate(units)]
    spread = [give(secretariat, person=p) for p in people]
    one_unit = [give(secretariat, person=person_a, number=f"5{n}/QĐ-UBND", year=2015 + n) for n in range(len(spread))]
    certificates.award_sheets(spread + one_unit)  # tokens made: not what is counted
    assert _queries(lambda: certificates.award_sheets(spread)) == _queries(lambda: certificates.award_sheets(one_unit))
    with CaptureQueriesContext(connection) as ctx:
        resolver = layouts.Resolver({"BK_TINH"}, units=units)
        places = {resolver.layout("BK_TINH", u).place for u in units}
    assert places == {"Thử Nghiệm"}
    assert len(ctx.captured_queries) == 2  # the layouts of the kinds, the roots' names


@pytest.mark.django_db(transaction=True)
def test_a_batch_whose_worker_died_says_so_and_is_failed(client, secretariat, three, time_machine):
    time_machine.move_to(dt.datetime(2026, 7, 10, 8, 0, tzinfo=dt.UTC), tick=False)
    login(client, secretariat)
    request_batch(client, three)
    batch = CertificateBatch.objects.get()
    # The worker took the batch, then died (a restart, out of memory) before the file was written.
    CertificateBatch.objects.filter(pk=batch.pk).update(state=CertificateBatch.Status.RUNNING,
                                                        started_at=dt.datetime(2026, 7, 10, 8, 0, tzinfo=dt.UTC))
    time_machine.move_to(dt.datetime(2026, 7, 10, 8, 10, tzinfo=dt.UTC), tick=False)
    assert "Đang tạo tệp" in client.get(reverse("printing:batch_file", args=[batch.pk])).content.decode()
    time_machine.move_to(dt.datetime(2026, 7, 10, 8, 31, tzinfo=dt.UTC), tick=False)
    page = client.get(reverse("printing:batch_file", args=[batch.pk])).content.decode()
    assert "Tiến trình nền dừng giữa chừng" in page and "Đang tạo tệp" not in page and 'hx-trigger' not in page
    services.certificate_batches_prune()
    batch.refresh_from_db()
    assert batch.state == CertificateBatch.Status.FAILED and "dừng giữa chừng" in batch.error
