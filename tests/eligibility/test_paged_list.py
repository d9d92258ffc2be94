"""The qualified list a page at a time (ADR 0016): counts and quotas of the whole scope,
verdicts stored and forgotten when a fact changes, the Excel file with every row."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from tests.conftest import login, make_person
from thidua.awards.models import Award
from thidua.core.hooks import bulk_written
from thidua.eligibility import listing, tasks
from thidua.eligibility.models import ListExport, StoredVerdict
from thidua.imports.writes.plan import Statements
from thidua.people import services as people_services
from thidua.people.models import Evaluation
from thidua.registrations.services import registration_set

NAMES = ["Bùi Văn An", "Đỗ Thị Bình", "Hà Văn Cường", "Lý Thị Dung", "Ngô Văn Em"]


@pytest.fixture
def five(officer_a, tree):
    """Five people of Sở Nội vụ rated HTXSNV and registered for LĐTT and CSTĐCS in 2025,
    and one rated HTTNV who did not register."""
    people = []
    for name in NAMES:
        person = make_person(tree["a"], name)
        people_services.evaluation_set(actor=officer_a, person=person, year=2025, rating="HTXSNV")
        registration_set(actor=officer_a, person=person, year=2025, codes=["LDTT", "CSTDCS"])
        people.append(person)
    idle = make_person(tree["a"], "Vũ Văn Giang")
    people_services.evaluation_set(actor=officer_a, person=idle, year=2025, rating="HTTNV")
    return people, idle


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)


def _page(client, tree, **params):
    return client.get(reverse("eligibility:qualified", args=[tree["a"].pk]), {"nam": 2025, **params}).content.decode()


def test_the_list_pages_with_the_total_of_the_whole_scope(client, officer_a, five, tree, small_pages):
    login(client, officer_a)
    first = _page(client, tree, ma="LDTT")
    assert 'data-testid="qualified-count">5<' in first and "Trang 1/3" in first
    assert "Bùi Văn An" in first and "Đỗ Thị Bình" in first and "Hà Văn Cường" not in first
    last = _page(client, tree, ma="LDTT", trang=3)
    assert "Ngô Văn Em" in last and "Bùi Văn An" not in last and "Vũ Văn Giang" not in last
    # Each row still opens on its reasons and articles.
    assert "Điều 24 Luật Thi đua, khen thưởng 2022" in last
    # The name filter counts in the database too.
    found = _page(client, tree, ma="LDTT", q="thi")
    assert 'data-testid="qualified-count">2<' in found and "Trang 1/" not in found
    assert "Đỗ Thị Bình" in found and "Lý Thị Dung" in found and "Bùi Văn An" not in found


def test_the_quota_counts_the_whole_scope_not_the_page(client, officer_a, five, tree, small_pages, settings):
    from thidua import rules

    layer = rules.ruleset_from_mapping({"id": "test-cap-paged", "extends": "2025", "title": "Tỉnh thử",
                                        "settings": {"cstdcs_cap_pct_of_ldtt": 20}}, base=rules.RULESETS.all())
    rules.RULESETS.register(layer)
    settings.THIDUA_RULESETS = {"2025": "test-cap-paged"}
    login(client, officer_a)
    body = _page(client, tree, ma="CSTDCS")
    # 20 % of the five LĐTT is one CSTĐCS: four are over, though the page shows two.
    assert "tối đa 20% là 1, vượt 4" in body
    assert 'data-testid="qualified-count">5<' in body


def test_a_change_to_a_persons_facts_shows_in_the_next_list(client, officer_a, five, tree):
    people, idle = five
    login(client, officer_a)
    assert "Bùi Văn An" in _page(client, tree, ma="LDTT")
    assert StoredVerdict.objects.filter(year=2025).count() == 6  # judged once, kept
    people_services.discipline_create(actor=officer_a, person=people[0], form="canh_cao",
                                      decided_on=dt.date(2025, 4, 2))
    registration_set(actor=officer_a, person=idle, year=2025, codes=["LDTT"])  # a bulk write
    body = _page(client, tree, ma="LDTT")
    assert "Bùi Văn An" not in body and "Vũ Văn Giang" in body
    assert 'data-testid="qualified-count">5<' in body


def test_an_import_forgets_the_verdicts_of_the_people_it_rated(client, officer_a, five, tree):
    people, _idle = five
    login(client, officer_a)
    assert "Hà Văn Cường" in _page(client, tree, ma="LDTT")
    rating = Evaluation.objects.get(person=people[2], year=2025)
    rating.rating = "KHTNV"
    sql = Statements()
    sql.update(Evaluation, [rating], ["rating"])
    sql.run()
    assert "Hà Văn Cường" not in _page(client, tree, ma="LDTT")


def test_the_export_writes_every_row_not_the_page(client, officer_a, five, tree, small_pages, monkeypatch):
    monkeypatch.setattr(listing, "EXPORT_CHUNK", 2)
    response = login(client, officer_a).get(reverse("eligibility:qualified", args=[tree["a"].pk]),
                                            {"nam": 2025, "ma": "LDTT", "xuat": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows] == NAMES and [r[0] for r in rows] == [1, 2, 3, 4, 5]
    assert all("Điều 24" in r[5] for r in rows)


def test_a_later_page_is_refused_out_of_scope(client, officer_b, five, tree):
    response = login(client, officer_b).get(reverse("eligibility:qualified", args=[tree["a"].pk]),
                                            {"nam": 2025, "trang": 2})
    assert response.status_code == 404


def test_a_long_list_is_exported_by_the_worker_for_its_requester_only(
        client, settings, tmp_path, officer_a, officer_b, five, tree, django_capture_on_commit_callbacks):
    settings.THIDUA_LIST_EXPORT_INLINE_MAX = 3
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    login(client, officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("eligibility:qualified", args=[tree["a"].pk]),
                              {"nam": 2025, "ma": "LDTT", "xuat": "xlsx"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đang tạo tệp…" not in page and "Tải tệp Excel" in page and "5 dòng" in page
    export = ListExport.objects.get()
    download = client.get(reverse("eligibility:export_download", args=[export.pk]))
    rows = list(load_workbook(BytesIO(b"".join(download.streaming_content))).active.iter_rows(
        min_row=3, values_only=True))
    assert [r[1] for r in rows] == NAMES
    client.logout()
    login(client, officer_b)
    assert client.get(response["Location"]).status_code == 404
    assert client.get(reverse("eligibility:export_download", args=[export.pk])).status_code == 404


def test_a_queued_export_says_it_is_being_written(client, settings, tmp_path, officer_a, five, tree):
    settings.THIDUA_LIST_EXPORT_INLINE_MAX = 3
    settings.MEDIA_ROOT = tmp_path / "media"
    response = login(client, officer_a).get(reverse("eligibility:qualified", args=[tree["a"].pk]),
                                            {"nam": 2025, "ma": "LDTT", "xuat": "xlsx"})
    page = client.get(response["Location"]).content.decode()
    assert "Đang tạo tệp…" in page and "Tải tệp Excel" not in page
    assert client.get(reverse("eligibility:export_download", args=[ListExport.objects.get().pk]),
                      follow=True).content.decode().count("Tệp chưa sẵn sàng") == 1


def test_a_page_costs_the_same_queries_whatever_the_scope_holds(client, officer_a, five, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, officer_a)

    def queries() -> int:
        _page(client, tree, ma="LDTT")  # judges whoever is new, then reads
        with CaptureQueriesContext(connection) as ctx:
            _page(client, tree, ma="LDTT")
        return len(ctx.captured_queries)

    before = queries()
    for i in range(8):
        person = make_person(tree["a"], f"Trịnh Văn Thêm {i}")
        people_services.evaluation_set(actor=officer_a, person=person, year=2025, rating="HTXSNV")
        registration_set(actor=officer_a, person=person, year=2025, codes=["LDTT"])
    assert queries() == before


def test_without_a_year_the_list_opens_on_the_latest_year_rated(client, officer_a, five, tree):
    body = login(client, officer_a).get(reverse("eligibility:qualified", args=[tree["a"].pk]), {"ma": "LDTT"})
    body = body.content.decode()
    assert 'value="2025"' in body and 'data-testid="qualified-count">5<' in body


def test_the_fill_command_judges_ahead_those_with_no_stored_verdict(five, tree):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("rules", "fill", "--year", "2025", "--unit", tree["a"].code, stdout=out)
    assert "đã xét và lưu 6 cá nhân" in out.getvalue()
    assert StoredVerdict.objects.filter(year=2025, codes__contains=",LDTT,").count() == 5
    out = io.StringIO()
    call_command("rules", "fill", "--year", "2025", stdout=out)
    assert "đã xét và lưu 0 cá nhân" in out.getvalue()  # nothing changed since


def test_without_a_year_the_fill_command_judges_the_year_the_list_opens_on(five, tree):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("rules", "fill", stdout=out)
    assert "Năm 2025: đã xét và lưu" in out.getvalue()
    assert StoredVerdict.objects.filter(year=2025, codes__contains=",LDTT,").count() == 5


def test_an_import_of_many_people_has_the_worker_judge_them_ahead(five, tree, django_capture_on_commit_callbacks):
    """An import writes ratings of 500 people or more: their verdicts are forgotten and the
    worker is asked to judge them again at once, so no list judges them in its request."""
    fill = tasks.fill_verdicts.call
    assert fill() == 6 and StoredVerdict.objects.count() == 6
    five_ids = list(StoredVerdict.objects.values_list("person_id", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        bulk_written.send(sender=Evaluation, person_ids=[*five_ids, *range(10**6, 10**6 + 500)])
    assert not StoredVerdict.objects.exists()
    queued = DBTaskResult.objects.get(task_path="thidua.eligibility.tasks.fill_verdicts")
    assert queued.status == "READY"
    assert fill() == 6
    assert StoredVerdict.objects.filter(year=2025, codes__contains=",LDTT,").count() == 5
    # A registration sheet of a few people is judged by the next list, with no job queued.
    with django_capture_on_commit_callbacks(execute=True):
        bulk_written.send(sender=Evaluation, person_ids=five_ids[:3])
    assert DBTaskResult.objects.count() == 1 and StoredVerdict.objects.count() == 3


def test_an_import_writing_several_tables_queues_one_refill(five, tree, django_capture_on_commit_callbacks):
    """Ratings and awards of 500 people written in one transaction: one job judges them all."""
    many = list(range(10**6, 10**6 + 500))
    with django_capture_on_commit_callbacks(execute=True):
        bulk_written.send(sender=Evaluation, person_ids=many)
        bulk_written.send(sender=Award, person_ids=many)
    assert DBTaskResult.objects.filter(task_path="thidua.eligibility.tasks.fill_verdicts").count() == 1
