"""Applying a batch is all or nothing, even when a write fails halfway."""

import datetime as dt

import pytest
from django.db import connection

from tests.conftest import make_unit
from tests.imports.conftest import xlsx_upload
from thidua.core.errors import ApplicationError
from thidua.core.models import AuditEvent
from thidua.imports import services
from thidua.imports.models import ImportBatch
from thidua.people.models import Evaluation, Person

ROWS = [
    ["T.A.1", "Nguyễn Văn Phóng", None, None, "001085012345", "", 2025, "HTXSNV", None, None],
    ["T.A", "Bùi Thị Lan", "Nữ", dt.date(1991, 1, 2), "012345678901", "", 2025, "HTTNV", 12, ""],
    ["T.A", "Đỗ Văn Hùng", "Nam", "15/08/1988", None, "", 2025, "HTNV", 12, ""],
    ["T.A", "Đỗ Văn Hùng", "Nam", "15/08/1988", None, "", 2024, "HTTNV", 12, ""],
]


def snapshot():
    """What the import could have written; the failed batch's own audit row is not of it."""
    return (sorted(Person.objects.values_list("full_name", flat=True)), Evaluation.objects.count(),
            AuditEvent.objects.exclude(action="import.fail").count())


@pytest.fixture
def batch(officer_a, person_a):
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(ROWS))
    assert batch.errors == [] and batch.rows_ok == 4
    return batch


def test_it_applies_and_counts(officer_a, batch):
    batch = services.import_apply(actor=officer_a, batch=batch)
    assert batch.state == ImportBatch.Status.DONE
    applied = batch.applied
    assert {k: applied[k] for k in ("rows", "people_created", "people_existing", "ratings_created")} == {
        "rows": 4, "people_created": 2, "people_existing": 1, "ratings_created": 4}
    assert Person.objects.get(full_name="Đỗ Văn Hùng").evaluations.count() == 2


@pytest.fixture
def database_refuses_2024_ratings(db):
    """A real trigger makes the database itself refuse the last row's write (year 2024).

    This is how a write fails halfway in production (a constraint, a lock, a disk error):
    the file passed every check, and the database says no on row 5.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_2024() RETURNS trigger AS $$ BEGIN "
                "IF NEW.year = 2024 THEN RAISE EXCEPTION 'refused by the database'; END IF; RETURN NEW; END $$ "
                "LANGUAGE plpgsql"
            )
            cursor.execute("CREATE TRIGGER refuse_2024 BEFORE INSERT ON people_evaluation "
                           "FOR EACH ROW EXECUTE FUNCTION refuse_2024()")
        else:
            cursor.execute("CREATE TRIGGER refuse_2024 BEFORE INSERT ON people_evaluation "
                           "WHEN NEW.year = 2024 BEGIN SELECT RAISE(ABORT, 'refused by the database'); END")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER refuse_2024" + (" ON people_evaluation" if connection.vendor == "postgresql"
                                                     else ""))
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION refuse_2024()")


def test_a_database_error_on_the_last_row_rolls_everything_back(officer_a, batch, database_refuses_2024_ratings):
    before = snapshot()
    with pytest.raises(ApplicationError) as exc:
        services.import_apply(actor=officer_a, batch=batch)
    # The rows are written in bulk, so the database's refusal names no row; it is not shown.
    assert exc.value.message == services.IMPORT_FAILED_ANYWHERE % {"message": services.UNEXPECTED}
    assert "refused" not in exc.value.message and "không có dữ liệu nào được lưu" in exc.value.message
    assert snapshot() == before, "rows 2–4 were written before row 5 failed, and are rolled back"
    batch.refresh_from_db()
    assert batch.state == ImportBatch.Status.FAILED and batch.result["message"] == exc.value.message
    assert not AuditEvent.objects.filter(action="people.import").exists()
    assert AuditEvent.objects.get(action="import.fail", target_id=batch.pk).reason == exc.value.message
    # A failed batch stays failed: a new upload is the way to try again.
    with pytest.raises(ApplicationError):
        services.import_apply(actor=officer_a, batch=batch)
    assert snapshot() == before


def test_the_failure_is_shown_on_the_result_page(client, officer_a, batch, database_refuses_2024_ratings):
    from django.urls import reverse

    from tests.conftest import login

    login(client, officer_a)
    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    body = response.content.decode()
    assert "Không ghi được dữ liệu" in body and "Toàn bộ tệp đã được hủy" in body
    assert client.get(reverse("imports:result", args=[batch.pk])).status_code == 200
    assert Person.objects.count() == 1 and Evaluation.objects.count() == 0


def test_only_the_creator_may_apply(officer_b, batch):
    with pytest.raises(ApplicationError):
        services.import_apply(actor=officer_b, batch=batch)
    assert Evaluation.objects.count() == 0


def test_checking_a_long_file_takes_a_few_queries(officer_a, tree, django_assert_max_num_queries):
    units = [tree["a"], tree["a1"], make_unit(tree["a"], "T.A.2", "Phòng Tổ chức", kind="phong_ban", level="noi_bo")]
    rows = [[units[i % 3].code, f"Nguyễn Văn Số {i}", "Nam", None, f"{i:012d}", "", 2025, "HTNV", 12, ""]
            for i in range(1, 1201)]
    upload = xlsx_upload(rows)
    with django_assert_max_num_queries(13):
        batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=upload)
    assert batch.rows_ok == 1200 and batch.summary["people_new"] == 1200


def test_a_cccd_given_for_a_person_without_one_is_filled_in(officer_a, tree):
    from tests.conftest import make_person

    hoa = make_person(tree["a"], "Lê Thị Hoa", gender="nu", birth_date=dt.date(1990, 1, 1))
    rows = [["T.A", "Lê Thị Hoa", None, "01/01/1990", "001190000009", "", 2025, "HTNV", None, None]]
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(rows))
    assert batch.summary["people_existing"] == 1 and batch.result["preview"][0]["fill"] == ["cccd"]
    batch = services.import_apply(actor=officer_a, batch=batch)
    hoa.refresh_from_db()
    assert hoa.cccd == "001190000009" and Person.objects.count() == 1
    assert batch.applied["people_completed"] == 1
    assert AuditEvent.objects.filter(action="person.update", target_id=hoa.pk).exists()
