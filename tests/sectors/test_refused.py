"""A kind is refused for a subject of another sector: by the services (registrations,
awards, dossiers), on the pages that offer kinds, and on an imported row. Sở Nội vụ is
state administration; Công an tỉnh is armed forces (tests/sectors/conftest.py)."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from tests.awards.test_import import AWARD_HEADERS, award_row
from tests.awards.test_import import upload as upload_awards
from tests.awards.test_import import xlsx as award_xlsx
from tests.conftest import login, make_user
from tests.imports.test_registrations_import import upload as upload_registrations
from tests.registrations.conftest import BEFORE_DEADLINE, YEAR
from thidua.awards import services as award_services
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError
from thidua.core.roles import Role
from thidua.registrations import services as registrations
from thidua.registrations.models import Registration

CSTT_FOR_STATE = ("«Chiến sĩ tiên tiến» chỉ xét tặng cho Lực lượng vũ trang nhân dân; «Phòng Công chức, viên chức» "
                  "thuộc khu vực Cơ quan nhà nước, Đảng, đoàn thể.")
ARMED_ONLY = ("Chiến sĩ tiên tiến", "Đơn vị quyết thắng", "Đơn vị tiên tiến", "Thôn, tổ dân phố văn hóa")


@pytest.fixture(autouse=True)
def season(time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)


def sheet_url(unit):
    return reverse("registrations:sheet", args=[unit.pk]) + f"?nam={YEAR}&phong-trao="


def test_the_registration_service_refuses_cstt_for_a_civil_servant(sectors, officer_a, person_a):
    with pytest.raises(ApplicationError) as refused:
        registrations.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=["CSTT"])
    assert str(refused.value.message) == f"Nguyễn Văn Phóng: {CSTT_FOR_STATE}"
    assert not Registration.objects.exists()
    registrations.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=["LDTT"])
    assert Registration.objects.get().code == "LDTT"


def test_the_police_register_cstt_and_not_ldtt(sectors, officer_police, secretariat):
    registrations.registration_set(actor=secretariat, person=officer_police, year=YEAR, codes=["CSTT"])
    with pytest.raises(ApplicationError, match="«Lao động tiên tiến» chỉ xét tặng cho Cơ quan nhà nước"):
        registrations.registration_set(actor=secretariat, person=officer_police, year=YEAR, codes=["LDTT"])


def test_so_noi_vus_sheet_offers_no_armed_forces_or_village_title(client, sectors, officer_a, person_a):
    login(client, officer_a)
    body = client.get(sheet_url(sectors["a"])).content.decode()
    assert "Lao động tiên tiến" in body and "Tập thể lao động xuất sắc" in body
    for name in ARMED_ONLY:
        assert name not in body, name


def test_the_police_sheet_offers_the_armed_forces_titles(client, sectors, secretariat, officer_police):
    login(client, secretariat)
    body = client.get(sheet_url(sectors["police"])).content.decode()
    assert "Chiến sĩ tiên tiến" in body and "Đơn vị quyết thắng" in body
    assert "Tập thể lao động xuất sắc" not in body


def test_a_crafted_sheet_post_is_refused_with_the_reason(client, sectors, officer_a, person_a):
    login(client, officer_a)
    grid = {"p": {str(person_a.pk): ["CSTT"]}}
    response = client.post(sheet_url(sectors["a1"]), {"action": "save", "grid": json.dumps(grid)})
    assert response.status_code == 200
    assert CSTT_FOR_STATE in response.content.decode()
    assert not Registration.objects.exists()


def test_the_sheet_refuses_a_user_out_of_scope(client, sectors, officer_b):
    login(client, officer_b)
    assert client.get(sheet_url(sectors["a1"])).status_code == 404


def test_an_imported_registration_row_names_the_kind_and_the_sector(client, sectors, officer_a, person_a):
    login(client, officer_a)
    batch = upload_registrations(client, [["T.A.1", YEAR, person_a.pk, None, "CSTT"],
                                          ["T.A.1", YEAR, None, None, "Đơn vị quyết thắng"]])
    messages = {e["row"]: e["message"] for e in batch.errors}
    assert CSTT_FOR_STATE in messages[2]
    assert "«Đơn vị quyết thắng» chỉ xét tặng cho Lực lượng vũ trang nhân dân" in messages[3]


def test_the_ledger_refuses_cstt_for_a_civil_servant(sectors, secretariat, person_a):
    with pytest.raises(ApplicationError) as refused:
        award_services.award_record(actor=secretariat, kind="CSTT", year=2025, decided_on=dt.date(2026, 1, 20),
                                    person=person_a, decision_number="05/QĐ-SNV", issuer="Giám đốc Sở Nội vụ")
    assert CSTT_FOR_STATE in str(refused.value.message) and refused.value.extra == {"field": "kind"}
    assert not Award.objects.exists()


def test_the_award_form_offers_no_armed_forces_title_to_a_civil_servant(client, sectors, officer_a, person_a):
    login(client, officer_a)
    body = client.get(reverse("awards:create_person", args=[person_a.pk])).content.decode()
    assert "Lao động tiên tiến" in body and "Chiến sĩ tiên tiến" not in body


def test_an_imported_award_row_names_the_kind_and_the_sector(client, sectors, officer_a, person_a):
    login(client, officer_a)
    batch = upload_awards(client, "imports:awards", award_xlsx(AWARD_HEADERS, [
        award_row(name="Nguyễn Văn Phóng", cccd="001085012345", kind="CSTT")]))
    assert [e["column"] for e in batch.errors] == ["Danh hiệu, hình thức"]
    assert CSTT_FOR_STATE.split("; ")[0] in batch.errors[0]["message"]


def test_the_award_form_refuses_a_user_out_of_scope(client, sectors, person_a):
    outsider = make_user("canbo_ca", Role.UNIT_OFFICER, sectors["police"])
    login(client, outsider)
    assert client.get(reverse("awards:create_person", args=[person_a.pk])).status_code in (403, 404)
