"""Building a dossier: create, items (from any source), justification, documents."""

import datetime as dt

import pytest
from django.db import IntegrityError

from tests.conftest import make_person, make_unit
from tests.dossiers.conftest import YEAR, add, make_dossier, upload
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.dossiers import services
from thidua.dossiers.models import Dossier, DossierEvent, DossierItem, DossierState, ItemSource, ItemState
from thidua.dossiers.services import ItemInput


def test_create_fills_the_receiver_and_records_the_timeline(officer_a, tree):
    dossier = make_dossier(officer_a, tree["a1"])
    assert dossier.state == DossierState.DRAFT
    # An internal office's dossier for the head of the agency goes to the agency (Sở Nội vụ).
    assert dossier.authority_unit == tree["a"]
    province = make_dossier(officer_a, tree["a"], level="tinh", title="Đề nghị Bằng khen của Chủ tịch UBND tỉnh")
    assert province.authority_unit == tree["root"]
    assert DossierEvent.objects.filter(dossier=dossier, action="create", to_state="draft").exists()
    event = AuditEvent.objects.get(action="dossier.create", target_id=dossier.pk)
    assert event.actor == officer_a and event.after["title"] == dossier.title


def test_default_level_is_the_commune_only_inside_a_commune(tree):
    # The catalog lists CSTĐCS's levels lowest first: [xa, co_quan].
    assert services.default_authority_level(tree["a"], ["xa", "co_quan"]) == "co_quan"
    assert services.default_authority_level(tree["a1"], ["xa", "co_quan"]) == "co_quan"
    commune = make_unit(tree["a"], "T.A.X", "UBND xã Thử", kind="ubnd_xa", level="xa")
    village = make_unit(commune, "T.A.X.1", "Thôn Một", kind="thon_tdp", level="noi_bo")
    assert services.default_authority_level(commune, ["xa", "co_quan"]) == "xa"
    assert services.default_authority_level(village, ["xa", "co_quan"]) == "xa"
    assert services.default_authority_level(tree["a"], ["xa"]) == "xa"
    assert services.default_authority_level(tree["a"], ["tinh"]) == "tinh"


def test_create_refuses_a_unit_out_of_scope_and_a_wrong_role(officer_a, head_a, tree):
    with pytest.raises(PermissionDenied):
        make_dossier(officer_a, tree["b"])
    with pytest.raises(PermissionDenied):  # the head signs; the officer builds
        make_dossier(head_a, tree["a"])
    assert not Dossier.objects.exists()


def test_create_refuses_a_receiver_below_the_unit(officer_a, tree):
    with pytest.raises(ApplicationError) as exc:
        make_dossier(officer_a, tree["a"], authority_unit=tree["a1"])
    assert exc.value.message == services.AUTHORITY_NOT_ABOVE % {"unit": "Sở Nội vụ"}


def test_items_carry_the_engine_verdict_judged_in_bulk(officer_a, tree, eligible_a, person_weak):
    dossier = make_dossier(officer_a, tree["a"])
    good, weak = add(officer_a, dossier, eligible_a, person_weak)
    good.refresh_from_db()
    weak.refresh_from_db()
    assert good.verdict_eligible is True and good.verdict_ruleset == "2025" and good.verdict_at is not None
    assert any("hoàn thành xuất sắc nhiệm vụ" in r for r in good.verdict["reasons"])
    assert "Điều 23 Luật Thi đua, khen thưởng 2022" in good.verdict["basis"]
    assert weak.verdict_eligible is False and weak.flags == ["ineligible"]
    assert good.warnings == [] and good.source == ItemSource.MANUAL
    audit = AuditEvent.objects.get(action="dossier.items_add", target_id=dossier.pk)
    assert audit.after["số trường hợp"] == 2


def test_a_kind_the_engine_does_not_judge_has_no_verdict(officer_a, tree, eligible_a):
    dossier = make_dossier(officer_a, tree["a"], level="tinh", title="Kỷ niệm chương")
    (item,) = add(officer_a, dossier, eligible_a, kind="KNC_TINH")
    item.refresh_from_db()
    assert item.verdict_eligible is None and item.flags == [] and item.verdict == {}


def test_add_refuses_kinds_subjects_and_periods_that_do_not_fit(officer_a, tree, eligible_a, person_b):
    dossier = make_dossier(officer_a, tree["a"])
    cases = [
        (ItemInput(subject=eligible_a, kind="XYZ"), services.KIND_UNKNOWN % "XYZ"),
        (ItemInput(subject=eligible_a, kind="BK_TINH"),
         services.KIND_NOT_AT_LEVEL % {"name": "Bằng khen cấp bộ, ban, ngành, tỉnh",
                                       "level": "Thủ trưởng cơ quan, đơn vị; giám đốc sở, ngành"}),
        (ItemInput(subject=tree["a1"], kind="CSTDCS"),
         services.SUBJECT_NOT_ACCEPTED % {"name": "Chiến sĩ thi đua cơ sở", "subject": "tập thể",
                                          "who": "Phòng Công chức, viên chức"}),
        (ItemInput(subject=eligible_a, kind="CSTDCS", period_from=2026, period_to=2026),
         services.PERIOD_INVALID % {"who": eligible_a.full_name, "year": YEAR}),
        (ItemInput(subject=person_b, kind="CSTDCS"),
         services.SUBJECT_OUTSIDE % {"who": person_b.full_name, "unit": "Sở Nội vụ"}),
    ]
    for entry, message in cases:
        with pytest.raises(ApplicationError) as exc:
            services.dossier_add_items(actor=officer_a, dossier=dossier, entries=[entry])
        assert exc.value.message == message
    assert not DossierItem.objects.exists()


def test_one_live_item_per_subject_kind_and_year_in_the_whole_system(officer_a, secretariat, tree, eligible_a):
    first = make_dossier(officer_a, tree["a"])
    add(officer_a, first, eligible_a)
    second = make_dossier(secretariat, tree["root"], title="Hồ sơ của tỉnh")
    with pytest.raises(ApplicationError) as exc:
        add(secretariat, second, eligible_a)
    assert exc.value.message.startswith(str(services.ALREADY_PROPOSED).split("%")[0])
    assert "Nguyễn Văn Phóng — Chiến sĩ thi đua cơ sở 2025" in exc.value.message and first.title in exc.value.message
    # The database says it too (a partial unique constraint), whoever writes.
    with pytest.raises(IntegrityError):
        DossierItem.objects.create(dossier=second, subject_kind="individual", person=eligible_a,
                                   held_unit=tree["a1"], subject_name="x", kind="CSTDCS", year=YEAR,
                                   period_from=YEAR, period_to=YEAR)


def test_a_cancelled_dossier_frees_its_subjects(officer_a, tree, eligible_a):
    first = make_dossier(officer_a, tree["a"])
    add(officer_a, first, eligible_a)
    services.dossier_cancel(actor=officer_a, dossier=first, reason="Lập nhầm")
    assert first.items.get().state == ItemState.WITHDRAWN
    second = make_dossier(officer_a, tree["a"], title="Lập lại")
    assert len(add(officer_a, second, eligible_a)) == 1


def test_a_higher_form_for_the_same_period_is_flagged_as_duplicate(secretariat, tree, eligible_a):
    from thidua.awards.services import award_record

    award_record(actor=secretariat, kind="BK_TINH", year=YEAR, decided_on=dt.date(2026, 1, 15), person=eligible_a,
                 decision_number="12/QĐ-UBND", period_from=2024, period_to=2025)
    dossier = make_dossier(secretariat, tree["a"], title="Giấy khen")
    (item,) = add(secretariat, dossier, eligible_a, kind="GK")
    item.refresh_from_db()
    assert "duplicate" in item.flags
    (warning,) = [w for w in item.warnings if w["code"] == "duplicate"]
    assert "Bằng khen cấp bộ, ban, ngành, tỉnh" in warning["message"] and "12/QĐ-UBND" in warning["message"]


def test_two_forms_for_one_period_in_two_dossiers_flag_the_lower(officer_a, secretariat, tree, eligible_a):
    low = make_dossier(officer_a, tree["a"], title="Giấy khen của Sở")
    (gk,) = add(officer_a, low, eligible_a, kind="GK")
    high = make_dossier(secretariat, tree["a"], level="tinh", title="Bằng khen của tỉnh")
    (bk,) = add(secretariat, high, eligible_a, kind="BK_TINH")
    bk.refresh_from_db()
    assert "duplicate" not in bk.flags  # a higher form than what is pending is not a duplicate of it
    services.dossier_check(actor=officer_a, dossier=low)
    gk.refresh_from_db()
    (warning,) = [w for w in gk.warnings if w["code"] == "duplicate"]
    assert "Bằng khen của tỉnh" in warning["message"]


def test_titles_of_one_year_are_not_duplicates_of_each_other(officer_a, tree, eligible_a):
    dossier = make_dossier(officer_a, tree["a"])
    add(officer_a, dossier, eligible_a, kind="LDTT")
    add(officer_a, dossier, eligible_a, kind="CSTDCS")
    assert all(i.flags == [] for i in dossier.items.all())


def test_justification_covers_the_flags_and_is_recorded(officer_a, tree, person_weak):
    dossier = make_dossier(officer_a, tree["a"])
    (item,) = add(officer_a, dossier, person_weak)
    with pytest.raises(ApplicationError) as exc:
        services.dossier_item_justify(actor=officer_a, item=item, text="  ")
    assert exc.value.message == services.JUSTIFICATION_REQUIRED
    item = services.dossier_item_justify(actor=officer_a, item=item, text="Có thành tích đột xuất trong năm.")
    assert item.justified_flags == ["ineligible"] and item.unjustified_flags == []
    assert item.justified_by == officer_a and item.justified_at is not None
    audit = AuditEvent.objects.get(action="dossier.item_justify", target_id=dossier.pk)
    assert audit.reason == "Có thành tích đột xuất trong năm."


def test_items_are_added_only_to_a_draft_and_edited_only_when_returned(received, officer_a, eligible_a):
    with pytest.raises(ApplicationError) as exc:
        add(officer_a, received, eligible_a, kind="LDTT")
    assert exc.value.message == services.ITEMS_ONLY_IN_DRAFT
    with pytest.raises(ApplicationError) as exc:
        services.dossier_item_update(actor=officer_a, item=received.items.first(), achievement="x")
    assert exc.value.message == services.NOT_EDITABLE % "Đã tiếp nhận"


def test_item_update_judges_a_new_kind_again(officer_a, tree, eligible_a):
    dossier = make_dossier(officer_a, tree["a"])
    (item,) = add(officer_a, dossier, eligible_a, kind="GK")
    item = services.dossier_item_update(actor=officer_a, item=item, kind="CSTDCS")
    assert item.kind == "CSTDCS" and item.verdict_eligible is True


def test_documents_are_checked_and_files_kept_private(officer_a, tree, eligible_a, settings):
    dossier = make_dossier(officer_a, tree["a"])
    (item,) = add(officer_a, dossier, eligible_a)
    with pytest.raises(ApplicationError) as exc:
        services.dossier_document_add(actor=officer_a, dossier=dossier, kind="to_trinh", file=upload("a.exe"))
    assert exc.value.message.startswith("«Tệp»: không nhận tệp «a.exe»; chỉ nhận .pdf")
    with pytest.raises(ApplicationError) as exc:
        services.dossier_document_add(actor=officer_a, dossier=dossier, kind="xac_nhan_sang_kien", file=upload())
    assert exc.value.message == services.DOCUMENT_NEEDS_ITEM % "Chứng nhận, xác nhận sáng kiến, đề tài khoa học"
    doc = services.dossier_document_add(actor=officer_a, dossier=dossier, kind="xac_nhan_sang_kien",
                                        file=upload("sang-kien.pdf"), item=item)
    assert doc.name == "sang-kien.pdf" and doc.file.name.startswith("dossiers/") and "sang-kien" not in doc.file.name
    services.dossier_document_remove(actor=officer_a, document=doc)
    assert not dossier.documents.exists()
    assert AuditEvent.objects.filter(action="dossier.document_remove", target_id=dossier.pk).exists()


def test_remove_deletes_from_a_draft(officer_a, tree, eligible_a):
    dossier = make_dossier(officer_a, tree["a"])
    (item,) = add(officer_a, dossier, eligible_a)
    services.dossier_item_remove(actor=officer_a, item=item)
    assert not dossier.items.exists()


def test_household_items_are_not_judged_and_collectives_are(officer_a, tree, eligible_a):
    commune = make_unit(tree["a"], "T.A.X", "UBND xã Thử", kind="ubnd_xa", level="xa")
    villager = make_person(commune, "Hà Văn Hộ")
    dossier = make_dossier(officer_a, commune, level="xa", title="Gia đình văn hóa")
    assert dossier.authority_unit == commune
    (item,) = add(officer_a, dossier, villager, kind="GK", household=True)
    assert item.subject_kind == "household" and item.verdict_eligible is None
    (unit_item,) = add(officer_a, dossier, commune, kind="TTLDTT")
    unit_item.refresh_from_db()
    assert unit_item.subject_kind == "collective" and unit_item.verdict_eligible is False
