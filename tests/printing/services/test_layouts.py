"""Saving a certificate layout and a printer's offsets."""

import pytest

from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.printing import layouts, services
from thidua.printing.models import CertificateLayout, PrinterProfile


def fields_of(kind="BK_TINH", **changes):
    fields = [f.as_json() for f in layouts.default_layout(kind).fields]
    for f in fields:
        f.update(changes.get(f["key"], {}))
    return fields


def save(actor, unit, **kw):
    kw.setdefault("kind", "BK_TINH")
    kw.setdefault("name", "Phôi Bằng khen tỉnh")
    kw.setdefault("page_width", 400)
    kw.setdefault("page_height", 300)
    kw.setdefault("fields", fields_of())
    return services.layout_save(actor=actor, unit=unit, **kw)


def test_first_save_makes_the_units_layout_and_each_save_is_audited(secretariat, tree):
    row = save(secretariat, tree["root"], place="Thử Nghiệm", signer_title="CHỦ TỊCH", signer_name="Trần Quốc Hùng")
    assert (row.version, row.unit, row.place) == (1, tree["root"], "Thử Nghiệm")
    first = AuditEvent.objects.get(action="printing.layout_save", target_id=row.pk)
    assert first.before is None and first.after["signer_name"] == "Trần Quốc Hùng"
    row = save(secretariat, tree["root"], fields=fields_of(recipient_name={"y": 121.5}))
    assert row.version == 2 and CertificateLayout.objects.count() == 1
    second = AuditEvent.objects.filter(action="printing.layout_save").order_by("-id").first()
    moved = next(f for f in second.after["fields"] if f["key"] == "recipient_name")
    was = next(f for f in second.before["fields"] if f["key"] == "recipient_name")
    assert (was["y"], moved["y"]) == (118.0, 121.5)


@pytest.mark.parametrize(("changes", "message"), [
    ({"fields": fields_of(unit={"x": 420})}, layouts.FIELD_OFF_PAGE % {"field": "Chức vụ, đơn vị"}),
    ({"fields": fields_of(achievement={"x": 100, "width": 350})},
     layouts.FIELD_TOO_WIDE % {"field": "Thành tích"}),
    ({"fields": fields_of(decision={"text": "Số {so_quyet_dinh}"})},
     layouts.FIELD_PLACEHOLDER % {"field": "Số, ngày quyết định", "name": "so_quyet_dinh"}),
    ({"fields": fields_of(achievement={"text": "{achievement}" * 40})},
     layouts.FIELD_TEXT_LONG % {"field": "Thành tích", "max": 500}),
    ({"fields": fields_of(signer_name={"font": "comic"})},
     layouts.FIELD_FONT % {"field": "Họ tên người ký", "font": "comic"}),
    ({"fields": fields_of(qr={"width": 6})}, layouts.QR_SIZE),
    ({"fields": fields_of(recipient_name={"enabled": False})}, layouts.NO_FIELDS),
    ({"fields": fields_of(unit={"size": 90})}, layouts.FIELD_SIZE % {"field": "Chức vụ, đơn vị"}),
    ({"page_width": 20}, layouts.PAGE_TOO_SMALL),
    ({"name": "  "}, services.NAME_REQUIRED),
])
def test_a_layout_that_cannot_print_is_refused(secretariat, tree, changes, message):
    with pytest.raises(ApplicationError) as caught:
        save(secretariat, tree["root"], **changes)
    assert caught.value.message == message
    assert not CertificateLayout.objects.exists() and not AuditEvent.objects.filter(
        action="printing.layout_save").exists()


def test_only_print_managers_save_layouts(officer_a, head_a, secretariat_b, tree):
    for actor in (officer_a, head_a, secretariat_b):
        with pytest.raises(PermissionDenied):
            save(actor, tree["a"])
    assert not CertificateLayout.objects.exists()


def test_reset_drops_the_own_layout(secretariat, tree):
    save(secretariat, tree["a"], kind="GK", name="Phôi Giấy khen Sở", page_width=297, page_height=210,
         fields=fields_of("GK"))
    assert layouts.effective_layout("GK", tree["a1"]).source == "inherited"
    services.layout_reset(actor=secretariat, unit=tree["a"], kind="GK")
    assert layouts.effective_layout("GK", tree["a1"]).source == "default"
    event = AuditEvent.objects.get(action="printing.layout_reset")
    assert event.before["name"] == "Phôi Giấy khen Sở"
    with pytest.raises(ApplicationError):
        services.layout_reset(actor=secretariat, unit=tree["a"], kind="GK")


def test_printer_offsets_are_saved_checked_and_audited(secretariat, officer_a, tree):
    printer = services.printer_save(actor=secretariat, unit=tree["root"], name="Canon LBP phòng TĐKT",
                                    offset_x="1,5", offset_y=-2)
    assert (printer.offset_x, printer.offset_y) == (pytest.approx(1.5), pytest.approx(-2))
    printer = services.printer_save(actor=secretariat, unit=tree["root"], printer=printer, name="Canon LBP phòng TĐKT",
                                    offset_x=2, offset_y=-2)
    event = AuditEvent.objects.filter(action="printing.printer_save").order_by("-id").first()
    assert (event.before["offset_x"], event.after["offset_x"]) == ("1.5", "2.0")
    with pytest.raises(ApplicationError) as caught:
        services.printer_save(actor=secretariat, unit=tree["root"], name="canon lbp phòng tđkt", offset_x=0,
                              offset_y=0)
    assert caught.value.message == services.PRINTER_NAME_TAKEN % "canon lbp phòng tđkt"
    with pytest.raises(ApplicationError) as caught:
        services.printer_save(actor=secretariat, unit=tree["root"], name="HP", offset_x=80, offset_y=0)
    assert caught.value.message == services.OFFSET_RANGE
    with pytest.raises(PermissionDenied):
        services.printer_save(actor=officer_a, unit=tree["a"], name="HP", offset_x=0, offset_y=0)
    assert PrinterProfile.objects.count() == 1
