"""Reward money against LAW.md §E (base 2,530,000 from 01/07/2026, round up to 10,000)."""

import datetime as dt

import pytest

from tests.money import reward_money
from thidua.catalog import services
from thidua.catalog.money import MoneyUnknown, NoCoefficient
from thidua.core.errors import ApplicationError

AFTER = dt.date(2026, 7, 2)  # decisions of the worked cases (LAW.md §H)


@pytest.mark.parametrize(("code", "subject", "amount"), [
    ("CSTD_TQ", "individual", 11_390_000),
    ("CSTD_TINH", "individual", 7_590_000),
    ("CSTDCS", "individual", 2_530_000),
    ("LDTT", "individual", 760_000),
    ("CSTT", "individual", 760_000),
    ("TTLDXS", "collective", 3_800_000),
    ("DVQT", "collective", 3_800_000),
    ("TTLDTT", "collective", 2_030_000),
    ("XA_TIEU_BIEU", "collective", 5_060_000),
    ("TDPVH", "collective", 3_800_000),
    ("CO_CP", "collective", 30_360_000),
    ("CO_TINH", "collective", 20_240_000),
    ("HCLD1", "individual", 22_770_000),
    ("HCLD1", "collective", 45_540_000),
    ("HCLD2", "individual", 18_980_000),
    ("HCLD2", "collective", 37_950_000),
    ("HCLD3", "individual", 11_390_000),
    ("HCLD3", "collective", 22_770_000),
    ("DHVD_AHLD", "collective", 78_430_000),
    ("BK_TTG", "individual", 8_860_000),
    ("BK_TTG", "collective", 17_710_000),
    ("BK_TINH", "individual", 3_800_000),
    ("BK_TINH", "collective", 7_590_000),
    ("BK_TINH", "household", 5_700_000),
    ("GK", "individual", 760_000),
    ("GK", "collective", 1_520_000),
    ("GK", "household", 1_140_000),
])
def test_law_amounts(catalog, code, subject, amount):
    assert reward_money(code, subject, AFTER) == amount


def test_the_base_salary_of_the_decision_date_applies(catalog):
    assert reward_money("LDTT", "individual", dt.date(2026, 6, 30)) == 710_000  # 0.3 × 2,340,000 = 702,000
    assert reward_money("LDTT", "individual", dt.date(2026, 7, 1)) == 760_000
    assert reward_money("CSTDCS", "individual", dt.date(2024, 1, 15)) == 1_800_000  # Decree 98 Art. 54(1)(c)


# A provincial Bằng khen for one person, decided on three dates (docs/law.md "Tiền thưởng").
@pytest.mark.parametrize(("decided_on", "amount"), [
    # Decree 98/2023 in force (Art. 58(1)(b): 1,0 — unconfirmed figure); base 2,340,000 (Decree 73/2024).
    (dt.date(2025, 3, 15), 2_340_000),
    # Decree 152/2025 in force from 01/07/2025 (Art. 54(1)(b): 1,5); base 2,340,000: 3,510,000 exactly.
    (dt.date(2025, 8, 15), 3_510_000),
    # Decree 152/2025; base 2,530,000 (Decree 161/2026): 3,795,000 rounded up (Art. 49(2)).
    (dt.date(2026, 8, 15), 3_800_000),
])
def test_provincial_bang_khen_by_decision_date(catalog, decided_on, amount):
    assert reward_money("BK_TINH", "individual", decided_on) == amount


def test_a_figure_of_decree_98_not_read_leaves_the_money_unknown(catalog):
    """Decisions before 01/07/2025 whose Decree 98 figure is not encoded get no amount (the
    pages show it blank), never Decree 152's; nor do decisions before 2024 (Decree 91/2017)."""
    with pytest.raises(NoCoefficient, match=r"Huân chương Lao động hạng Ba.*15/03/2025"):
        reward_money("HCLD3", "individual", dt.date(2025, 3, 15))
    with pytest.raises(NoCoefficient):
        reward_money("BK_TINH", "household", dt.date(2025, 3, 15))
    with pytest.raises(NoCoefficient):
        reward_money("LDTT", "individual", dt.date(2017, 3, 1))
    assert reward_money("HCLD3", "individual", dt.date(2025, 7, 1)) == 10_530_000


def test_no_coefficient_is_no_money(catalog):
    assert reward_money("GDVH", "household", AFTER) == 0
    assert reward_money("DHVD_AHLD", "individual", AFTER) == 0


def test_refusals(catalog):
    with pytest.raises(MoneyUnknown):
        reward_money("LDTT", "individual", dt.date(2015, 12, 31))
    with pytest.raises(ApplicationError, match="không có trong danh mục"):
        reward_money("LDTT_X", "individual", AFTER)
    with pytest.raises(ApplicationError, match="không tặng cho"):
        reward_money("TTLDXS", "individual", AFTER)


def test_a_later_version_prices_only_later_decisions(catalog, django_user_model):
    from thidua.catalog.selectors import kind_latest

    admin = django_user_model.objects.create_superuser("quantri", password="x")
    data = dict(kind_latest("LDTT").data)
    data["coefficients"] = {"individual": "0.5"}
    services.award_kind_new_version(actor=admin, code="LDTT", data=data, valid_from=dt.date(2026, 9, 1),
                                    reason="Thử hệ số mới")
    assert reward_money("LDTT", "individual", dt.date(2026, 8, 31)) == 760_000
    assert reward_money("LDTT", "individual", dt.date(2026, 9, 1)) == 1_270_000  # 0.5 × 2,530,000 = 1,265,000


def test_rounding_can_be_switched_off(db, tmp_path):
    import yaml

    from tests.catalog.conftest import write_yaml
    from thidua.catalog import loader

    data = yaml.safe_load(loader.SALARY_FILE.read_text(encoding="utf-8"))
    data["rounding"]["mode"] = "none"
    services.catalog_load(salary_file=write_yaml(tmp_path / "base_salary.yaml", data))
    assert reward_money("LDTT", "individual", dt.date(2026, 6, 30)) == 702_000
