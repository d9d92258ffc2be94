"""The "Lộ trình khen thưởng" panels and the unit's list: what a person and a collective
still lack for their next awards, in words, under today's rule set, within the user's scope."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_person, page_with_panels
from thidua.awards.services import award_record
from thidua.catalog import services as catalog_services
from thidua.people import services as people_services


@pytest.fixture(autouse=True)
def catalog(db):
    return catalog_services.catalog_load()


def _title(actor, person, kind, year):
    award_record(actor=actor, kind=kind, year=year, decided_on=dt.date(year + 1, 1, 15), person=person,
                 decision_number=f"{year}/QĐ-{kind}")


@pytest.fixture
def runner(secretariat, officer_a, person_a):
    """Phóng: five good years 2021–2025 after a provincial Bằng khen for 2019–2020, CSTĐCS in 2024 and 2025."""
    for year in range(2021, 2026):
        people_services.evaluation_set(actor=officer_a, person=person_a, year=year,
                                       rating="HTXSNV" if year >= 2024 else "HTTNV")
        _title(secretariat, person_a, "LDTT", year)
        if year >= 2024:
            _title(secretariat, person_a, "CSTDCS", year)
    award_record(actor=secretariat, kind="BK_TINH", year=2020, decided_on=dt.date(2021, 3, 1), person=person_a,
                 decision_number="15/QĐ-UBND", period_from=2019, period_to=2020)
    return person_a


def test_the_person_page_shows_what_is_missing_for_the_prime_ministers_certificate(client, officer_a, runner):
    login(client, officer_a)
    body = page_with_panels(client, reverse("people:detail", args=[runner.pk]))

    assert "Lộ trình khen thưởng" in body
    assert "Theo bộ quy tắc «Luật Thi đua, khen thưởng 2022" in body
    start = body.index('data-code="BK_TTG" data-state="reachable"')
    step = body[start:body.index("</li>", start)]
    assert "Bằng khen của Thủ tướng Chính phủ" in step
    assert "Sớm nhất năm 2026" in step
    assert "còn thiếu 1 lần Chiến sĩ thi đua cơ sở" in step
    assert "(BK_TTG)" not in body and "CSTDCS" not in step.split(">", 1)[1]


def test_a_collectives_path_is_shown_on_its_page(client, secretariat, officer_a, tree):
    unit = tree["a1"]
    people_services.evaluation_set(actor=officer_a, unit=unit, year=2024, rating="HTTNV")
    people_services.evaluation_set(actor=officer_a, unit=unit, year=2025, rating="HTXSNV")
    award_record(actor=secretariat, kind="TTLDXS", year=2025, decided_on=dt.date(2026, 1, 15), unit=unit,
                 decision_number="2025/QĐ-TTLDXS")
    body = login(client, officer_a).get(reverse("eligibility:unit_path", args=[unit.pk])).content.decode()

    assert "Lộ trình khen thưởng" in body
    assert 'data-code="TTLDTT"' in body and 'data-code="BK_TINH"' in body
    assert "Tập thể lao động xuất sắc" in body and "Bằng khen cấp bộ, ban, ngành, tỉnh" in body
    certificate = body[body.index('data-code="BK_TINH"'):]
    certificate = certificate[:certificate.index("</li>")]
    assert "Sớm nhất năm 2026" in certificate
    assert "còn thiếu 1 năm xếp loại hoàn thành xuất sắc nhiệm vụ" in certificate
    # The flag needs the bloc's ranking, which the years cannot bring.
    flag = body[body.index('data-code="CO_TINH"'):]
    assert "Chưa thể đạt chỉ nhờ duy trì thành tích" in flag[:flag.index("</li>")]


def test_the_unit_list_names_each_persons_nearest_award_and_the_rule_set(client, officer_a, runner, tree):
    make_person(tree["a"], "Bùi Thị Lan", gender="nu")
    body = login(client, officer_a).get(reverse("eligibility:unit_people_paths", args=[tree["a"].pk])).content
    body = body.decode()

    assert "Theo bộ quy tắc «Luật Thi đua, khen thưởng 2022" in body
    assert "Nguyễn Văn Phóng" in body and "Bùi Thị Lan" in body
    row = body[body.index("Nguyễn Văn Phóng"):]
    row = row[:row.index("</tr>")]
    assert "2026" in row


@pytest.mark.parametrize("name", ["eligibility:person_path"])
def test_a_person_out_of_scope_is_refused(client, officer_b, person_a, name):
    assert login(client, officer_b).get(reverse(name, args=[person_a.pk])).status_code == 404


@pytest.mark.parametrize("name", ["eligibility:unit_path", "eligibility:unit_people_paths"])
def test_a_unit_out_of_scope_is_refused(client, officer_b, tree, name):
    assert login(client, officer_b).get(reverse(name, args=[tree["a"].pk])).status_code == 404


def test_the_list_never_shows_people_out_of_scope(client, secretariat, officer_b, person_a, person_b, tree):
    body = login(client, officer_b).get(reverse("eligibility:unit_people_paths", args=[tree["b"].pk])).content
    assert "Nguyễn Thị Phong" in body.decode() and "Nguyễn Văn Phóng" not in body.decode()
