"""An award's "Lịch sử thay đổi" reads in Vietnamese: each field under its label, each value
as the site writes it (issue 13), never the raw snapshot."""

import datetime as dt

from django.urls import reverse

from tests.conftest import login
from thidua.awards import audit_actions as A
from thidua.awards.models import Award
from thidua.core import audit


def test_an_award_history_shows_labels_and_formatted_values(client, secretariat, person_a, tree, decision):
    award = Award.objects.create(person=person_a, subject_kind="individual", held_unit=tree["a"], kind="LDTT",
                                 is_title=True, year=2026, decided_on=dt.date(2026, 7, 2),
                                 decision_number="123/QĐ-UBND", document=decision)
    audit.record(actor=secretariat, action=A.AWARD_RECORD, target=award, unit_path=tree["a"].path, before={
        "money": None, "revoked_on": None, "revoked": False, "subject_kind": "collective", "person": None,
        "revoked_at": None, "layout_version": 2, "created_by": None, "decided_on": "2026-07-02", "kind": "GK",
    }, after={
        "money": 3800000, "revoked_on": "2027-06-30", "revoked": True, "subject_kind": "individual",
        "person": person_a.pk, "revoked_at": "2027-06-30T09:15:00+00:00", "layout_version": 3,
        "created_by": "Nguyễn Thị Lan", "decided_on": "2026-07-02", "kind": "BK_TINH",
    })
    body = login(client, secretariat).get(reverse("awards:detail", args=[award.pk])).content.decode()
    assert "<code>LDTT</code>" not in body  # the award's page names the kind, not its code
    panel = body[body.index("Lịch sử thay đổi"):]
    assert "Tiền thưởng: <span" in panel and "3.800.000 đ" in panel
    assert "Ngày quyết định hủy bỏ, thu hồi:" in panel and "30/06/2027" in panel
    assert "Đã hủy bỏ, thu hồi:" in panel and "Không</span> → <span class=\"change-new\">Có" in panel
    assert "Đối tượng:" in panel and "Tập thể</span> → <span class=\"change-new\">Cá nhân" in panel
    assert "Cá nhân:" in panel and person_a.full_name in panel
    assert "Người ghi:" in panel and "Nguyễn Thị Lan" in panel
    assert "16:15 30/06/2027" in panel  # the time of day in the site's time zone
    assert "Giấy khen</span> → <span class=\"change-new\">Bằng khen" in panel  # kinds by name (catalog)
    for raw in ("BK_TINH", ">GK<", "3800000", "2027-06-30", "individual", "collective", "True", "False", "None",
                "Layout", "layout_version", f">{person_a.pk}<", "Ngày quyết định:"):
        assert raw not in panel, raw


def test_keys_a_service_records_read_by_the_field_of_that_name(client, secretariat, tree):
    from thidua.org import audit_actions as OA
    from thidua.org.models import Bloc

    bloc = Bloc.objects.create(code="K9", name="Khối các sở", organiser=tree["root"])
    audit.record(actor=secretariat, action=OA.BLOC_MEMBER_SET, target=bloc, unit_path=tree["root"].path,
                 after={"unit": "Sở A", "year": 2027, "role": "deputy", "from_year": 2026, "opinion": 41,
                        "signed_at": "2027-01-02T08:00:00+07:00", "created_by": None})
    body = login(client, secretariat).get(reverse("org:bloc_detail", args=[bloc.pk])).content.decode()
    panel = body[body.index("Lịch sử thay đổi"):]
    assert "Vai trò:" in panel and "Khối phó" in panel and "Năm:" in panel and "Sao chép từ năm:" in panel
    assert "Thời điểm ký:" in panel and "08:00 02/01/2027" in panel
    for raw in ("deputy", "Role", "Year", "From_year", "Opinion", ">41<", "Signed_at", "2027-01-02", "Created"):
        assert raw not in panel, raw
