"""A private company (doanh nghiệp ngoài nhà nước) is counted among the enterprises of biểu
0603.N by its kind alone, as a state enterprise is, even when nobody gave it a sector; its
director is counted among business people."""

import datetime as dt

from django.urls import reverse

from tests.conftest import login, make_person, make_unit
from tests.reports.conftest import award
from thidua.org import services as org_services
from thidua.reports import figures

D = dt.date


def _table(fig) -> dict[str, list[int]]:
    return {row.code: counts for row, counts in fig.lines() if counts is not None}


def test_a_private_company_counts_as_an_enterprise(tree, secretariat):
    company = make_unit(tree["a1"], "T.A.1.DN", "Công ty TNHH May mặc Thành Công", kind="dn_ngoai_nn",
                        level="co_so")
    assert not company.sector  # never given one: the kind decides
    director = make_person(company, "Đinh Văn Khang", position_group="doanh_nhan")
    award("BK_TINH", unit=company, held=company, on=D(2025, 5, 20))
    award("BK_TINH", person=director, held=company, on=D(2025, 5, 20), group="doanh_nhan")
    award("BK_TINH", unit=tree["b"], held=tree["b"], on=D(2025, 5, 20))  # a department: not an enterprise
    table = _table(figures.figures(secretariat, tree["root"], 2025, figures.layout("0603")))
    assert table["02"][0] == 2  # collectives: the company and Sở B
    assert table["03"][0] == 1  # of which enterprises: the company
    assert table["08"][0] == 1  # business people: its director
    cell = figures.award_cell(secretariat, tree["root"], 2025, figures.layout("0603"), "03", 0)
    assert [a.unit.name for a in cell] == ["Công ty TNHH May mặc Thành Công"]


def test_a_new_private_company_takes_the_enterprise_sector(client, secretariat, tree):
    login(client, secretariat)
    body = client.get(reverse("org:create_child", args=[tree["a1"].pk])).content.decode()
    assert "Doanh nghiệp ngoài nhà nước" in body
    company = org_services.unit_create(actor=secretariat, parent=tree["a1"], code="T.A.1.DN", kind="dn_ngoai_nn",
                                       name="Công ty TNHH May mặc Thành Công", level="co_so")
    assert company.sector == "enterprise" and company.get_sector_display() == "Doanh nghiệp"
