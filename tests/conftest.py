"""Shared fixtures: three officers on one small tree (house style §10.9).

    UBND tỉnh (root) ── Sở A ── Phòng A1
                    └── Sở B
`secretariat` holds the secretariat role on the root, `officer_a` is unit officer of Sở A,
`officer_b` of Sở B, `head_a` is unit head of Sở A.
"""

import datetime as dt
import html
import inspect
import re

import pytest
from django.contrib.auth import get_user_model

from tests.signin import login as sign_in_pages
from thidua.accounts.models import RoleGrant
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.org.models import Unit
from thidua.people.models import Employment, Person

PASSWORD = "Mat-khau-2026!"


# What a test asks for when it reads or writes the database (pytest-django's autouse
# fixtures bring `django_db_blocker` to every test, so it tells nothing).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def uses_database(item) -> bool:
    """Whether ITEM may touch the database: it asks for it, is marked for it, or takes
    `request` and so may ask for a database fixture while it runs (getfixturevalue)."""
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("django_db"):
        return True
    function = getattr(item, "function", None)
    return function is None or "request" in inspect.signature(function).parameters


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL only the tests that touch the database run: the others (the rules
    engine, parsers, architecture…) would give the same answer as on SQLite, where `make
    test` has just run them, and take a third of the run. pytest-django refuses the
    database to a test that did not ask for it, so a test that does not ask cannot depend
    on the database it runs on."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return
    kept, dropped = [], []
    for item in items:
        (kept if uses_database(item) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_unit(parent, code, name, kind="co_quan_hc", level="so_nganh"):
    unit = Unit(code=code, name=name, kind=kind, level=level, search_key=fold(f"{name} {code}"))
    return Unit.objects.add_root(instance=unit) if parent is None else Unit.objects.add_child(parent, instance=unit)


def make_user(username, role, unit, full_name=""):
    first, _, last = full_name.rpartition(" ")
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=last, last_name=first)
    RoleGrant.objects.create(user=user, role=role, unit=unit)
    return user


def make_person(unit, full_name, **fields):
    person = Person.objects.create(full_name=full_name, current_unit=unit, search_key=fold(full_name),
                                   gender=fields.pop("gender", "nam"), **fields)
    Employment.objects.create(person=person, unit=unit, started_on=dt.date(2015, 1, 1))
    return person


@pytest.fixture
def tree(db):
    root = make_unit(None, "T", "UBND tỉnh Thử Nghiệm", kind="ubnd_tinh", level="tinh")
    dept_a = make_unit(root, "T.A", "Sở Nội vụ")
    dept_b = make_unit(root, "T.B", "Sở Y tế")
    root.refresh_from_db()
    sub_a = make_unit(dept_a, "T.A.1", "Phòng Công chức, viên chức", kind="phong_ban", level="noi_bo")
    dept_a.refresh_from_db()
    return {"root": root, "a": dept_a, "b": dept_b, "a1": sub_a}


@pytest.fixture
def secretariat(tree):
    return make_user("thuky", Role.SECRETARIAT, tree["root"], "Trần Thị Thu")


@pytest.fixture
def officer_a(tree):
    return make_user("canbo_a", Role.UNIT_OFFICER, tree["a"], "Lê Văn An")


@pytest.fixture
def officer_b(tree):
    return make_user("canbo_b", Role.UNIT_OFFICER, tree["b"], "Phạm Thị Bình")


@pytest.fixture
def head_a(tree):
    return make_user("thutruong_a", Role.UNIT_HEAD, tree["a"], "Hoàng Văn Cường")


@pytest.fixture
def person_a(tree):
    return make_person(tree["a1"], "Nguyễn Văn Phóng", birth_date=dt.date(1985, 3, 14), cccd="001085012345",
                       position="Chuyên viên")


@pytest.fixture
def person_b(tree):
    return make_person(tree["b"], "Nguyễn Thị Phong", gender="nu", birth_date=dt.date(1990, 7, 2),
                       position="Bác sĩ")


def same_page(content: bytes) -> str:
    """CONTENT without what differs on every response (the masked CSRF token, a create
    form's one-time token), to compare two answers the way an outsider would."""
    text = content.decode()
    text = re.sub(r'"X-CSRFToken": "[^"]*"', '"X-CSRFToken": ""', text)
    text = re.sub(r'name="lan-gui" value="[^"]*"', 'name="lan-gui" value=""', text)  # a create form's one-time token
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value=""', text)


def page_with_panels(client, url: str) -> str:
    """The page at URL as a browser shows it once loaded: the page, then each panel it
    loads by htmx on arrival (`hx-trigger="load"`), asked as htmx asks."""
    body = client.get(url).content.decode()
    for panel in re.findall(r'hx-get="([^"]+)" hx-trigger="load"', body):
        body += client.get(html.unescape(panel), HTTP_HX_REQUEST="true").content.decode()
    return body


def login(client, user, password=PASSWORD):
    """Sign USER in through the sign-in pages, with a code where one is asked (tests/signin.py)."""
    return sign_in_pages(client, user, password)
