"""A dossier's handoffs (docs/notices.md): submitted → the receiving desk; returned → the
proposing unit's officers, with the reason."""

from django.urls import reverse

from tests.conftest import make_user
from tests.notices.handoff_checks import assert_closed, assert_on_todo_page, assert_told, give_email
from thidua.core.roles import Role
from thidua.dossiers import services

TITLE = "Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2025"
REASON = "Thiếu biên bản họp Hội đồng cơ sở"


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
