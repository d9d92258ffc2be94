from decimal import Decimal

import pytest

from tests.conftest import make_user
from tests.pledges.conftest import YEAR, build_table
from thidua.accounts.models import RoleGrant
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.org.models import BlocMembership
from thidua.pledges import services
from thidua.pledges.models import Criterion, CriterionGroup, Pledge, PledgeSignature, PledgeStatus


def last_event(action):
    return AuditEvent.objects.filter(action=action).order_by("-id").first()


def test_the_secretariat_creates_a_draft_pledge(bloc, secretariat, units):
    pledge = services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR, title="  Giao ước  năm 2025 ",
                                    content="1. Hoàn thành chỉ tiêu.")
    pledge.refresh_from_db()
    assert (pledge.title, pledge.state, pledge.created_by) == ("Giao ước năm 2025", PledgeStatus.DRAFT, secretariat)
    event = last_event("pledge.create")
    assert event.target_id == pledge.pk and event.unit_path == units["root"].path
    assert event.after["title"] == "Giao ước năm 2025"


def test_the_bloc_leader_may_create_by_unit_or_by_grant(bloc, officer_a, units):
    assert services.pledge_create(actor=officer_a, bloc=bloc, year=YEAR, title="GƯ 2025").created_by == officer_a
    leader = make_user("khoitruong", Role.BLOC_LEADER, units["a"], "Bùi Thị Khánh Linh")
    RoleGrant.objects.filter(user=leader).update(bloc=bloc, year=YEAR)
    BlocMembership.objects.create(bloc=bloc, unit=units["a"], year=YEAR + 1, role="leader")
    assert services.pledge_create(actor=leader, bloc=bloc, year=YEAR + 1, title="GƯ 2026").year == YEAR + 1


@pytest.mark.parametrize("who", ["officer_b", "officer_c", "officer_d", "head_a_of_2024"])
def test_others_may_not_create(request, bloc, units, who):
    if who == "head_a_of_2024":
        user = make_user("khoitruong_cu", Role.BLOC_LEADER, units["c"])
        RoleGrant.objects.filter(user=user).update(bloc=bloc, year=YEAR - 1)  # led the bloc last year only
        BlocMembership.objects.create(bloc=bloc, unit=units["c"], year=YEAR - 1, role="leader")
    else:
        user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.pledge_create(actor=user, bloc=bloc, year=YEAR, title="GƯ")
    assert not Pledge.objects.exists()


def test_one_pledge_per_bloc_and_year(draft, secretariat, bloc):
    with pytest.raises(ApplicationError) as exc:
        services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR, title="Lần hai")
    assert exc.value.message == services.PLEDGE_EXISTS % {"year": YEAR}


def test_criteria_are_edited_in_draft_and_audited(draft, secretariat):
    build_table(secretariat, draft)
    assert draft.criteria.count() == 6
    c = Criterion.objects.get(pledge=draft, code="1.2")
    services.criterion_save(actor=secretariat, pledge=draft, criterion=c, group=c.group, code="1.2",
                            name="Cải cách hành chính", max_points=Decimal("25"), kind="standard")
    c.refresh_from_db()
    assert c.max_points == Decimal("25.00")
    event = last_event("pledge.criterion_save")
    assert event.before["max_points"] == "30.00" and event.after["max_points"] == "25.00"
    with pytest.raises(ApplicationError) as exc:
        services.criterion_save(actor=secretariat, pledge=draft, group=c.group, code="1.1", name="Trùng",
                                max_points=Decimal(1))
    assert exc.value.message == services.CRITERION_CODE_TAKEN % {"code": "1.1"}
    with pytest.raises(ApplicationError):
        services.criterion_save(actor=secretariat, pledge=draft, group=c.group, code="1.9", name="Không điểm",
                                max_points=Decimal(0))
    with pytest.raises(ApplicationError) as exc:
        services.criterion_group_delete(actor=secretariat, group=c.group)
    assert exc.value.message == services.GROUP_NOT_EMPTY % {"code": "I"}
    services.criterion_delete(actor=secretariat, criterion=c)
    assert not Criterion.objects.filter(pk=c.pk).exists()
    assert last_event("pledge.criterion_delete").before == {"criterion": "1.2. Cải cách hành chính"}


def test_a_member_officer_may_not_edit_the_table(draft, secretariat, officer_c):
    group = services.criterion_group_save(actor=secretariat, pledge=draft, code="I", name="Nhiệm vụ")
    with pytest.raises(PermissionDenied):
        services.criterion_save(actor=officer_c, pledge=draft, group=group, code="1.1", name="X",
                                max_points=Decimal(10))


def test_issuing_freezes_the_table(draft, secretariat):
    with pytest.raises(ApplicationError) as exc:
        services.pledge_open(actor=secretariat, pledge=draft)
    assert exc.value.message == services.NO_STANDARD_CRITERION
    build_table(secretariat, draft)
    services.pledge_open(actor=secretariat, pledge=draft)
    assert Pledge.objects.get(pk=draft.pk).state == PledgeStatus.OPEN
    group = CriterionGroup.objects.filter(pledge=draft).first()
    with pytest.raises(ApplicationError) as exc:
        services.criterion_save(actor=secretariat, pledge=draft, group=group, code="9.9", name="Muộn",
                                max_points=Decimal(1))
    assert exc.value.message == services.NOT_DRAFT


def test_copy_last_years_table(bloc, secretariat, units):
    old = services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR - 1, title="GƯ 2024",
                                 content="1. Nội dung năm trước.")
    build_table(secretariat, old)
    new = services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR, title="GƯ 2025")
    assert services.pledge_copy_from_last_year(actor=secretariat, pledge=new) == 6
    copied = list(Criterion.objects.filter(pledge=new).order_by("code").values_list(
        "group__code", "code", "max_points", "kind", "evidence_required"))
    original = list(Criterion.objects.filter(pledge=old).order_by("code").values_list(
        "group__code", "code", "max_points", "kind", "evidence_required"))
    assert copied == original
    new.refresh_from_db()
    assert new.content == "1. Nội dung năm trước."
    assert last_event("pledge.copy_last_year").after == {"from_year": YEAR - 1, "groups": 4, "criteria": 6}
    with pytest.raises(ApplicationError) as exc:
        services.pledge_copy_from_last_year(actor=secretariat, pledge=new)
    assert exc.value.message == services.TABLE_NOT_EMPTY


def test_create_with_copy_and_nothing_to_copy(bloc, secretariat):
    with pytest.raises(ApplicationError) as exc:
        services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR, title="GƯ", copy_last_year=True)
    assert exc.value.message == services.NOTHING_TO_COPY % {"year": YEAR}
    assert not Pledge.objects.exists()  # the whole creation rolled back


def test_members_sign_their_own_unit(pledge, units, officer_b, officer_d, head_a):
    services.pledge_sign(actor=head_a, pledge=pledge, unit=units["a"])
    signature = PledgeSignature.objects.get(pledge=pledge, unit=units["a"])
    assert signature.signed_by == head_a
    event = last_event("pledge.sign")
    assert event.after["unit"] == "Sở Nội vụ" and event.unit_path == units["a"].path
    with pytest.raises(ApplicationError) as exc:
        services.pledge_sign(actor=head_a, pledge=pledge, unit=units["a"])
    assert exc.value.message.startswith("Sở Nội vụ đã ký giao ước lúc ")
    with pytest.raises(PermissionDenied):
        services.pledge_sign(actor=officer_b, pledge=pledge, unit=units["c"])
    with pytest.raises(ApplicationError) as exc:
        services.pledge_sign(actor=officer_d, pledge=pledge, unit=units["d"])
    assert exc.value.message == services.NOT_A_MEMBER % {"unit": "Sở Xây dựng", "year": YEAR}
    assert PledgeSignature.objects.count() == 1


def test_no_signing_a_draft(draft, units, officer_b):
    with pytest.raises(ApplicationError) as exc:
        services.pledge_sign(actor=officer_b, pledge=draft, unit=units["b"])
    assert exc.value.message == services.PLEDGE_NOT_OPEN


def test_back_to_draft_only_before_anyone_signs(pledge, secretariat, units, officer_b):
    services.pledge_return_to_draft(actor=secretariat, pledge=pledge, reason="Sửa điểm tối đa tiêu chí 1.2")
    assert Pledge.objects.get(pk=pledge.pk).state == PledgeStatus.DRAFT
    assert last_event("pledge.to_draft").reason == "Sửa điểm tối đa tiêu chí 1.2"
    services.pledge_open(actor=secretariat, pledge=pledge)
    services.pledge_sign(actor=officer_b, pledge=pledge, unit=units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.pledge_return_to_draft(actor=secretariat, pledge=pledge)
    assert exc.value.message == services.CANNOT_RETURN_TO_DRAFT


def test_closing_needs_every_round_locked_and_the_secretariat(rnd, pledge, secretariat, officer_a):
    with pytest.raises(PermissionDenied):
        services.pledge_close(actor=officer_a, pledge=pledge)
    with pytest.raises(ApplicationError) as exc:
        services.pledge_close(actor=secretariat, pledge=pledge)
    assert exc.value.message == services.ROUNDS_NOT_LOCKED


def test_update_records_the_signed_document(pledge, secretariat, units):
    import datetime as dt

    from thidua.documents.models import Document

    doc = Document.objects.create(number="01/GƯTĐ-KTH", kind="khac", issuer="Khối các cơ quan tổng hợp",
                                  summary="Giao ước thi đua năm 2025", unit=units["root"])
    services.pledge_update(actor=secretariat, pledge=pledge, title=pledge.title, content="",
                           signed_on=dt.date(2025, 2, 20), document=doc)
    pledge.refresh_from_db()
    assert (pledge.signed_on, pledge.document) == (dt.date(2025, 2, 20), doc)
    assert last_event("pledge.update").after["document"] == "Văn bản khác số 01/GƯTĐ-KTH"
