import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.catalog.conftest import shipped_kinds, write_yaml
from thidua.catalog import services
from thidua.catalog.models import AwardKind, BaseSalary
from thidua.catalog.selectors import current_kinds, kind_latest
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_first_load_writes_every_entry_once_with_an_audit_event():
    result = services.catalog_load()
    assert len(result.created_kinds) == AwardKind.objects.count() >= 59
    assert BaseSalary.objects.count() == len(result.created_salaries) == 7
    # A kind of Decree 98's table: version 1 in force from 01/01/2024, version 2 Decree 152's.
    assert set(AwardKind.objects.values_list("version", flat=True)) == {1, 2}
    assert list(AwardKind.objects.filter(code="BK_TINH").values_list("version", "valid_from")) == [
        (1, dt.date(2024, 1, 1)), (2, dt.date(2025, 7, 1))]
    assert set(AwardKind.objects.filter(code="HCLD3").values_list("version", flat=True)) == {1}
    event = AuditEvent.objects.get(action="catalog.load")
    assert "LDTT" in event.after["award_kinds"] and "2026-07-01" in event.after["base_salaries"]
    assert current_kinds()["LDTT"].name == "Lao động tiên tiến"


def test_reloading_unchanged_files_writes_nothing():
    services.catalog_load()
    count, events = AwardKind.objects.count(), AuditEvent.objects.count()
    result = services.catalog_load()
    assert not result.changed and result.unchanged_kinds == count
    assert AwardKind.objects.count() == count and AuditEvent.objects.count() == events


def test_a_changed_entry_gets_a_new_version_and_the_old_one_stays(tmp_path):
    services.catalog_load()
    data = shipped_kinds()
    ldtt = next(k for k in data["kinds"] if k["code"] == "LDTT")
    ldtt["name"] = "Lao động tiên tiến (sửa)"
    path = write_yaml(tmp_path / "award_kinds.yaml", data)
    result = services.catalog_load(kinds_file=path)
    assert result.created_kinds == ["LDTT"]
    assert list(AwardKind.objects.filter(code="LDTT").values_list("version", "name")) == [
        (1, "Lao động tiên tiến"), (2, "Lao động tiên tiến"), (3, "Lao động tiên tiến (sửa)")]
    assert current_kinds()["LDTT"].name == "Lao động tiên tiến (sửa)"


def test_an_administrators_version_survives_reloading_the_unchanged_file(django_user_model):
    services.catalog_load()
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    data = dict(kind_latest("GK").data, name="Giấy khen (đổi tên)")
    services.award_kind_new_version(actor=admin, code="GK", data=data, valid_from=dt.date(2025, 7, 1), reason="Thử")
    services.catalog_load()
    assert kind_latest("GK").version == 2 and current_kinds()["GK"].name == "Giấy khen (đổi tên)"


def test_an_invalid_file_writes_nothing(tmp_path):
    data = shipped_kinds()
    data["kinds"][0]["legal_basis"] = []
    with pytest.raises(Exception, match="căn cứ pháp lý"):
        services.catalog_load(kinds_file=write_yaml(tmp_path / "k.yaml", data))
    assert not AwardKind.objects.exists() and not BaseSalary.objects.exists()


def test_a_future_version_is_not_current_yet(tmp_path):
    data = shipped_kinds()
    data["kinds"].append({**next(k for k in data["kinds"] if k["code"] == "GK"), "code": "GK_MOI",
                          "valid_from": dt.date.today() + dt.timedelta(days=30)})
    services.catalog_load(kinds_file=write_yaml(tmp_path / "k.yaml", data))
    assert "GK_MOI" not in current_kinds()
    assert "GK_MOI" in current_kinds(dt.date.today() + dt.timedelta(days=31))


def test_command_loads_and_reports():
    out = StringIO()
    call_command("catalog", "load", stdout=out)
    assert "Phiên bản mới cho" in out.getvalue() and "Mức lương cơ sở mới" in out.getvalue()
    again = StringIO()
    call_command("catalog", "load", stdout=again)
    assert "Danh mục không thay đổi" in again.getvalue()


def test_command_refuses_a_bad_file_naming_it(tmp_path):
    data = shipped_kinds()
    next(k for k in data["kinds"] if k["code"] == "GK")["subjects"] = ["everyone"]
    path = write_yaml(tmp_path / "bad.yaml", data)
    with pytest.raises(CommandError, match=r"bad\.yaml.*«GK».*«subjects»"):
        call_command("catalog", "load", "--file", path)
    assert not AwardKind.objects.exists()
