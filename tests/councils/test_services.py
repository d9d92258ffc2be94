import pytest

from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.councils import services
from thidua.councils.models import AgendaItem, Ballot, Outcome, Recusal, VoteCast
from thidua.dossiers.models import DossierItem, ItemState


def present(meeting, secretariat, *keys):
    members = meeting.council.test_members
    services.attendance_set(actor=secretariat, meeting=meeting, present={members[k].pk for k in keys})


def test_a_meeting_needs_eighty_percent_of_the_members(meeting, secretariat):
    present(meeting, secretariat, "chutich", "gd_snv", "gd_syt")
    with pytest.raises(ApplicationError, match=r"có mặt 3/5, cần ít nhất 4"):
        services.meeting_open(actor=secretariat, meeting=meeting)
    present(meeting, secretariat, "chutich", "gd_snv", "gd_syt", "uyvien")
    services.meeting_open(actor=secretariat, meeting=meeting)
    assert AuditEvent.objects.filter(action="council.meeting_open", target_id=meeting.pk).exists()


def test_a_member_never_votes_on_their_own_units_items(meeting, secretariat, council):
    present(meeting, secretariat, "chutich", "gd_snv", "gd_syt", "uyvien")
    services.meeting_open(actor=secretariat, meeting=meeting)
    recused = set(Recusal.objects.values_list("member__full_name", flat=True))
    assert recused == {"Lê Thị Nội"}  # the director of Sở A, on both of Sở A's items
    entry = AgendaItem.objects.filter(meeting=meeting).first()
    gd_snv = council.test_members["gd_snv"].user
    with pytest.raises(ApplicationError, match="thành viên công tác tại đơn vị có trường hợp được xét"):
        services.ballot_cast(actor=gd_snv, meeting=meeting, choices={entry.pk: "agree"})
    assert not VoteCast.objects.exists() and not Ballot.objects.exists()


def test_ballots_are_secret_single_and_only_for_present_members(meeting, secretariat, council, officer_a):
    present(meeting, secretariat, "chutich", "gd_snv", "gd_syt", "uyvien")
    services.meeting_open(actor=secretariat, meeting=meeting)
    entry = AgendaItem.objects.filter(meeting=meeting).first()
    chair = council.test_members["chutich"].user
    services.ballot_cast(actor=chair, meeting=meeting, choices={entry.pk: "agree"})
    with pytest.raises(ApplicationError, match="đã bỏ phiếu"):
        services.ballot_cast(actor=chair, meeting=meeting, choices={entry.pk: "disagree"})
    with pytest.raises(PermissionDenied):
        services.ballot_cast(actor=officer_a, meeting=meeting, choices={entry.pk: "agree"})
    # Nobody can read who chose what: the ballot has no member, the audit no choice.
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "agenda_item", "choice"}
    event = AuditEvent.objects.get(action="council.ballot_cast")
    assert "agree" not in str(event.after) and "Đồng ý" not in str(event.after)


def test_the_count_applies_each_kinds_threshold(meeting, secretariat, council, items):
    present(meeting, secretariat, "chutich", "gd_snv", "gd_syt", "uyvien")
    services.meeting_open(actor=secretariat, meeting=meeting)
    cstd, bk = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    # CSTĐCS is decided below the province: no lower form is put to this council.
    assert cstd.lower_kind == "" and bk.lower_kind == ""
    members = council.test_members
    services.ballot_cast(actor=members["chutich"].user, meeting=meeting, choices={cstd.pk: "agree", bk.pk: "agree"})
    services.ballot_cast(actor=members["gd_syt"].user, meeting=meeting, choices={cstd.pk: "agree", bk.pk: "agree"})
    services.ballot_cast(actor=members["uyvien"].user, meeting=meeting, choices={cstd.pk: "agree", bk.pk: "disagree"})
    services.meeting_close(actor=secretariat, meeting=meeting, conclusion="Thống nhất đề nghị.")
    cstd.refresh_from_db()
    bk.refresh_from_db()
    # CSTĐ tỉnh needs 90 % of all members who may vote on it (five, less Sở A's director): 4.
    assert (cstd.agree, cstd.disagree, cstd.lower, cstd.outcome) == (3, 0, 0, Outcome.REJECTED)
    assert "90% tổng số thành viên, trừ 1 thành viên không bỏ phiếu (4/4)" in cstd.threshold
    # Bằng khen: a majority of the three present who may vote on it (Sở A's director sits out): 2.
    assert (bk.agree, bk.disagree, bk.outcome) == (2, 1, Outcome.APPROVED)
    assert "quá bán số thành viên có mặt, trừ 1 thành viên không bỏ phiếu (2/3)" in bk.threshold
    states = dict(DossierItem.objects.values_list("kind", "state"))
    assert states == {"CSTD_TINH": ItemState.REJECTED, "BK_TINH": ItemState.APPROVED}


def test_a_majority_of_those_present_approves_a_bang_khen(council, items, secretariat, meeting):
    present(meeting, secretariat, "chutich", "gd_snv", "gd_syt", "uyvien")
    services.meeting_open(actor=secretariat, meeting=meeting)
    _cstd, bk = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    members = council.test_members
    for key in ("chutich", "gd_syt", "uyvien"):
        services.ballot_cast(actor=members[key].user, meeting=meeting, choices={bk.pk: "agree"})
    services.meeting_close(actor=secretariat, meeting=meeting)
    bk.refresh_from_db()
    assert (bk.agree, bk.outcome) == (3, Outcome.APPROVED)
    assert DossierItem.objects.get(pk=bk.item_id).state == ItemState.APPROVED


def test_a_lower_form_passes_when_agree_and_lower_reach_the_threshold(council, tree, secretariat):
    import datetime as dt

    from tests.conftest import make_unit
    from thidua.dossiers.models import Dossier, DossierState

    office = make_unit(tree["root"], "T.VP", "Văn phòng UBND tỉnh")
    tree["root"].refresh_from_db()
    dossier = Dossier.objects.create(unit=tree["root"], title="Đề nghị tặng Cờ thi đua", authority_level="tinh",
                                     authority_unit=tree["root"], commendation_type="cong_trang", year=2025,
                                     state=DossierState.TO_COUNCIL)
    item = DossierItem.objects.create(dossier=dossier, subject_kind="collective", unit=office, held_unit=office,
                                      subject_name=office.name, kind="CO_TINH", year=2025, period_from=2025,
                                      period_to=2025, state=ItemState.ACCEPTED)
    meeting = services.meeting_create(actor=secretariat, council=council, title="Phiên họp bất thường",
                                      starts_at=dt.datetime(2026, 2, 1, 8, tzinfo=dt.UTC), place="Phòng họp",
                                      items=[item])
    present(meeting, secretariat, "chutich", "gd_snv", "gd_syt", "uyvien")
    services.meeting_open(actor=secretariat, meeting=meeting)
    entry = AgendaItem.objects.get(meeting=meeting)
    assert entry.lower_kind == "TTLDXS"
    members = council.test_members
    for key, choice in (("chutich", "agree"), ("gd_snv", "agree"), ("gd_syt", "lower"), ("uyvien", "lower")):
        services.ballot_cast(actor=members[key].user, meeting=meeting, choices={entry.pk: choice})
    services.meeting_close(actor=secretariat, meeting=meeting)
    entry.refresh_from_db()
    # The flag needs 80 % of the five members (4): 2 agree + 2 for the lower form.
    assert entry.outcome == Outcome.APPROVED_LOWER
    item.refresh_from_db()
    assert (item.state, item.approved_kind) == (ItemState.APPROVED, "TTLDXS")


def test_only_the_secretariat_runs_the_council(meeting, officer_a, council):
    with pytest.raises(PermissionDenied):
        services.meeting_open(actor=officer_a, meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.member_add(actor=council.test_members["chutich"].user, council=council, full_name="X",
                            position="Y", role="member", home_unit=council.authority_unit)


def test_items_not_ready_cannot_be_put_on_an_agenda(council, items, secretariat):
    items[0].state = ItemState.PENDING
    items[0].save()
    import datetime as dt

    with pytest.raises(ApplicationError, match="chưa sẵn sàng trình hội đồng"):
        services.meeting_create(actor=secretariat, council=council, title="X", place="Y",
                                starts_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), items=items)
