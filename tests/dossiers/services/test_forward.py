"""Relaying voted central-level dossiers upward (`dossier_forward`): the province's own signed
tờ trình and its council's minutes are the upper dossier's papers (Law Art. 84(1)); the
units' papers travel as attachments and never stand for them; a missing or refused upload
changes nothing, and leaves no file behind."""

import pytest
from django.core.files.storage import FileSystemStorage

from tests.dossiers.conftest import province_papers, upload
from thidua.core import uploads
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.dossiers import checks, selectors, services
from thidua.dossiers.models import Dossier, DossierDocument, DossierState, ItemState
from thidua.dossiers.workflow import workflow

S, IS = DossierState, ItemState
TITLE = "Tờ trình đề nghị Thủ tướng Chính phủ tặng Bằng khen năm 2025"


def _name(kind: str) -> str:
    return workflow().documents[kind].name


def _stored(settings) -> set[str]:
    root = settings.MEDIA_ROOT
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _forward(actor, dossier, **kw):
    kw.setdefault("papers", province_papers())
    return services.dossier_forward(actor=actor, dossiers=[dossier], title=TITLE, number="45/TTr-UBND", **kw)


def _unchanged(dossier, files_before, settings):
    dossier.refresh_from_db()
    assert dossier.state == S.VOTED and dossier.forwarded_to is None
    assert set(dossier.items.values_list("state", flat=True)) == {IS.APPROVED}
    assert not Dossier.objects.filter(state=S.SENT).exists()
    assert _stored(settings) == files_before
    assert not AuditEvent.objects.filter(action="dossier.forward").exists()


@pytest.mark.parametrize("missing", ["to_trinh", "bien_ban_binh_xet"])
def test_a_forward_without_the_province_s_own_paper_is_refused_and_changes_nothing(
        voted_central, secretariat, settings, missing):
    before = _stored(settings)
    with pytest.raises(ApplicationError) as exc:
        _forward(secretariat, voted_central, papers=province_papers(**{missing: None}))
    province = "UBND tỉnh Thử Nghiệm"
    assert exc.value.message == services.FORWARD_PAPER_MISSING % {"kind": _name(missing), "unit": province}
    assert exc.value.extra["field"] == missing
    _unchanged(voted_central, before, settings)


@pytest.mark.parametrize(("kind", "bad", "problem", "args"), [
    ("bien_ban_binh_xet", upload("bien-ban.exe", b"MZ"), uploads.BAD_TYPE, {
        "name": "bien-ban.exe", "allowed": ".pdf, .doc, .docx, .xls, .xlsx, .odt, .ods, .jpg, .jpeg, .png, .zip"}),
    ("to_trinh", upload("to-trinh.pdf", b""), uploads.EMPTY, {"name": "to-trinh.pdf"}),
    ("to_trinh", upload("to-trinh.pdf", b"MZ\x90\x00 a program renamed"), uploads.BAD_CONTENT,
     {"name": "to-trinh.pdf", "type": "PDF"}),
])
def test_a_refused_upload_names_the_field_and_changes_nothing(voted_central, secretariat, settings, kind, bad, problem,
                                                              args):
    before = _stored(settings)
    with pytest.raises(ApplicationError) as exc:
        _forward(secretariat, voted_central, papers=province_papers(**{kind: bad}))
    assert exc.value.message == problem % (args | {"field": _name(kind)})
    assert exc.value.message.startswith(f"«{_name(kind)}»: ")
    assert exc.value.extra["field"] == kind
    _unchanged(voted_central, before, settings)


class DiskFullForMinutes(FileSystemStorage):
    """A disk that fills up while the minutes are written (after the tờ trình was stored)."""

    def _save(self, name, content):
        if "bien-ban" in getattr(content, "name", ""):
            raise OSError(28, "No space left on device")
        return super()._save(name, content)


def test_a_failure_after_a_file_was_stored_removes_it_with_the_rollback(voted_central, secretariat, settings):
    before = _stored(settings)
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": f"{__name__}.DiskFullForMinutes", "OPTIONS": {"location": str(settings.MEDIA_ROOT)}}}
    with pytest.raises(OSError):
        _forward(secretariat, voted_central)
    _unchanged(voted_central, before, settings)


def test_the_upper_dossier_holds_the_province_s_papers_and_the_units_as_attachments(voted_central, secretariat,
                                                                                     tree):
    upper = _forward(secretariat, voted_central, reason="Kính trình Thủ tướng")
    voted_central.refresh_from_db()
    assert voted_central.state == S.FORWARDED and voted_central.forwarded_to == upper
    assert upper.state == S.SENT and upper.unit == tree["root"] and upper.number == "45/TTr-UBND"
    own = {d.kind: d for d in upper.documents.filter(carried_from=None)}
    assert {k: (d.name, d.uploaded_by, d.item) for k, d in own.items()} == {
        "to_trinh": ("to-trinh-ubnd-tinh.pdf", secretariat, None),
        "bien_ban_binh_xet": ("bien-ban-hoi-dong-tinh.pdf", secretariat, None)}
    assert all(d.file.read().startswith(b"%PDF") for d in own.values())
    carried = upper.documents.filter(carried_from=voted_central, item=None)
    assert sorted(carried.values_list("kind", "name")) == [("bien_ban_binh_xet", "bien_ban_binh_xet.pdf"),
                                                           ("to_trinh", "to_trinh.pdf")]

    report = selectors.dossier_checks(upper)
    rows = {row.kind.code: row for row in report.checklist}
    for kind in ("to_trinh", "bien_ban_binh_xet"):
        assert rows[kind].complete and rows[kind].documents == [own[kind]]
        assert [d.name for d in rows[kind].attachments] == [f"{kind}.pdf"]
    assert rows["bao_cao_thanh_tich"].complete and report.missing == []

    audit = AuditEvent.objects.get(action="dossier.forward", target_id=upper.pk)
    assert audit.after["văn bản của cơ quan trình"] == [f"{_name('to_trinh')}: to-trinh-ubnd-tinh.pdf",
                                                        f"{_name('bien_ban_binh_xet')}: bien-ban-hoi-dong-tinh.pdf"]
    assert audit.actor == secretariat and audit.reason == "Kính trình Thủ tướng"


def test_the_units_papers_alone_do_not_complete_the_upper_checklist(voted_central, secretariat):
    upper = _forward(secretariat, voted_central)
    items = list(upper.items.all())
    carried_only = list(DossierDocument.objects.filter(dossier=upper).exclude(carried_from=None))
    rows = {row.kind.code: row for row in checks.checklist(items, carried_only)}
    assert not rows["to_trinh"].complete and not rows["bien_ban_binh_xet"].complete
    assert checks.missing_documents(list(rows.values())) == [_name("to_trinh"), _name("bien_ban_binh_xet")]
    # Before it is relayed, the unit's own papers are its dossier's own.
    source = {row.kind.code: row for row in selectors.dossier_checks(voted_central).checklist}
    assert source["to_trinh"].complete and source["to_trinh"].attachments == []


def test_only_the_province_relays_and_before_looking_at_the_papers(voted_central, officer_a, head_a, settings):
    before = _stored(settings)
    for user in (officer_a, head_a):  # they see Sở Nội vụ's dossier; relaying is the province's
        with pytest.raises(PermissionDenied):
            _forward(user, voted_central, papers={})
    _unchanged(voted_central, before, settings)


def test_the_plan_says_which_papers_the_items_need_and_writes_nothing(voted_central, secretariat, officer_a):
    plan = services.forward_plan(actor=secretariat, dossiers=[voted_central], title=TITLE, number="45/TTr-UBND")
    assert plan.upper.pk is None and plan.upper.unit.name == "UBND tỉnh Thử Nghiệm"
    assert plan.upper.external_authority == "Thủ tướng Chính phủ (qua Bộ Nội vụ)"
    assert [i.subject_name for i in plan.items] == ["Nguyễn Văn Phóng"]
    assert [k.code for k in plan.papers] == ["to_trinh", "bien_ban_binh_xet"]  # no ballot count for a Bằng khen
    assert not Dossier.objects.filter(state=S.SENT).exists()
    with pytest.raises(ApplicationError) as exc:
        services.forward_plan(actor=secretariat, dossiers=[], title=TITLE)
    assert exc.value.message == services.FORWARD_NOTHING_SELECTED
    with pytest.raises(PermissionDenied):
        services.forward_plan(actor=officer_a, dossiers=[voted_central], title=TITLE)


def test_the_forward_page_asks_for_the_ballot_count_only_where_a_central_kind_needs_it(db):
    from thidua.catalog.services import catalog_load

    catalog_load()
    papers = {p.kind.code: p for p in selectors.forward_papers()}
    assert list(papers) == ["to_trinh", "bien_ban_binh_xet", "ket_qua_bo_phieu"]
    assert papers["to_trinh"].always and papers["bien_ban_binh_xet"].always
    ballot = papers["ket_qua_bo_phieu"]
    assert not ballot.always
    assert "Chiến sĩ thi đua toàn quốc" in ballot.for_names and "Cờ thi đua của Chính phủ" in ballot.for_names
    assert not any("cơ sở" in name for name in ballot.for_names)  # decided in the province, never relayed


def test_the_prime_minister_s_answer_closes_the_relayed_file_and_the_unit_s(voted_central, secretariat):
    import datetime as dt

    from thidua.awards.models import Award
    from thidua.decisions import services as decisions

    upper = _forward(secretariat, voted_central)
    # The answer arrives on paper: the province records the decision from above with its number.
    decision = decisions.decision_draft(actor=secretariat, unit=upper.unit, authority_name="Thủ tướng Chính phủ",
                                        symbol="QĐ-TTg", summary="Về việc tặng Bằng khen của Thủ tướng Chính phủ")
    decisions.decision_add_dossier(actor=secretariat, decision=decision, dossier=upper)
    decisions.decision_record_issued(actor=secretariat, decision=decision, number=310,
                                     issued_on=dt.date(2026, 3, 17), signer_name="Nguyễn Văn Thủ",
                                     signer_title="KT. THỦ TƯỚNG — PHÓ THỦ TƯỚNG")
    upper.refresh_from_db()
    (copy,) = upper.items.all()
    assert upper.state == S.DECIDED and copy.state == IS.DECIDED and copy.decision_number == "310/QĐ-TTg"
    award = Award.objects.get(person=copy.person, kind="BK_TTG")
    assert award.decision_number == "310/QĐ-TTg" and award.issuer == "Thủ tướng Chính phủ"
    # The unit that proposed it reads the answer on its own dossier's item.
    assert selectors.item_status(copy.source_item) == "Đã trình cấp trên: Đã được khen thưởng"
