"""The award ledger page (Sổ khen thưởng): its filters, its Excel export, its scope."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login, make_person
from thidua.awards.models import Award

URL = reverse("awards:ledger")


def _award(person, unit, kind, year, number, **fields):
    return Award.objects.create(subject_kind="individual", person=person, held_unit=unit, kind=kind,
                                is_title=kind in ("LDTT", "CSTDCS"), year=year, decided_on=dt.date(year, 12, 20),
                                decision_number=number, **fields)


@pytest.fixture
def ledger(tree, person_a, person_b, catalog):
    hanh = make_person(tree["a"], "=HYPERLINK(\"http://x\")")
    return [_award(person_a, tree["a1"], "LDTT", 2024, "10/QĐ-SNV"), _award(person_a, tree["a1"], "CSTDCS", 2025,
                                                                            "12/QĐ-SNV"),
            _award(person_b, tree["b"], "LDTT", 2025, "7/QĐ-SYT"), _award(hanh, tree["a"], "GK", 2025, "12/QĐ-SNV")]


def _rows(body: str) -> int:
    table = body[body.index('data-testid="ledger"'):body.index("</table>")]
    return table.count("<tr") - 1 - ("Không có khen thưởng nào." in table)


def test_the_ledger_filters_by_year_kind_unit_decision_and_person(client, secretariat, tree, ledger, person_a):
    login(client, secretariat)
    assert _rows(client.get(URL).content.decode()) == 4
    assert _rows(client.get(URL, {"nam": 2025}).content.decode()) == 3
    assert _rows(client.get(URL, {"danh-hieu": "LDTT"}).content.decode()) == 2
    assert _rows(client.get(URL, {"don-vi": tree["a"].pk}).content.decode()) == 3  # with its office
    assert _rows(client.get(URL, {"quyet-dinh": "12/qđ-snv"}).content.decode()) == 2
    assert _rows(client.get(URL, {"ca-nhan": "nguyen van phong"}).content.decode()) == 2
    assert _rows(client.get(URL, {"ca-nhan": str(person_a.pk), "nam": 2025}).content.decode()) == 1
    body = client.get(URL, {"nam": 2025, "danh-hieu": "CSTDCS"}).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in body and "Nguyễn Văn Phóng" in body and "12/QĐ-SNV" in body


def test_the_ledger_export_shows_the_filtered_lines_and_writes_user_text_as_text(client, secretariat, tree, ledger):
    response = login(client, secretariat).get(reverse("awards:ledger_export"), {"nam": 2025})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    assert len(rows) == 3 and {r[6] for r in rows} == {"12/QĐ-SNV", "7/QĐ-SYT"}
    cell = next(c for c in ws["D"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"


def test_an_officer_sees_only_the_ledger_of_their_units(client, officer_b, tree, ledger):
    login(client, officer_b)
    body = client.get(URL).content.decode()
    assert _rows(body) == 1 and "Nguyễn Thị Phong" in body and "Nguyễn Văn Phóng" not in body
    export = client.get(reverse("awards:ledger_export"))
    assert len([r for r in load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=3, values_only=True)
                if r[0]]) == 1
    assert client.get(URL, {"don-vi": tree["a"].pk}).status_code == 404


def test_the_main_menu_leads_to_the_ledger(client, officer_a):
    body = login(client, officer_a).get(reverse("home:dashboard")).content.decode()
    assert f'href="{URL}">Sổ khen thưởng</a>' in body
