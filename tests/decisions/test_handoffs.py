"""A decision's handoffs (docs/notices.md): a draft from a dossier waits for the head's
signature; its issue tells the officers of each unit whose dossier proposed one
of its lines are told, with a link to their own dossier; nobody else."""

import datetime as dt

from django.urls import reverse

from tests.decisions.conftest import TODAY, sign
from tests.decisions.test_dossier_link import voted  # noqa: F401 — the voted dossier fixture
from tests.notices.handoff_checks import assert_closed, assert_told, give_email
from thidua.decisions import services


def test_an_issued_decision_tells_the_proposing_unit(secretariat, chairman, officer_a, officer_b, tree, voted,  # noqa: F811
                                                     mailoutbox, django_capture_on_commit_callbacks):
    give_email(officer_a, officer_b, secretariat, chairman)
    decision = services.decision_draft(actor=secretariat, authority=tree["root"],
                                       summary="Về việc tặng Bằng khen năm 2025", today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_add_dossier(actor=secretariat, decision=decision, dossier=voted, today=TODAY)
    # The draft waits for the authority's head to sign.
    to_sign = f"Dự thảo quyết định khen thưởng cho hồ sơ «{voted.title}» của Sở Nội vụ chờ ký"
    assert_told([chairman], [officer_a, officer_b], to_sign, reverse("dossiers:detail", args=[voted.pk]), mailoutbox)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        issued = sign(chairman, decision, issued_on=dt.date(2026, 7, 2))
    words = (f"Đã ban hành Quyết định số {issued.number_text} ngày 02/07/2026 về việc tặng Bằng khen năm 2025, "
             f"có khen thưởng theo hồ sơ «{voted.title}»")
    assert_told([officer_a], [officer_b, secretariat], words, reverse("dossiers:detail", args=[voted.pk]),
                mailoutbox)
    assert_closed([chairman], to_sign)  # signed: nothing waits for the head any more
