"""The demo seeder: shape, integrity and determinism of the small province (DESIGN.md §8)."""

import random
import re
import time
import unicodedata
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import login
from thidua.accounts import otp
from thidua.accounts.models import RoleGrant
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_KEYS, USERNAMES, demo_code
from thidua.demo.blocs import plan_blocs
from thidua.demo.generator import SeedRefused, seed
from thidua.demo.people import make_people
from thidua.demo.presets import MERGE_DATE, PRESETS
from thidua.demo.tree import build_tree
from thidua.documents.models import Document
from thidua.org.models import Bloc, BlocMembership, Unit, UnitSuccession
from thidua.people.models import Employment, Evaluation, Person

pytestmark = pytest.mark.django_db


def test_small_province_has_four_levels_and_a_sound_tree(small):
    assert set(Unit.objects.values_list("depth", flat=True)) == {1, 2, 3, 4}
    assert 35 <= small["units"] == Unit.objects.count() <= 50
    root = Unit.objects.get(depth=1)
    assert (root.code, root.name, root.kind, root.level) == ("HS", "UBND tỉnh Hà Sơn", "ubnd_tinh", "tinh")
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    for unit in Unit.objects.all():
        assert unit.search_key == fold(f"{unit.name} {unit.short_name} {unit.code}")[:400]
        assert unit.numchild == Unit.objects.get_children_count(unit)


def test_people_have_vietnamese_names_and_the_searched_one(small):
    names = list(Person.objects.values_list("full_name", flat=True))
    assert 250 <= len(names) <= 350
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert sum(n != fold(n) for n in names) > 0.9 * len(names)  # diacritics, not ASCII stand-ins
    assert Counter(n.split()[0] for n in names).most_common(1)[0][0] == "Nguyễn"
    phong = Person.objects.filter(full_name="Nguyễn Văn Phóng")
    assert phong.exists()
    assert phong.first().search_key == "nguyen van phong"
    assert not Person.objects.filter(current_unit__depth=1).exists()


def test_every_person_has_one_open_employment_in_the_current_unit(small):
    open_posts = Q(employments__ended_on__isnull=True)
    assert not Person.objects.annotate(n=Count("employments", filter=open_posts)).exclude(n=1).exists()
    assert not Employment.objects.filter(ended_on__isnull=True).exclude(unit=F("person__current_unit")).exists()
    assert Employment.objects.count() > Person.objects.count()  # transfers and merges


def test_cccds_are_unique_twelve_digits_for_most_people(small):
    cccds = [c for c in Person.objects.values_list("cccd", flat=True) if c]
    assert len(cccds) == len(set(cccds))
    assert all(re.fullmatch(r"0\d{2}[0-3]\d{8}", c) for c in cccds)
    assert 0.6 < len(cccds) / small["people"] < 0.8


def test_commune_merge_keeps_history_under_the_closed_communes(small):
    closed = Unit.objects.filter(active_until=MERGE_DATE)
    assert closed.count() == 2
    successions = UnitSuccession.objects.filter(predecessor__in=closed, kind="merge", effective_on=MERGE_DATE)
    assert successions.count() == 2
    assert successions.values("successor").distinct().count() == 1
    successor = successions.first().successor
    assert successions.first().document.number.endswith("/NQ-UBTVQH15")
    old = Evaluation.objects.filter(unit__in=closed, person__isnull=False)
    assert old.exists() and old.filter(year__gte=MERGE_DATE.year).count() == 0
    moved = Person.objects.filter(employments__unit__in=closed).distinct()
    assert moved.exists()
    assert not moved.exclude(current_unit__path__startswith=successor.path).exists()
    assert not Person.objects.filter(current_unit__in=closed).exists()


def test_ratings_leave_some_people_unrated_in_the_last_year(small):
    last = PRESETS["small"].last_year
    people = Person.objects.count()
    rated = Evaluation.objects.filter(person__isnull=False, year=last).count()
    assert 0 < people - rated < 0.15 * people
    assert Evaluation.objects.filter(person__isnull=True, year=last).exists()
    assert set(Evaluation.objects.values_list("rating", flat=True)) <= {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}


def test_each_bloc_year_has_one_leader_and_one_deputy(small):
    assert Bloc.objects.count() == 2
    rows = BlocMembership.objects.values("bloc", "year").annotate(
        leaders=Count("id", filter=Q(role="leader")), deputies=Count("id", filter=Q(role="deputy")),
    )
    assert len(rows) == 2 * 3
    assert all(r["leaders"] == 1 and r["deputies"] == 1 for r in rows)


def test_documents_have_search_keys(small):
    assert Document.objects.count() == small["documents"] >= 10
    doc = Document.objects.filter(number="01/CT-UBND").first()
    assert doc.search_key == fold(f"{doc.number} {doc.summary}")


def test_demo_users_log_in_with_the_published_password(small, client):
    assert [row[0] for row in small["accounts"]] == list(USERNAMES)
    for username in USERNAMES:
        user = get_user_model().objects.get(username=username)
        login(client, user, DEMO_PASSWORD)  # with the code of the published key where there is one
    # The administrator and the secretariat sign in with a code, of the key the README prints.
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for username, key in DEMO_TOTP_KEYS.items():
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert device.key == otp.key_hex(key) and f"`{key}`" in readme, username
        client.logout()
        client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})
        # The helper just used this step's code; each step's code is accepted once.
        device.refresh_from_db()
        when = max(time.time(), (device.last_t + 1) * device.step)
        response = client.post(reverse("accounts:signin_code"), {"code": demo_code(username, when)})
        assert response.status_code == 302 and response["Location"] == reverse("home:dashboard"), username
    lead = RoleGrant.objects.get(user__username="khoitruong")
    assert lead.role == Role.BLOC_LEADER and lead.bloc_id and lead.year == PRESETS["small"].last_year
    assert BlocMembership.objects.filter(bloc=lead.bloc, unit=lead.unit, year=lead.year, role="leader").exists()
    assert RoleGrant.objects.get(user__username="canbo_syt").unit.name == "Sở Y tế"


def test_refuses_a_database_that_already_has_units(small):
    with pytest.raises(SeedRefused):
        seed("small")
    assert Unit.objects.count() == small["units"]


def _first_names(seed_value: int) -> list[str]:
    with transaction.atomic():
        seed("small", seed=seed_value)
        names = list(Person.objects.order_by("id").values_list("full_name", flat=True)[:20])
        transaction.set_rollback(True)
    return names


def test_same_seed_same_people():
    first = _first_names(7)
    assert first == _first_names(7)
    assert first != _first_names(8)


def test_seed_command_prints_counts():
    out = StringIO()
    call_command("seed", preset="small", stdout=out)
    assert "Cá nhân" in out.getvalue() and "Nạp xong sau" in out.getvalue()


def test_demo_command_seeds_once_and_prints_accounts():
    out = StringIO()
    call_command("demo", "--no-serve", preset="small", stdout=out)
    assert "thuky" in out.getvalue() and "http://127.0.0.1:8000/" in out.getvalue()
    again = StringIO()
    call_command("demo", "--no-serve", preset="small", stdout=again)
    assert "Dùng lại dữ liệu đã có" in again.getvalue()


def test_demo_refuses_to_run_on_a_production_server(settings):
    """The demo would put the README's published authenticator keys on accounts named
    admin and thuky, and serve with a development server."""
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="không chạy trên máy chủ chính thức"):
        call_command("demo", "--no-serve", preset="small", stdout=StringIO())
    assert not Unit.objects.exists()


def test_demo_on_a_busy_port_says_so_and_starts_no_worker():
    import socket

    import psutil
    from django.core.management.base import CommandError

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        before = {p.pid for p in psutil.Process().children(recursive=True)}
        with pytest.raises(CommandError) as exc:
            call_command("demo", "--addr", f"127.0.0.1:{port}", preset="small", stdout=StringIO())
    assert f"Cổng {port} đang được dùng" in str(exc.value)
    assert {p.pid for p in psutil.Process().children(recursive=True)} == before


def test_province_preset_shape_without_database():
    """The province in memory: ~2,000 units, 20 blocs, ~60,000 people, ≈ the design's rating shares."""
    preset, rng = PRESETS["province"], random.Random(2026)
    tree = build_tree(preset, rng)
    assert 1_900 <= len(tree.nodes) <= 2_200
    assert {n.depth for n in tree.nodes} == {1, 2, 3, 4}
    assert len(plan_blocs(tree, preset.blocs)) == 20
    # Three private companies, each in a commune that lived through the whole history.
    companies = [n for n in tree.nodes if n.kind == "dn_ngoai_nn"]
    communes = {c.code: c for c in tree.communes}
    assert len(companies) == 3
    assert all(communes[n.code.rsplit(".", 1)[0]].is_stable for n in companies)
    rows = make_people(rng, tree, preset, 1, None)
    assert 58_000 <= len(rows.person) <= 62_000
    assert len(rows.evaluation) > 500_000
    shares = Counter(r[3] for r in rows.evaluation)
    total = sum(shares.values())
    assert 0.17 < shares["HTXSNV"] / total < 0.23 and 0.02 < shares["KHTNV"] / total < 0.045
    assert 0.01 <= rows.transfers / len(rows.person) <= 0.02
    assert 0.003 <= len(rows.discipline) / len(rows.person) <= 0.007
    assert any(r[1] == "Nguyễn Văn Phóng" for r in rows.person)


def test_rows_added_after_seeding_get_fresh_ids(small):
    root = Unit.objects.get(depth=1)
    unit = Unit.objects.add_child(root, instance=Unit(code="HS.MOI", name="Phòng Mới", kind="phong_ban",
                                                      level="noi_bo"))
    person = Person.objects.create(full_name="Lê Thị Mới", gender="nu", current_unit=unit)
    assert unit.pk > small["units"] and person.pk > small["people"]
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def test_movements_follow_the_directives_with_sheets_in_every_state(small):
    from thidua.movements.models import Movement, Review
    from thidua.registrations.models import RegistrationSheet

    yearly = Movement.objects.filter(kind="thuong_xuyen").order_by("year")
    assert [m.year for m in yearly] == [2023, 2024, 2025, 2026]
    assert all(m.document.number == "01/CT-UBND" and m.document.issued_on.year == m.year for m in yearly)
    current = yearly.last()
    states = set(RegistrationSheet.objects.filter(movement=current).values_list("state", flat=True))
    assert states <= {"approved", "submitted", "draft", "returned"} and "approved" in states
    assert current.sheets.count() < Unit.objects.filter(active_until__isnull=True).count()  # some never registered
    year_end = Review.objects.get(movement=yearly.get(year=2025), kind="tong_ket")
    assert year_end.figures["titles"]["LDTT"] > 0 and year_end.figures["registered"]["LDTT"] > 0
    assert Movement.objects.filter(parent=current, organiser__code="HS.SYT").exists()
