"""Reminders a dossier owes, as the people who must act read them in their notifications."""

import datetime as dt

from tests.dossiers.conftest import add, complete, make_dossier
from thidua.dossiers import services
from thidua.notices.models import Notification
from thidua.notices.services import reminders_send


def _titles(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_a_late_draft_reminds_the_officer_who_completes_it_and_the_head_who_sends_it(
        tree, officer_a, head_a, officer_b, secretariat):
    dossier = make_dossier(officer_a, tree["a"], level="tinh", year=2026,
                           title="Đề nghị Bằng khen của Chủ tịch UBND tỉnh")
    assert dossier.due_on == dt.date(2026, 12, 10)  # the province's year-end deadline (workflow data)
    reminders_send(today=dt.date(2026, 12, 11))
    wanted = "Hạn trình hồ sơ «Đề nghị Bằng khen của Chủ tịch UBND tỉnh»"
    assert _titles(officer_a) == [wanted] and _titles(head_a) == [wanted]
    # The province's secretariat covers Sở A too, but the unit's own people are the nearer ones.
    assert _titles(secretariat) == [] and _titles(officer_b) == []


def test_a_returned_dossier_reminds_the_officer_not_the_head(tree, officer_a, head_a, secretariat, eligible_a):
    dossier = make_dossier(officer_a, tree["a"], level="tinh", title="Đề nghị Bằng khen năm 2025")
    add(officer_a, dossier, eligible_a, kind="BK_TINH")
    complete(officer_a, dossier, kinds=("to_trinh", "bien_ban_binh_xet"))
    dossier.refresh_from_db()
    if dossier.items.filter(verdict_eligible=False).exists():
        for item in dossier.items.all():
            services.dossier_item_justify(actor=officer_a, item=item, text="Thành tích đột xuất năm 2025.")
    services.dossier_submit(actor=head_a, dossier=dossier)
    services.dossier_receive(actor=secretariat, dossier=dossier)
    services.dossier_return(actor=secretariat, dossier=dossier, codes=["thieu_van_ban"])
    dossier.refresh_from_db()
    reminders_send(today=dossier.due_on)
    assert _titles(officer_a) == ["Bổ sung, sửa hồ sơ bị trả lại «Đề nghị Bằng khen năm 2025»"]
    assert not Notification.objects.filter(user=head_a, title__startswith="Bổ sung").exists()
