"""Confirming a batch (issue 10, findings 4–5, 9): in bulk — a bounded number of statements
per thousand rows, never per row —, from the rows kept at the preview (the file is not
read again) but checked again against the database as it is now, all or nothing, audited;
long batches in the task worker with their progress on the page."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login, make_person
from tests.html_forms import form_values
from tests.imports.conftest import xlsx_upload
from tests.perf.bench_imports import people_file
from thidua.accounts.models import RoleGrant
from thidua.core.errors import ApplicationError
from thidua.core.models import AuditEvent
from thidua.imports import services
from thidua.imports.models import ImportBatch
from thidua.people import services as people_services
from thidua.people.models import Employment, Evaluation, Person

YEAR = 2025


def preview(actor, content: bytes) -> ImportBatch:
    batch = services.import_preview(actor=actor, upload=SimpleUploadedFile("danh-sach.xlsx", content))
    assert batch.errors == [], batch.errors[:3]
    return batch


def actions(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


# --- bulk ---------------------------------------------------------------------------------


def test_confirming_10000_rows_takes_statements_per_chunk_not_per_row(officer_a, tree):
    units = [tree["a"], tree["a1"]]
    counts = {}
    for n, start in ((1000, 0), (10_000, 1000)):
        batch = preview(officer_a, people_file(units, n, year=YEAR, start=start))
        with CaptureQueriesContext(connection) as queries:
            batch = services.import_apply(actor=officer_a, batch=batch)
        assert batch.state == ImportBatch.Status.DONE and batch.applied["people_created"] == n
        counts[n] = len(queries)
    # Everything written, with one audit row per record as a single save writes.
    assert Person.objects.count() == Employment.objects.count() == Evaluation.objects.count() == 11_000
    assert actions("person.create") == actions("evaluation.set") == 11_000
    assert actions("people.import") == actions("import.upload") == 2
    assert Person.objects.get(cccd="099900010999").search_key == "bui van nhap10999"
    # Statements come by chunks of rows (SQLite takes at most 999 values per statement):
    # the whole 10,000 in a few hundred, each thousand more rows at most 60 more. The bulk
    # write replaced 16 statements per row (160,047 for these 10,000 rows).
    assert counts[10_000] <= 650, counts
    assert (counts[10_000] - counts[1000]) / 9 <= 60, counts


def test_a_failure_while_writing_10000_rows_leaves_nothing(officer_a, tree):
    """The database refuses a row in the middle (a unique key: someone wrote the same
    record meanwhile): no person, rating or audit row of the batch stays, and the batch is
    back to be confirmed again, saying why."""
    units = [tree["a"], tree["a1"]]
    batch = preview(officer_a, people_file(units, 10_000, year=YEAR))
    with connection.cursor() as cursor:  # a unique index the check cannot know about
        cursor.execute("CREATE UNIQUE INDEX refuse_row_5000 ON people_person (full_name) "
                       "WHERE full_name = 'Vũ Văn Nhập04997'")
        cursor.execute("INSERT INTO people_person (full_name, gender, position, current_unit_id, search_key, "
                       "created_at) VALUES ('Vũ Văn Nhập04997', 'nu', '', %s, 'x', %s)",
                       [tree["b"].pk, timezone.now()])
    before = (Person.objects.count(), Evaluation.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ApplicationError) as exc:
        services.import_apply(actor=officer_a, batch=batch)
    assert "chưa có dữ liệu nào được lưu" in exc.value.message
    assert (Person.objects.count(), Evaluation.objects.count(), AuditEvent.objects.count()) == before
    batch.refresh_from_db()
    assert batch.state == ImportBatch.Status.PREVIEW and batch.progress["message"] == exc.value.message


# --- what is checked again ------------------------------------------------------------------


ROWS = [["T.A", "Bùi Thị Lan", "Nữ", "02/01/1991", "012345678901", "", YEAR, "HTTNV", 12, ""]]


def test_confirming_reads_the_kept_rows_not_the_file(officer_a, tree):
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(ROWS))
    batch.file.storage.delete(batch.file.name)
    batch = services.import_apply(actor=officer_a, batch=batch)
    assert batch.state == ImportBatch.Status.DONE and Person.objects.filter(cccd="012345678901").exists()


def test_a_person_given_the_cccd_meanwhile_elsewhere_is_caught(officer_a, tree):
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(ROWS))
    make_person(tree["b"], "Bùi Thị Lan", gender="nu", cccd="012345678901")
    with pytest.raises(ApplicationError) as exc:
        services.import_apply(actor=officer_a, batch=batch)
    assert exc.value.message == services.BATCH_HAS_ERRORS
    batch.refresh_from_db()
    assert batch.state == ImportBatch.Status.PREVIEW and not batch.can_confirm
    assert "không dùng được số CCCD «012345678901»" in batch.errors[0]["text"]
    assert "Bùi Thị Lan" not in batch.errors[0]["text"]
    assert Person.objects.count() == 1


def test_a_right_lost_meanwhile_is_caught(officer_a, tree):
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(ROWS))
    RoleGrant.objects.filter(user=officer_a).delete()
    officer_a = type(officer_a).objects.get(pk=officer_a.pk)  # a new request: no cached grants
    with pytest.raises(ApplicationError):
        services.import_apply(actor=officer_a, batch=batch)
    assert not Person.objects.exists()


def test_a_unit_closed_meanwhile_is_caught(officer_a, tree):
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(ROWS))
    type(tree["a"]).objects.filter(pk=tree["a"].pk).update(active_until=dt.date(2025, 12, 31))
    with pytest.raises(ApplicationError):
        services.import_apply(actor=officer_a, batch=batch)
    batch.refresh_from_db()
    assert "đã ngừng hoạt động" in batch.errors[0]["text"] and not Person.objects.exists()


def test_a_rating_changed_meanwhile_is_overwritten_with_its_value_in_the_history(officer_a, person_a, tree):
    people_services.evaluation_set(actor=officer_a, person=person_a, year=YEAR, rating="HTNV")
    rows = [["T.A.1", "Nguyễn Văn Phóng", None, None, "001085012345", "", YEAR, "HTXSNV", None, None]]
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(rows))
    people_services.evaluation_set(actor=officer_a, person=person_a, year=YEAR, rating="KHTNV", note="Sửa tay")
    batch = services.import_apply(actor=officer_a, batch=batch)
    evaluation = Evaluation.objects.get(person=person_a, year=YEAR)
    assert (evaluation.rating, evaluation.note) == ("HTXSNV", "Sửa tay")  # a blank note keeps what is there
    last = AuditEvent.objects.filter(action="evaluation.set").latest("id")
    assert last.before["rating"] == "KHTNV" and last.after["rating"] == "HTXSNV"
    assert batch.applied["ratings_changed"] == 1


def test_a_rating_form_opened_before_the_import_is_stale_after_it(client, officer_a, person_a, tree):
    people_services.evaluation_set(actor=officer_a, person=person_a, year=YEAR, rating="HTNV")
    url = reverse("people:evaluate", args=[person_a.pk]) + f"?nam={YEAR}"
    opened = form_values(login(client, officer_a).get(url).content, "rating")
    rows = [["T.A.1", "Nguyễn Văn Phóng", None, None, "001085012345", "", YEAR, "HTXSNV", None, None]]
    services.import_apply(actor=officer_a, batch=services.import_preview(
        kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(rows)))

    response = client.post(url, {**opened, "rating": "KHTNV"})

    assert response.status_code == 200 and "sau khi bạn mở trang này" in response.content.decode()
    assert Evaluation.objects.get(person=person_a, year=YEAR).rating == "HTXSNV"  # the import's, not overwritten


# --- audit ------------------------------------------------------------------------------------


def test_upload_and_confirmation_are_audited(officer_a, tree):
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(ROWS))
    upload = AuditEvent.objects.get(action="import.upload")
    assert (upload.target_type, upload.target_id, upload.actor) == ("imports.importbatch", batch.pk, officer_a)
    assert upload.after == {"file": "danh-sach.xlsx", "kind": "Danh sách cá nhân và xếp loại", "rows": 1,
                            "rows_ok": 1, "errors": 0}
    assert upload.unit_path == tree["a"].path
    services.import_apply(actor=officer_a, batch=batch)
    confirmed = AuditEvent.objects.get(action="people.import")
    assert confirmed.target_id == batch.pk and confirmed.after["people_created"] == 1


def test_a_refused_upload_keeps_no_batch_and_no_audit(officer_a, tree):
    from thidua.core.uploads import UploadRefused

    with pytest.raises(UploadRefused):
        services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a,
                                upload=SimpleUploadedFile("a.xlsx", b"not a workbook"))
    assert not ImportBatch.objects.exists() and not AuditEvent.objects.exists()


# --- long confirmations in the task worker ---------------------------------------------------


@pytest.fixture
def background(monkeypatch, settings):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 2)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


THREE = [["T.A", f"Bùi Thị Lan {i}", "Nữ", None, None, "", YEAR, "HTTNV", 12, ""] for i in "ABC"]


def run_worker():
    """The real worker, once over the queue. Its tests are transactional: the worker
    closes a connection that is inside a transaction, as a test's would be."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_long_batch_is_applied_by_the_worker_with_its_progress_on_the_page(client, officer_a, tree, background):
    login(client, officer_a)
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(THREE))
    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    body = response.content.decode()
    status_url = reverse("imports:status", args=[batch.pk])
    assert "được nhập trong nền" in body and "Đang nhập 3 dòng" in body
    assert f'hx-get="{status_url}"' in body and 'hx-trigger="every 2s"' in body
    assert not Person.objects.exists()
    poll = client.get(status_url)
    assert "Đang chờ đến lượt xử lý" in poll.content.decode() and "HX-Refresh" not in poll

    run_worker()

    assert Person.objects.count() == 3
    poll = client.get(status_url)
    assert poll["HX-Refresh"] == "true" and "hx-get" not in poll.content.decode()
    body = client.get(reverse("imports:result", args=[batch.pk])).content.decode()
    assert "Đã nhập toàn bộ tệp" in body and 'data-count="people_created">3<' in body


@pytest.fixture
def refuse_lan_b(db):
    """A unique index the check cannot know about, and the row it refuses a second of."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE UNIQUE INDEX refuse_lan_b ON people_person (full_name) "
                       "WHERE full_name = 'Bùi Thị Lan B'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX refuse_lan_b")


@pytest.mark.django_db(transaction=True)
def test_a_long_batch_that_fails_says_so_on_its_page(client, officer_a, tree, background, refuse_lan_b):
    login(client, officer_a)
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(THREE))
    client.post(reverse("imports:confirm", args=[batch.pk]))
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO people_person (full_name, gender, position, current_unit_id, search_key, "
                       "created_at) VALUES ('Bùi Thị Lan B', 'nu', '', %s, 'x', %s)", [tree["b"].pk, timezone.now()])
    run_worker()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.Status.PREVIEW and Person.objects.count() == 1
    body = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert str(services.CHANGED_MEANWHILE) in body.replace("&laquo;", "«").replace("&raquo;", "»")


def test_a_stalled_batch_can_be_confirmed_again(client, officer_a, tree, background,
                                                django_capture_on_commit_callbacks, settings):
    login(client, officer_a)
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(THREE))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:confirm", args=[batch.pk]))
    an_hour_ago = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    ImportBatch.objects.filter(pk=batch.pk).update(progress={"stage": "queued", "since": an_hour_ago})
    body = client.get(reverse("imports:result", args=[batch.pk])).content.decode()
    assert 'data-testid="import-stalled"' in body and "hx-get" not in body
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == ImportBatch.Status.DONE and Person.objects.count() == 3


def test_the_progress_of_another_users_batch_is_not_found(client, officer_a, officer_b, tree):
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(ROWS))
    assert login(client, officer_b).get(reverse("imports:status", args=[batch.pk])).status_code == 404
