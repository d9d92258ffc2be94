"""The catalog says which sectors a kind goes to (Law 2022 Art. 20, 24, 27, 28): read from
the file, checked like every field, shown to the administrator, kept in the versions."""

import pytest

from thidua.catalog import loader, services
from thidua.catalog.loader import CatalogError
from thidua.catalog.models import AwardKind
from thidua.catalog.selectors import current_kinds


def test_the_file_limits_the_armed_forces_and_village_titles(catalog):
    kinds = current_kinds()
    assert kinds["CSTT"].sectors == kinds["DVQT"].sectors == kinds["DVTT"].sectors == ("armed_forces",)
    assert "armed_forces" not in kinds["LDTT"].sectors and "state" in kinds["LDTT"].sectors
    assert kinds["TDPVH"].sectors == ("commune",) and kinds["GDVH"].sectors == ("commune", "household")
    assert kinds["CO_CP"].sectors == () and kinds["CSTDCS"].sectors == ()  # any sector (Art. 23, 25)
    assert kinds["CSTT"].suits("armed_forces") and not kinds["CSTT"].suits("state") and kinds["CSTT"].suits(None)


def test_reloading_the_file_writes_no_new_version(catalog):
    count = AwardKind.objects.count()
    assert not services.catalog_load().changed and AwardKind.objects.count() == count


def test_an_unknown_sector_is_refused_naming_the_field():
    raw = {"code": "X1", "name": "Thử", "category": "danh_hieu", "group": "danh_hieu_thi_dua",
           "subjects": ["individual"], "authority": {"text": "Thủ trưởng", "levels": ["co_quan"]}, "rank": 1,
           "legal_basis": ["Luật Thi đua, khen thưởng 2022, Điều 24"], "sectors": ["army"], "valid_from": "2025-07-01"}
    with pytest.raises(CatalogError) as refused:
        loader.validate_kind(raw, known_codes=set())
    assert refused.value.field == "sectors" and "khu vực «army» không hợp lệ" in refused.value.message


def test_the_catalog_list_names_the_sectors_in_vietnamese(admin_client, catalog):
    from django.urls import reverse

    body = admin_client.get(reverse("catalog:list")).content.decode()
    assert "Chỉ xét cho: Lực lượng vũ trang nhân dân" in body


def test_the_migration_fills_versions_loaded_before_there_were_sectors(db, tmp_path):
    """A database loaded from the file before sectors: the migration gives those versions
    the file's sectors and hash, so loading the new file adds no version."""
    import importlib

    from django.apps import apps

    old = tmp_path / "award_kinds.yaml"
    old.write_text("\n".join(line for line in loader.KINDS_FILE.read_text(encoding="utf-8").splitlines()
                             if not line.strip().startswith("sectors:")), encoding="utf-8")
    services.catalog_load(kinds_file=old)
    assert "sectors" not in AwardKind.objects.get(code="CSTT").data
    importlib.import_module("thidua.catalog.migrations.0002_award_kind_sectors").fill(apps, None)
    assert AwardKind.objects.get(code="CSTT").data["sectors"] == ["armed_forces"]
    assert not services.catalog_load(kinds_file=loader.KINDS_FILE).changed
