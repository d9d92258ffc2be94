"""A dossier's handoffs (docs/notices.md): the officer asks → the unit's head, who alone
signs and submits; submitted → the receiving desk; returned → the
proposing unit's officers, with the reason; resubmitted → the desk; a citizen's opinion →
the desk; a decision recorded from outside → the units that proposed."""

import datetime as dt

from django.urls import reverse

from tests.conftest import login, make_user
from tests.dossiers.conftest import make_dossier, province_papers
from tests.notices.handoff_checks import (
    assert_closed,
    assert_on_todo_page,
    assert_told,
    give_email,
    handoff_notices,
)
from thidua.core.roles import Role
from thidua.decisions import services as decisions
from thidua.dossiers import services
from thidua.notices import services as notices_services
from thidua.notices.models import Notification

TITLE = "Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2025"
REASON = "Thiếu biên bản họp Hội đồng cơ sở"
RELAYED = "Tờ trình đề nghị Thủ tướng Chính phủ tặng Bằng khen năm 2025"


def test_the_officer_asks_the_head_to_sign_and_submit(draft, head_a, officer_a, officer_b, secretariat, head_root,
                                                       tree, client, mailoutbox, django_capture_on_commit_callbacks):
    """The officer made the dossier but may not submit it: pressing "Đề nghị thủ trưởng ký,
    trình" tells Sở Nội vụ's head (not the province's, nor another Sở's) with the officer's
    note; the head's submission closes it."""
    head_b = make_user("thutruong_b", Role.UNIT_HEAD, tree["b"], "Vũ Văn Bốn")
    give_email(head_a, officer_a, officer_b, secretariat, head_root, head_b)
    login(client, officer_a)
    page = client.get(reverse("dossiers:detail", args=[draft.pk])).content.decode()
    assert 'data-testid="ask-head-form"' in page and "Đề nghị thủ trưởng ký, trình" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dossiers:ask_head", args=[draft.pk]), {"ghi-chu": "Kính trình anh ký"},
                               follow=True)
    assert "Đã báo thủ trưởng đơn vị ký tờ trình và trình hồ sơ." in response.content.decode()
    client.logout()
    words = (f"Hồ sơ «{TITLE}» của Sở Nội vụ đã lập xong, chờ thủ trưởng ký tờ trình và trình. "
             "Ghi chú: Kính trình anh ký")
    url = reverse("dossiers:detail", args=[draft.pk])
    assert_told([head_a], [officer_a, officer_b, secretariat, head_root, head_b], words, url, mailoutbox)
    assert_on_todo_page(client, head_a, words)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(actor=head_a, dossier=draft, reason="Kính trình")
    assert_closed([head_a], words)


def test_a_returned_dossier_corrected_asks_the_head_to_send_it_again(received, head_a, officer_a, secretariat,
                                                                     mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_return(actor=secretariat, dossier=received, reason=REASON)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_ask_head(actor=officer_a, dossier=received)
    words = f"Hồ sơ «{TITLE}» của Sở Nội vụ đã sửa xong, chờ thủ trưởng trình lại"
    assert [n.title for n in handoff_notices(head_a).filter(closed_at__isnull=True)] == [words]
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_resubmit(actor=head_a, dossier=received, reason="Đã bổ sung")
    assert_closed([head_a], words)


def test_asking_the_head_is_the_officer_s_and_only_for_a_dossier_ready_to_sign(
        draft, head_a, officer_a, officer_b, tree, client, django_capture_on_commit_callbacks):
    url = reverse("dossiers:ask_head", args=[draft.pk])
    login(client, officer_b)  # another Sở's officer does not see the dossier
    assert client.post(url).status_code == 404
    login(client, head_a)  # the head signs; the officer asks
    assert client.post(url).status_code == 403
    login(client, officer_a)
    empty = make_dossier(officer_a, tree["a"], title="Hồ sơ chưa có trường hợp")
    with django_capture_on_commit_callbacks(execute=True):
        body = client.post(reverse("dossiers:ask_head", args=[empty.pk]), follow=True).content.decode()
    assert str(services.EMPTY_DOSSIER) in body
    services.dossier_submit(actor=head_a, dossier=draft)
    assert client.post(url).status_code == 403  # already sent: nothing waits for the head
    assert not Notification.objects.filter(key__startswith="handoff:", user=head_a).exists()


def test_submitted_reaches_the_receiving_desk(draft, head_a, officer_a, officer_b, secretariat, tree, client,
                                              mailoutbox, django_capture_on_commit_callbacks):
    desk_b = make_user("thuky_b", Role.SECRETARIAT, tree["b"], "Lưu Văn Bàn")
    give_email(head_a, officer_a, officer_b, secretariat, desk_b)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(actor=head_a, dossier=draft, reason="Kính trình")
    words = f"Hồ sơ «{TITLE}» của Sở Nội vụ đã trình, chờ tiếp nhận"
    url = reverse("dossiers:detail", args=[draft.pk])
    assert_told([secretariat], [head_a, officer_a, officer_b, desk_b], words, url, mailoutbox)
    assert_on_todo_page(client, secretariat, words)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_receive(actor=secretariat, dossier=draft)
    assert_closed([secretariat], words)


def test_returned_reaches_the_officer_with_the_reason(received, head_a, officer_a, officer_b, secretariat, client,
                                                      mailoutbox, django_capture_on_commit_callbacks):
    give_email(head_a, officer_a, officer_b, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_return(actor=secretariat, dossier=received, reason=REASON)
    words = f"Hồ sơ «{TITLE}» của Sở Nội vụ bị trả lại. Lý do: {REASON}. Cần bổ sung, sửa và trình lại"
    assert_told([officer_a], [officer_b, secretariat], words, reverse("dossiers:detail", args=[received.pk]),
                mailoutbox)
    assert_on_todo_page(client, officer_a, words)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_resubmit(actor=head_a, dossier=received, reason="Đã bổ sung")
    assert_closed([officer_a], words)


def test_resubmitted_reaches_the_desk_that_returned_it(received, head_a, officer_a, secretariat, client, mailoutbox,
                                                       django_capture_on_commit_callbacks):
    give_email(head_a, officer_a, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_return(actor=secretariat, dossier=received, reason=REASON)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_resubmit(actor=head_a, dossier=received, reason="Đã bổ sung biên bản")
    words = f"Hồ sơ «{TITLE}» của Sở Nội vụ đã bổ sung, trình lại, chờ thẩm định"
    # The officer was told of the return (closed now); the head who resubmitted is told nothing.
    assert_told([secretariat], [head_a], words, reverse("dossiers:detail", args=[received.pk]), mailoutbox)
    assert_on_todo_page(client, secretariat, words)


def test_an_opinion_sent_from_the_public_page_reaches_the_desk(central, head_a, officer_a, secretariat, tree, client,
                                                                 mailoutbox, django_capture_on_commit_callbacks):
    """A citizen's opinion waits for moderation: the province's desk (the dossier's own) is
    told, linked to the opinions page; publishing it closes the notice."""
    desk_b = make_user("thuky_b", Role.SECRETARIAT, tree["b"], "Lưu Văn Bàn")
    give_email(head_a, officer_a, secretariat, desk_b)
    services.dossier_open_consultation(actor=secretariat, dossier=central)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dossiers:public_detail", args=[central.pk]), {
            "name": "Lê Thị Dân", "contact": "0912 345 678", "text": "Tôi xác nhận thành tích của ông Phóng.",
            "item": ""}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    words = "Ý kiến của Nhân dân về hồ sơ «Đề nghị Bằng khen của Thủ tướng» của Sở Nội vụ chờ kiểm duyệt"
    url = reverse("dossiers:opinions", args=[central.pk])
    assert_told([secretariat], [head_a, officer_a, desk_b], words, url, mailoutbox)
    assert_on_todo_page(client, secretariat, words)
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_moderate(actor=secretariat, opinion=central.opinions.get(), publish=True)
    assert_closed([secretariat], words)


def test_a_decision_recorded_from_outside_tells_the_units_that_proposed(
        voted_central, head_a, officer_a, officer_b, secretariat, tree, client, mailoutbox,
        django_capture_on_commit_callbacks):
    """The Prime Minister's decision on the dossier the province relayed is recorded by the
    province's desk: the officers of the province (the relaying dossier's unit) and of Sở
    Nội vụ (whose dossier it relayed) are told, each linked to its own dossier; nobody else."""
    officer_root = make_user("canbo_tinh", Role.UNIT_OFFICER, tree["root"], "Ngô Văn Tỉnh")
    give_email(head_a, officer_a, officer_b, secretariat, officer_root)
    upper = services.dossier_forward(actor=secretariat, dossiers=[voted_central], title=RELAYED,
                                     number="45/TTr-UBND", papers=province_papers())
    decision = decisions.decision_draft(actor=secretariat, unit=tree["root"], authority_name="Thủ tướng Chính phủ",
                                        symbol="QĐ-TTg", summary="Về việc tặng Bằng khen của Thủ tướng Chính phủ")
    decisions.decision_add_dossier(actor=secretariat, decision=decision, dossier=upper)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.decision_record_issued(actor=secretariat, decision=decision, number=1234,
                                         issued_on=dt.date(2026, 3, 20), signer_name="Nguyễn Văn Thủ",
                                         signer_title="KT. THỦ TƯỚNG — PHÓ THỦ TƯỚNG", today=dt.date(2026, 3, 20))
    issued = ("Đã ban hành Quyết định số 1234/QĐ-TTg ngày 20/03/2026 về việc tặng Bằng khen của Thủ tướng Chính phủ, "
              "có khen thưởng theo hồ sơ «%s»")
    assert_told([officer_root], [head_a, officer_b, secretariat], issued % RELAYED,
                reverse("dossiers:detail", args=[upper.pk]), [m for m in mailoutbox if m.to != [officer_a.email]])
    assert_told([officer_a], [], issued % voted_central.title, reverse("dossiers:detail", args=[voted_central.pk]),
                mailoutbox)
    assert_on_todo_page(client, officer_a, issued % voted_central.title)
    # A notice that only informs closes once read.
    notices_services.notification_read(actor=officer_a)
    assert_closed([officer_a], issued % voted_central.title)
