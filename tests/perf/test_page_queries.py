"""The pages of finding 10 (issue 10) read a fixed number of queries, the same whether the
province holds one department or many more units, people, ratings and registrations: a
page that starts reading per unit or per person fails here before it is slow in `make bench`.

The load itself is measured by `make bench` (tests/perf/load.py); these pin what CI can check.
"""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_person, make_unit
from thidua.org.models import Unit
from thidua.people.models import Evaluation
from thidua.people.selectors import evaluation_year
from thidua.registrations.models import Registration
from thidua.registrations.selectors import registration_year


def _fill(unit: Unit, n: int, tag: str) -> None:
    """N people in UNIT, each rated last year and registered this year."""
    for i in range(n):
        person = make_person(unit, f"Nguyễn Văn {tag} {i}", birth_date=dt.date(1980, 1, 1 + i % 28))
        Evaluation.objects.create(person=person, unit=unit, year=evaluation_year() - 1, rating="HTTNV")
        Registration.objects.create(person=person, unit=unit, year=registration_year(), code="LDTT")


def _grow(tree) -> None:
    """Another department with ten offices, thirty people, their ratings and registrations."""
    root = Unit.objects.get(pk=tree["root"].pk)
    dept = make_unit(root, "T.C", "Sở Xây dựng")
    for i in range(10):
        office = make_unit(Unit.objects.get(pk=dept.pk), f"T.C.{i}", f"Phòng Quản lý số {i}", kind="phong_ban",
                           level="noi_bo")
        _fill(office, 3, f"C{i}")


# (who, page, queries): the number each page reads, whatever the province.
PAGES = [
    ("secretariat", "decisions:list", 6),
    ("officer_a", "decisions:list", 5),
    ("secretariat", "root", 11),
    ("officer_a", "dept", 11),
    ("secretariat", "root people", 9),
    ("officer_a", "dept people", 8),
    ("officer_a", "sheet", 10),
    # The search: five sections (people, units, documents, decisions, awards), each its
    # first rows and its total, and the award names ("nguyen van" is no decision's number:
    # the awards' decision numbers are not read).
    ("secretariat", "search", 17),
    ("officer_a", "search", 16),
    # The list's filters: the units offered (the top of the scope, then its units) and the titles.
    ("officer_a", "people:list", 11),
]


def _url(tree, page: str) -> str:
    if page == "root":
        return reverse("org:detail", args=[tree["root"].pk])
    if page == "dept":
        return reverse("org:detail", args=[tree["a"].pk])
    if page in ("root people", "dept people"):  # the unit page's people panel
        return reverse("people:unit_panel", args=[tree["root" if page == "root people" else "a"].pk])
    if page == "sheet":
        return reverse("registrations:sheet", args=[tree["a"].pk]) + f"?nam={registration_year()}"
    if page == "search":
        return reverse("home:search") + "?q=nguyen+van"
    return reverse(page)


@pytest.mark.parametrize(("who", "page", "queries"), PAGES)
def test_a_page_reads_the_same_queries_however_large_the_province(request, client, tree, secretariat, officer_a,
                                                                   django_assert_num_queries, who, page, queries):
    _fill(tree["a"], 3, "A")
    login(client, request.getfixturevalue(who))
    url = _url(tree, page)
    client.get(url)  # reminders and caches brought up to date
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _grow(tree)
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def _rows_read(queries) -> dict[str, int]:
    """Per table, the rows PostgreSQL's plans of QUERIES read (actual rows of every scan,
    times its loops)."""
    import json

    from django.db import connection

    read: dict[str, int] = {}

    def walk(node):
        if "Relation Name" in node:
            table = node["Relation Name"]
            read[table] = read.get(table, 0) + int(node["Actual Rows"] * node["Actual Loops"])
        for child in node.get("Plans", ()):
            walk(child)

    # A few rows fit in one page, where reading a whole table is the cheapest plan; with
    # fresh statistics and whole-table reads and joins priced out, a plan reads a whole
    # table only when no index can narrow it, as it would in a province.
    off = ("enable_seqscan", "enable_hashjoin", "enable_mergejoin")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for setting in off:
            cursor.execute(f"SET {setting} = off")
        try:
            for query in queries:
                if query["sql"].lstrip().upper().startswith("SELECT"):
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                    plan = cursor.fetchone()[0]
                    walk((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])
        finally:
            for setting in off:
                cursor.execute(f"SET {setting} = on")
    return read


# The pages whose every query has one plan whatever the table sizes. A paginated list
# sorted by name is read in name order until a page is full: cheapest for a few rows, not
# for a province, so its rows read here would say nothing (`make bench` measures those).
DEPARTMENT_PAGES = ["sheet", "decisions:list"]


@pytest.mark.parametrize("page", DEPARTMENT_PAGES)
def test_a_department_page_reads_no_more_rows_when_the_province_grows(client, tree, officer_a, page):
    """The rows PostgreSQL reads for an officer's page, before and after another department
    with its offices, people, ratings and registrations is added: the same. The sheet read
    every registration of the year and every person before issue 10."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("rows read are PostgreSQL's EXPLAIN ANALYZE")
    _fill(tree["a"], 3, "A")
    login(client, officer_a)
    url = _url(tree, page)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    small = _rows_read(before.captured_queries)
    _grow(tree)
    client.get(url)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    large = _rows_read(after.captured_queries)
    grown = {table: (small.get(table, 0), n) for table, n in large.items() if n > small.get(table, 0)}
    assert grown == {}
