import datetime as dt

import pytest

from tests.conftest import make_person
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.documents.models import Document
from thidua.movements import services
from thidua.movements.models import Movement
from thidua.org.models import Bloc, BlocMembership
from thidua.registrations.models import Registration, RegistrationSheet


def test_launch_defaults_to_the_whole_subtree_and_is_audited(movement, tree):
    assert [(p.unit, p.subtree) for p in movement.participants.all()] == [(tree["root"], True)]
    assert [m.title for m in movement.milestones.all()] == ["Sơ kết 6 tháng"]
    event = AuditEvent.objects.get(action="movement.create", target_id=movement.pk)
    assert event.after["theme"] == "Đoàn kết, sáng tạo, về đích"
    assert event.after["participants"] == ["UBND tỉnh Thử Nghiệm (+)"]


def test_an_officer_launches_only_for_the_units_it_covers(tree, officer_a):
    own = services.movement_create(actor=officer_a, organiser=tree["a"], name="Thi đua chuyển đổi số", year=2026,
                                   kind="chuyen_de")
    assert own.organiser == tree["a"]
    with pytest.raises(PermissionDenied):
        services.movement_create(actor=officer_a, organiser=tree["root"], name="Không được", year=2026)
    with pytest.raises(PermissionDenied):
        services.movement_create(actor=officer_a, organiser=tree["b"], name="Không được", year=2026)


def test_participants_blocs_and_parent_must_fit_the_organiser(tree, officer_a, secretariat, movement):
    with pytest.raises(ApplicationError, match="không thuộc cấp phát động"):
        services.movement_create(actor=officer_a, organiser=tree["a"], name="X", year=2026,
                                 participants=[(tree["b"], False)])
    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=tree["root"])
    with pytest.raises(ApplicationError, match="Khối «Khối các sở»"):
        services.movement_create(actor=officer_a, organiser=tree["a"], name="X", year=2026, blocs=[bloc])
    below = services.movement_create(actor=officer_a, organiser=tree["a"], name="Sở A thực hiện", year=2026,
                                     parent=movement)
    assert below.parent == movement
    with pytest.raises(ApplicationError, match="Phong trào cấp trên"):
        services.movement_create(actor=secretariat, organiser=tree["root"], name="Y", year=2026, parent=below)
    assert not Movement.objects.filter(name__in=["X", "Y"]).exists()


def test_a_milestone_outside_the_period_is_refused(tree, secretariat):
    with pytest.raises(ApplicationError, match="nằm ngoài thời gian"):
        services.movement_create(actor=secretariat, organiser=tree["root"], name="Đợt thi đua 100 ngày", year=2026,
                                 kind="dot", starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 8, 8),
                                 milestones=[services.MilestoneInput("tong_ket", dt.date(2026, 9, 1))])
    assert not Movement.objects.exists()


def test_update_records_before_and_after(movement, secretariat, tree):
    services.movement_update(actor=secretariat, movement=movement, registration_deadline=dt.date(2026, 4, 15),
                             participants=[(tree["a"], True), (tree["b"], False)], reason="Gia hạn đăng ký")
    movement.refresh_from_db()
    assert movement.registration_deadline == dt.date(2026, 4, 15)
    event = AuditEvent.objects.get(action="movement.update", target_id=movement.pk)
    assert event.before["registration_deadline"] == "2026-03-31"
    assert event.after["registration_deadline"] == "2026-04-15"
    assert event.after["participants"] == ["Sở Nội vụ (+)", "Sở Y tế"]
    assert event.reason == "Gia hạn đăng ký"


def test_an_officer_cannot_edit_the_province_movement(movement, officer_a):
    with pytest.raises(PermissionDenied):
        services.movement_update(actor=officer_a, movement=movement, name="Đổi tên")


def test_clone_moves_dates_and_keeps_participants(movement, secretariat, tree):
    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=tree["root"])
    movement.blocs.add(bloc)
    copy = services.movement_clone(actor=secretariat, movement=movement)
    assert copy.year == 2027 and copy.name == "Phong trào thi đua yêu nước năm 2027"
    assert copy.starts_on == dt.date(2027, 1, 2) and copy.registration_deadline == dt.date(2027, 3, 31)
    assert [(m.kind, m.due_on) for m in copy.milestones.all()] == [("so_ket", dt.date(2027, 6, 30))]
    assert list(copy.blocs.all()) == [bloc] and copy.document is None and copy.cloned_from == movement
    assert AuditEvent.objects.filter(action="movement.clone", target_id=copy.pk).exists()
    with pytest.raises(ApplicationError, match="Năm 2027 đã có phong trào"):
        services.movement_clone(actor=secretariat, movement=movement)


def test_review_keeps_the_figures_of_the_day(movement, secretariat, tree, officer_a):
    person = make_person(tree["a"], "Đỗ Thị Hạnh")
    sheet = RegistrationSheet.objects.create(unit=tree["a"], year=2026, movement=movement, state="approved")
    Registration.objects.create(person=person, unit=tree["a"], year=2026, code="LDTT", sheet=sheet)
    Registration.objects.create(unit=tree["a"], year=2026, code="TTLDTT", sheet=sheet)
    RegistrationSheet.objects.create(unit=tree["b"], year=2026, movement=movement, state="submitted")
    Award.objects.create(subject_kind="individual", person=person, held_unit=tree["a"], kind="LDTT", is_title=True,
                         year=2026, decided_on=dt.date(2026, 12, 20), decision_number="15/QĐ-SNV")
    review = services.review_create(actor=secretariat, movement=movement, kind="tong_ket", held_on=dt.date(2027, 1, 10),
                                    exemplar_people=[person], notes="Hoàn thành vượt chỉ tiêu.")
    assert review.figures["participants"] == 3  # the organiser launches, it does not register
    assert review.figures["sheets"] == {"approved": 1, "submitted": 1}
    assert review.figures["registered"] == {"LDTT": 1, "TTLDTT": 1}
    assert review.figures["titles"] == {"LDTT": 1}
    assert list(review.exemplar_people.all()) == [person]
    Registration.objects.all().delete()
    review.refresh_from_db()
    assert review.figures["registered"] == {"LDTT": 1, "TTLDTT": 1}  # a report stays what it said
    with pytest.raises(PermissionDenied):
        services.review_create(actor=officer_a, movement=movement, kind="so_ket", held_on=dt.date(2026, 7, 1))


def test_bloc_members_take_part(movement, tree):
    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=tree["root"])
    BlocMembership.objects.create(bloc=bloc, unit=tree["b"], year=2026)
    BlocMembership.objects.create(bloc=bloc, unit=tree["a"], year=2025)
    movement.participants.all().delete()
    movement.blocs.add(bloc)
    from thidua.movements.selectors import participant_units

    assert list(participant_units(movement)) == [tree["b"]]


def test_launch_from_a_document_links_or_stubs_its_references(tree, secretariat):
    law = Document.objects.create(number="98/2023/NĐ-CP", kind="nghi_dinh", issued_on=dt.date(2023, 12, 31),
                                  issuer="Chính phủ", summary="Quy định chi tiết Luật Thi đua, khen thưởng",
                                  unit=tree["root"])
    movement = services.movement_launch(
        actor=secretariat, organiser=tree["root"],
        document_fields={"kind": "chi_thi", "number": "01/CT-UBND", "issued_on": dt.date(2026, 1, 2),
                         "issuer": "UBND tỉnh Thử Nghiệm", "summary": "Về việc phát động phong trào thi đua năm 2026"},
        references=[{"kind": "nghi_dinh", "number": "98/2023/NĐ-CP", "issued_on": dt.date(2023, 12, 31),
                     "issuer": "Chính phủ"},
                    {"kind": "chi_thi", "number": "39-CT/TW", "issued_on": dt.date(2004, 5, 21),
                     "issuer": "Ban Bí thư"}],
        name="Phong trào thi đua năm 2026", year=2026)
    assert movement.document.number == "01/CT-UBND"
    stub = Document.objects.get(number="39-CT/TW")
    assert "chưa có toàn văn" in stub.summary
    assert set(movement.attachments.all()) == {law, stub}
    assert Document.objects.count() == 3


def test_launch_is_all_or_nothing(tree, secretariat):
    with pytest.raises(ApplicationError):
        services.movement_launch(
            actor=secretariat, organiser=tree["root"],
            document_fields={"kind": "chi_thi", "number": "01/CT-UBND", "issued_on": dt.date(2026, 1, 2),
                             "issuer": "UBND tỉnh", "summary": "Phát động"},
            references=[{"kind": "chi_thi", "number": "39-CT/TW", "issued_on": None, "issuer": ""}],
            name="X", year=2026, participants=[(tree["a1"], True)], starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 2, 1), milestones=[services.MilestoneInput("so_ket", dt.date(2026, 6, 30))])
    assert not Document.objects.exists() and not Movement.objects.exists()


def test_the_audit_panel_reads_codes_as_their_labels(movement, secretariat):
    from thidua.core import audit

    services.movement_update(actor=secretariat, movement=movement, kind="chuyen_de")
    event = AuditEvent.objects.get(action="movement.update", target_id=movement.pk)
    change = next(c for c in audit.changes(event) if c.label == "loại phong trào")
    assert (change.old, change.new) == ("Thường xuyên, hằng năm", "Chuyên đề")
