import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.pledges.conftest import FULL, VN, attach, entries, review, self_score, sheet_of
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.pledges import services
from thidua.pledges.models import Evidence, Score, ScoreSheet


def score(rnd, unit, code) -> Score:
    return Score.objects.get(sheet__round=rnd, sheet__unit=unit, criterion__code=code)


def last_event(action):
    return AuditEvent.objects.filter(action=action).order_by("-id").first()


def test_opening_a_round_gives_every_member_a_blank_sheet(rnd, units):
    assert set(ScoreSheet.objects.filter(round=rnd).values_list("unit__code", flat=True)) == {"T.A", "T.B", "T.C"}
    assert Score.objects.filter(sheet__round=rnd).count() == 3 * 6
    assert not Score.objects.filter(sheet__round=rnd, self_points__isnull=False).exists()


def test_self_scoring_saves_points_and_notes_and_bumps_versions(rnd, units, officer_b):
    sheet = sheet_of(rnd, units["b"])
    services.score_self_set(actor=officer_b, sheet=sheet, entries=entries(
        sheet, {"1.1": "28.5", "1.2": 27}, {"1.1": "Đạt 19/20 chỉ tiêu"}))
    s = score(rnd, units["b"], "1.1")
    assert (s.self_points, s.self_note, s.version, s.updated_by) == (Decimal("28.50"), "Đạt 19/20 chỉ tiêu", 1,
                                                                     officer_b)
    event = last_event("score.self_set")
    assert event.target_id == sheet.pk and event.unit_path == units["b"].path
    assert event.before == {"1.1": None, "1.2": None, "1.1 — giải trình": ""}
    assert event.after == {"1.1": "28,5", "1.2": "27", "1.1 — giải trình": "Đạt 19/20 chỉ tiêu"}
    # saving the same values again writes nothing
    services.score_self_set(actor=officer_b, sheet=sheet, entries=entries(sheet, {"1.1": "28.50"},
                                                                           {"1.1": "Đạt 19/20 chỉ tiêu"}))
    assert score(rnd, units["b"], "1.1").version == 1
    assert AuditEvent.objects.filter(action="score.self_set").count() == 1


@pytest.mark.parametrize(("code", "value", "message"), [
    ("1.1", "31", "Tiêu chí 1.1 «Hoàn thành các chỉ tiêu kế hoạch năm được giao»: điểm phải từ 0 đến 30."),
    ("1.2", "-1", "Tiêu chí 1.2 «Cải cách hành chính, chuyển đổi số»: điểm phải từ 0 đến 30."),
    ("4.1", "11", "Tiêu chí 4.1 «Chậm nộp báo cáo theo quy định (mỗi lần trừ 1 điểm)»: điểm trừ ghi số dương, "
                  "từ 0 đến 10."),
    ("2.1", "1.234", "Tiêu chí 2.1: điểm lấy tối đa 2 chữ số thập phân."),
])
def test_points_outside_the_criterion_are_refused_naming_it(rnd, units, officer_b, code, value, message):
    sheet = sheet_of(rnd, units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.score_self_set(actor=officer_b, sheet=sheet, entries=entries(sheet, {"2.2": 10, code: value}))
    assert exc.value.message == message
    assert not Score.objects.filter(sheet=sheet, self_points__isnull=False).exists()  # nothing half-saved


def test_parse_points_accepts_a_comma():
    assert services.parse_points("8,5", "1.1") == Decimal("8.5")
    assert services.parse_points(" ", "1.1") is None
    with pytest.raises(ApplicationError) as exc:
        services.parse_points("tám", "1.1")
    assert exc.value.message == services.POINTS_NOT_A_NUMBER % {"code": "1.1", "value": "tám"}


def test_only_the_units_own_officers_self_score(rnd, units, officer_a, officer_c, officer_d):
    sheet = sheet_of(rnd, units["b"])
    for user in (officer_a, officer_c, officer_d):  # the leader included: it reviews, it does not self-score
        with pytest.raises(PermissionDenied):
            services.score_self_set(actor=user, sheet=sheet, entries=entries(sheet, {"1.1": 1}))


def test_sending_needs_every_criterion_and_the_required_evidence(rnd, units, officer_b):
    sheet = sheet_of(rnd, units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.score_self_set(actor=officer_b, sheet=sheet, entries=entries(sheet, {"1.1": 28, "1.2": 20}),
                                submit=True)
    assert exc.value.message == services.SHEET_INCOMPLETE % {"codes": "2.1, 2.2"}
    assert ScoreSheet.objects.get(pk=sheet.pk).submitted_at is None
    assert not Score.objects.filter(sheet=sheet, self_points__isnull=False).exists()  # the save rolled back too
    with pytest.raises(ApplicationError) as exc:
        services.score_self_set(actor=officer_b, sheet=sheet, entries=entries(sheet, FULL), submit=True)
    assert exc.value.message == services.EVIDENCE_MISSING % {"codes": "1.1"}
    attach(officer_b, sheet)
    services.score_self_set(actor=officer_b, sheet=sheet, entries=entries(sheet, {"1.1": 28, "1.2": 27, "2.1": 18,
                                                                                  "2.2": 16}), submit=True)
    sheet.refresh_from_db()
    assert sheet.submitted_at is not None and sheet.submitted_by == officer_b
    assert score(rnd, units["b"], "3.1").self_points == 0  # bonus and deduction left blank count as 0
    assert last_event("score.submit").after["tổng điểm tự chấm"] == "89"


def test_a_sent_sheet_is_frozen_until_withdrawn(rnd, units, officer_b, officer_a):
    self_score(officer_b, rnd, units["b"])
    sheet = sheet_of(rnd, units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.score_self_set(actor=officer_b, sheet=sheet, entries=entries(sheet, {"1.1": 29}))
    assert exc.value.message.startswith("Bảng tự chấm điểm đã gửi lúc ")
    services.score_sheet_withdraw(actor=officer_b, sheet=sheet, reason="Bổ sung minh chứng")
    assert ScoreSheet.objects.get(pk=sheet.pk).submitted_at is None
    assert last_event("score.withdraw").reason == "Bổ sung minh chứng"
    self_score(officer_b, rnd, units["b"], evidence=False)
    review(officer_a, rnd, units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.score_sheet_withdraw(actor=officer_b, sheet=sheet)
    assert exc.value.message == services.CANNOT_WITHDRAW_REVIEWED


def test_the_leader_reviews_with_a_comment_where_it_cuts(rnd, units, officer_a, officer_b):
    self_score(officer_b, rnd, units["b"])
    sheet = sheet_of(rnd, units["b"])
    points = {**FULL, "1.2": 25}
    with pytest.raises(ApplicationError) as exc:
        services.score_review_set(actor=officer_a, sheet=sheet, entries=entries(sheet, points))
    assert exc.value.message == services.REVIEW_NEEDS_COMMENT % {"code": "1.2"}
    review(officer_a, rnd, units["b"], {"1.2": 25}, comment="Chỉ số PAR INDEX giảm 3 bậc")
    s = score(rnd, units["b"], "1.2")
    assert (s.self_points, s.accepted_points, s.review_comment, s.reviewed_by) == (
        Decimal(27), Decimal(25), "Chỉ số PAR INDEX giảm 3 bậc", officer_a)
    assert score(rnd, units["b"], "1.1").accepted_points == Decimal(28)
    event = last_event("score.review_set")
    assert event.before["1.2"] is None and event.after["1.2"] == "25"
    assert event.after["1.2 — nhận xét"] == "Chỉ số PAR INDEX giảm 3 bậc"


def test_no_unit_reviews_itself_the_deputy_reviews_the_leader(rnd, units, officer_a, officer_b, officer_c):
    self_score(officer_a, rnd, units["a"])
    sheet = sheet_of(rnd, units["a"])
    with pytest.raises(ApplicationError) as exc:
        services.score_review_set(actor=officer_a, sheet=sheet, entries=entries(sheet, FULL))
    assert exc.value.message == services.SELF_REVIEW
    with pytest.raises(PermissionDenied):
        services.score_review_set(actor=officer_c, sheet=sheet, entries=entries(sheet, FULL))
    review(officer_b, rnd, units["a"])
    assert score(rnd, units["a"], "1.1").reviewed_by == officer_b


def test_a_plain_member_does_not_review_and_nobody_reviews_an_unsent_sheet(rnd, units, officer_a, officer_c,
                                                                            officer_b):
    sheet = sheet_of(rnd, units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.score_review_set(actor=officer_a, sheet=sheet, entries=entries(sheet, {"1.1": 1}))
    assert exc.value.message == services.SHEET_NOT_SUBMITTED
    self_score(officer_b, rnd, units["b"])
    with pytest.raises(PermissionDenied):
        services.score_review_set(actor=officer_c, sheet=sheet, entries=entries(sheet, FULL))


def test_deadlines_lock_self_scoring_then_review(rnd, units, officer_a, officer_b, officer_c, time_machine):
    self_score(officer_b, rnd, units["b"])
    time_machine.move_to(dt.datetime(2025, 12, 10, 23, 59, tzinfo=VN), tick=False)  # the last minute still counts
    self_score(officer_c, rnd, units["c"], submit=False)
    time_machine.move_to(dt.datetime(2025, 12, 11, 0, 1, tzinfo=VN), tick=False)
    sheet_c = sheet_of(rnd, units["c"])
    with pytest.raises(ApplicationError) as exc:
        services.score_self_set(actor=officer_c, sheet=sheet_c, entries=entries(sheet_c, FULL), submit=True)
    assert exc.value.message == services.SELF_DEADLINE_PASSED % {"date": "10/12/2025"}
    with pytest.raises(ApplicationError):
        attach(officer_c, sheet_c, "1.2")
    review(officer_a, rnd, units["b"])  # reviewing goes on until 20/12
    time_machine.move_to(dt.datetime(2025, 12, 21, 8, 0, tzinfo=VN), tick=False)
    sheet_b = sheet_of(rnd, units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.score_review_set(actor=officer_a, sheet=sheet_b, entries=entries(sheet_b, {**FULL, "1.1": 20},
                                                                                   {"1.1": "Muộn"}))
    assert exc.value.message == services.REVIEW_DEADLINE_PASSED % {"date": "20/12/2025"}
    assert score(rnd, units["b"], "1.1").accepted_points == Decimal(28)


def test_a_stale_version_is_refused_and_nothing_is_overwritten(rnd, units, officer_b, head_a, officer_a):
    from tests.conftest import make_user
    from thidua.core.roles import Role

    head_b = make_user("thutruong_b", Role.UNIT_HEAD, units["b"], "Ngô Thị Hạnh")
    sheet = sheet_of(rnd, units["b"])
    loaded_by_officer = entries(sheet, {"1.2": 27})
    loaded_by_head = entries(sheet, {"1.2": 29})  # both loaded version 0
    services.score_self_set(actor=officer_b, sheet=sheet, entries=loaded_by_officer)
    with pytest.raises(ApplicationError) as exc:
        services.score_self_set(actor=head_b, sheet=sheet, entries=loaded_by_head)
    assert exc.value.message.startswith("Điểm tiêu chí 1.2 vừa được Phạm Thị Bình sửa (lúc ")
    assert exc.value.message.endswith("); hãy tải lại trang để xem giá trị mới.")
    s = score(rnd, units["b"], "1.2")
    assert (s.self_points, s.version, s.updated_by) == (Decimal(27), 1, officer_b)
    assert AuditEvent.objects.filter(action="score.self_set").count() == 1


def test_evidence_type_size_and_removal(rnd, units, officer_b, django_capture_on_commit_callbacks):
    sheet = sheet_of(rnd, units["b"])
    s = score(rnd, units["b"], "1.1")
    with pytest.raises(ApplicationError) as exc:
        services.evidence_add(actor=officer_b, score=s, file=SimpleUploadedFile("virus.exe", b"MZ"))
    assert exc.value.message.startswith("«Tệp minh chứng»: không nhận tệp «virus.exe»; chỉ nhận .pdf, .doc, .docx")
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ApplicationError) as exc:
        services.evidence_add(actor=officer_b, score=s, file=big)
    assert exc.value.message == ("«Tệp minh chứng»: tệp «scan.pdf» nặng 20.971.528 byte, vượt giới hạn 20 MB "
                                 "mỗi tệp.")
    evidence = attach(officer_b, sheet, name="Báo cáo tổng kết 2025.pdf")
    assert evidence.name == "Báo cáo tổng kết 2025.pdf" and evidence.size == len(b"%PDF-1.4 minh chung")
    assert evidence.file.name.startswith("pledges/2025/") and evidence.file.storage.exists(evidence.file.name)
    assert last_event("evidence.add").after == {"1.1 — minh chứng": "Báo cáo tổng kết 2025.pdf"}
    stored = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_remove(actor=officer_b, evidence=evidence)
    assert not Evidence.objects.exists() and not evidence.file.storage.exists(stored)
    assert last_event("evidence.remove").before == {"1.1 — minh chứng": "Báo cáo tổng kết 2025.pdf"}


def test_evidence_only_by_the_units_own_officers(rnd, units, officer_a, officer_c):
    s = score(rnd, units["b"], "1.1")
    for user in (officer_a, officer_c):
        with pytest.raises(PermissionDenied):
            services.evidence_add(actor=user, score=s, file=SimpleUploadedFile("a.pdf", b"%PDF"))
    assert not Evidence.objects.exists()
