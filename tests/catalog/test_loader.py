"""The catalog files and the loader's validation (no database)."""

import datetime as dt
import re

import pytest
import yaml

from tests.catalog.conftest import shipped_kinds, write_yaml
from thidua.catalog import loader
from thidua.catalog.loader import CatalogError

DESIGN_CODES = {"LDTT", "CSTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "GK", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1",
                "TTLDTT", "DVTT", "TTLDXS", "DVQT", "CO_TINH", "CO_CP", "GDVH", "TDPVH"}


def test_shipped_catalog_has_every_design_code_and_the_other_forms_of_the_law():
    entries = {e.code: e for e in loader.load_kinds()}
    assert set(entries) >= DESIGN_CODES
    others = {"HCSV", "HCHCM", "HCDL1", "HCDL2", "HCDL3", "HCQC1", "HCQC2", "HCQC3", "HCBVTQ1", "HCBVTQ2", "HCBVTQ3",
              "HCCC1", "HCCC2", "HCCC3", "HCDDKDT", "HCDC", "HCHN", "HUYC_QKQT", "HUYC_VANTQ", "HUYC_CSVV1",
              "HUYC_CSVV2", "HUYC_CSVV3", "HUYC_HN", "DHVD_AHLD", "DHVD_AHLLVT", "DHVD_BMVNAH", "DHVD_TINH_AH",
              "DHVD_NGND", "DHVD_NGUT", "DHVD_TTND", "DHVD_TTUT", "DHVD_NSND", "DHVD_NSUT", "DHVD_NNND", "DHVD_NNUT",
              "XA_TIEU_BIEU", "KNC_TINH", "KNC_UBTVQH", "GT_HCM", "GT_NN"}
    assert others <= set(entries)
    for entry in entries.values():
        assert entry.data["legal_basis"], entry.code
        assert entry.data["subjects"], entry.code
    titles = {c for c, e in entries.items() if e.data["category"] == "danh_hieu"}
    assert {"LDTT", "CSTDCS", "TTLDXS", "CO_CP", "GDVH", "TDPVH", "XA_TIEU_BIEU"} <= titles
    assert not {"GK", "BK_TINH", "HCLD3"} & titles


def test_shipped_entries_follow_the_law():
    e = {e.code: e.data for e in loader.load_kinds()}
    assert e["LDTT"]["certificate"] is False and e["CSTDCS"]["certificate"] is True
    assert e["TTLDXS"]["subjects"] == ["collective"] and e["GDVH"]["subjects"] == ["household"]
    assert e["BK_TINH"]["coefficients"] == {"individual": "1.5", "collective": "3", "household": "2.25"}
    assert e["HCLD1"]["coefficients"]["collective"] == "18"
    # State-level forms are published for comment by default (LAW.md §D5); the unit's own are not.
    assert e["HCLD3"]["requires_public_consultation"] and e["BK_TTG"]["requires_public_consultation"]
    assert not e["LDTT"]["requires_public_consultation"] and not e["BK_TINH"]["requires_public_consultation"]
    assert e["CSTT"]["variant_of"] == "LDTT" and e["DVQT"]["variant_of"] == "TTLDXS"
    assert e["LDTT"]["authority"]["levels"] == ["xa", "co_quan"]
    assert e["CO_CP"]["rank"] > e["CO_TINH"]["rank"] > e["TTLDXS"]["rank"] > e["TTLDTT"]["rank"]


def test_shipped_base_salaries():
    rows = loader.load_salaries()
    by_date = {r.effective_from: r.amount for r in rows}
    assert by_date[dt.date(2024, 7, 1)] == 2_340_000 and by_date[dt.date(2026, 7, 1)] == 2_530_000
    assert all(r.rounding == "up" and r.rounding_step == 10_000 for r in rows)
    assert [r.effective_from for r in rows] == sorted(by_date)


def _broken(tmp_path, mutate) -> str:
    data = shipped_kinds()
    mutate(data)
    return write_yaml(tmp_path / "award_kinds.yaml", data)


def _entry(data, code):
    return next(k for k in data["kinds"] if k["code"] == code)


@pytest.mark.parametrize(("mutate", "entry", "field", "words"), [
    (lambda d: _entry(d, "CSTT").update(variant_of="LDTT_X"), "CSTT", "variant_of", "LDTT_X"),
    (lambda d: _entry(d, "LDTT").pop("legal_basis"), "LDTT", "legal_basis", "căn cứ pháp lý"),
    (lambda d: _entry(d, "LDTT").update(legal_basis=[]), "LDTT", "legal_basis", "căn cứ pháp lý"),
    (lambda d: _entry(d, "LDTT").update(subjects=["individual", "family"]), "LDTT", "subjects", "family"),
    (lambda d: _entry(d, "GK").update(coefficients={"individual": -0.3}), "GK", "coefficients.individual", "âm"),
    (lambda d: _entry(d, "GK").update(coefficients={"individual": "ba"}), "GK", "coefficients.individual", "số"),
    (lambda d: _entry(d, "LDTT").update(coefficients={"collective": 0.8}), "LDTT", "coefficients.collective",
     "không tặng"),
    (lambda d: _entry(d, "LDTT").update(category="title"), "LDTT", "category", "title"),
    (lambda d: _entry(d, "LDTT").update(authority={"text": "Giám đốc", "levels": ["huyen"]}), "LDTT",
     "authority.levels", "huyen"),
    (lambda d: _entry(d, "LDTT").update(rank=-1), "LDTT", "rank", "thứ bậc"),
    (lambda d: _entry(d, "LDTT").update(colour="red"), "LDTT", "colour", "không được biết"),
    (lambda d: _entry(d, "GK").update(code="LDTT"), "LDTT", "code", "trùng"),
    (lambda d: _entry(d, "GK").update(code="gk"), "gk", "code", "không hợp lệ"),
])
def test_a_bad_entry_is_refused_naming_file_entry_and_field(tmp_path, mutate, entry, field, words):
    path = _broken(tmp_path, mutate)
    with pytest.raises(CatalogError) as exc:
        loader.load_kinds(path)
    error = exc.value
    assert (error.entry, error.field) == (entry, field)
    assert error.file.endswith("award_kinds.yaml")
    assert words in error.message
    assert "award_kinds.yaml" in str(error) and f"«{entry}»" in str(error) and f"«{field}»" in str(error)


def test_yaml_syntax_error_names_the_file(tmp_path):
    path = tmp_path / "award_kinds.yaml"
    path.write_text("valid_from: 2025-07-01\nkinds: [ {code: LDTT\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"award_kinds\.yaml: tệp không đúng cú pháp YAML"):
        loader.load_kinds(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogError, match="không đọc được tệp"):
        loader.load_kinds(tmp_path / "nope.yaml")


def test_entry_without_valid_from_and_no_default(tmp_path):
    data = shipped_kinds()
    del data["valid_from"]
    with pytest.raises(CatalogError) as exc:
        loader.load_kinds(write_yaml(tmp_path / "k.yaml", data))
    assert exc.value.field == "valid_from"


@pytest.mark.parametrize(("mutate", "entry", "field"), [
    (lambda d: d["base_salary"][0].update(amount=-5), "2016-05-01", "amount"),
    (lambda d: d["base_salary"][0].update(amount=0), "2016-05-01", "amount"),
    (lambda d: d["base_salary"][1].update({"from": d["base_salary"][0]["from"]}), "2016-05-01", "from"),
    (lambda d: d["base_salary"][2].pop("legal_basis"), "2018-07-01", "legal_basis"),
    (lambda d: d["rounding"].update(mode="down"), "rounding", "mode"),
    (lambda d: d["base_salary"][0].update({"from": "01/05/2016"}), "#1", "from"),
])
def test_a_bad_base_salary_is_refused(tmp_path, mutate, entry, field):
    data = yaml.safe_load(loader.SALARY_FILE.read_text(encoding="utf-8"))
    mutate(data)
    with pytest.raises(CatalogError) as exc:
        loader.load_salaries(write_yaml(tmp_path / "base_salary.yaml", data))
    assert (exc.value.entry, exc.value.field) == (entry, field)
    assert re.search(r"base_salary\.yaml", str(exc.value))
