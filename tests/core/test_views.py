import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from thidua.core.roles import Role


def test_dashboard_counts_the_scope(client, officer_a, person_a, person_b):
    body = login(client, officer_a).get(reverse("home:dashboard")).content.decode()
    assert 'data-testid="n-units">2<' in body
    assert 'data-testid="n-people">1<' in body
    assert 'data-testid="n-missing">1<' in body


def test_dashboard_needs_login(client):
    response = client.get(reverse("home:dashboard"))
    assert response.status_code == 302


def test_search_ignores_diacritics_and_case(client, secretariat, person_a, person_b):
    login(client, secretariat)
    body = client.get(reverse("home:search"), {"q": "nguyen van phong"}).content.decode()
    assert "Nguyễn Văn Phóng" in body and "Nguyễn Thị Phong" not in body
    body = client.get(reverse("home:search"), {"q": "PHONG"}).content.decode()
    assert "Nguyễn Văn Phóng" in body and "Nguyễn Thị Phong" in body
    body = client.get(reverse("home:search"), {"q": "sở y tế"}).content.decode()
    assert "Sở Y tế" in body


def test_it_refuses_out_of_scope(client, officer_b, person_a):
    body = login(client, officer_b).get(reverse("home:search"), {"q": "phong"}).content.decode()
    assert "Nguyễn Văn Phóng" not in body
    assert "Sở Nội vụ" not in body


def test_login_page_is_vietnamese(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "Đăng nhập" in body and "Mật khẩu" in body


def test_password_change(client, officer_a):
    login(client, officer_a)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "Mat-khau-2026!", "new_password1": "Thi-dua-moi-2027", "new_password2": "Thi-dua-moi-2027"})
    assert response.status_code == 302
    login(client, officer_a, "Thi-dua-moi-2027")


def test_dashboard_shows_what_is_due_and_the_movements_under_way(client, officer_a, secretariat, tree,
                                                                   time_machine):
    import datetime as dt

    from tests.conftest import make_person
    from thidua.movements import services as movement_services

    for key in ("a", "a1", "b"):
        make_person(tree[key], f"Cán bộ {key}")
    movement_services.movement_create(
        actor=secretariat, organiser=tree["root"], name="Phong trào thi đua năm 2026", year=2026,
        starts_on=dt.date(2026, 1, 2), ends_on=dt.date(2026, 12, 31), registration_deadline=dt.date(2026, 3, 31))
    movement_services.movement_create(actor=officer_a, organiser=tree["a"],
                                      name="Đợt thi đua đã qua", year=2025, starts_on=dt.date(2025, 1, 1),
                                      ends_on=dt.date(2025, 6, 30))
    time_machine.move_to(dt.datetime(2026, 3, 27, 9, 0))
    login(client, officer_a)
    body = client.get("/").content.decode()
    assert "2 đơn vị chưa gửi đăng ký thi đua «Phong trào thi đua năm 2026»" in body
    assert "0/2 đơn vị đã được duyệt đăng ký" in body
    assert "Đợt thi đua đã qua" not in body


# The dashboard's own figures (units, people, missing ratings, tree roots, role grants, up to
# five running movements with their progress) and the reminders read from the store: the state
# of the store, newer audit events, the first six open reminders, the bell. The secretariat's
# grant on the only root is known as the whole province by one more query (the roots), which
# spares every figure a match of every unit's path (issue 10, finding 10).
@pytest.mark.parametrize(("who", "queries"), [("secretariat", 29), ("officer_a", 28)])
def test_the_dashboard_reads_reminders_in_a_fixed_number_of_queries(request, client, tree, secretariat, time_machine,
                                                                   django_assert_num_queries, who, queries):
    import datetime as dt

    from tests.conftest import make_person
    from thidua.movements import services as movement_services

    for key in ("a", "a1", "b"):
        make_person(tree[key], f"Cán bộ {key}")
    time_machine.move_to(dt.datetime(2026, 3, 27, 9, 0), tick=False)
    login(client, request.getfixturevalue(who))
    shown = []
    for n in (5, 9):  # the dashboard lists five running movements at most
        for i in range(n - len(shown) * 5):
            movement_services.movement_create(
                actor=secretariat, organiser=tree["root"], name=f"Phong trào số {n}-{i}", year=2026,
                kind="chuyen_de", starts_on=dt.date(2026, 1, 2), ends_on=dt.date(2026, 12, 31),
                registration_deadline=dt.date(2026, 3, 31))
        client.get("/")  # brings the store up to date after the launches
        with django_assert_num_queries(queries):
            body = client.get("/").content.decode()
        shown.append(body.count("đơn vị chưa gửi đăng ký thi đua"))
    assert shown == [5, 6]  # the first six reminders


def _menu(body: str) -> str:
    return body[body.index('<ul class="navbar-nav me-auto">'):body.index('role="search"')]


def test_the_main_menu_leads_to_every_part_and_the_catalog_only_for_an_administrator(client, tree, officer_a):
    menu = _menu(login(client, officer_a).get(reverse("home:dashboard")).content.decode())
    for label, url in [("Tổng quan", "home:dashboard"), ("Phong trào thi đua", "movements:list"),
                       ("Giao ước, chấm điểm", "pledges:list"), ("Hồ sơ đề nghị khen thưởng", "dossiers:list"),
                       ("Lấy ý kiến công khai", "dossiers:public_list"), ("Nhập Excel", "imports:people")]:
        assert f'href="{reverse(url)}">{label}</a>' in menu
    assert "Danh mục khen thưởng" not in menu and menu.count("dropdown-divider") == 1
    admin = make_user("quantri", Role.ADMIN, tree["root"])
    client.logout()
    menu = _menu(login(client, admin).get(reverse("home:dashboard")).content.decode())
    assert f'href="{reverse("catalog:list")}">Danh mục khen thưởng</a>' in menu and menu.count("dropdown-divider") == 2
