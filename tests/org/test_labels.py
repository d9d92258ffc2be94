"""How papers name a unit's head ("Kính gửi: …") and a unit in full."""

from tests.conftest import make_unit
from thidua.org.labels import full_name, head_of


def test_heads_are_named_as_papers_address_them(tree):
    root, dept = tree["root"], tree["a"]
    assert head_of(root) == "Chủ tịch Ủy ban nhân dân tỉnh Thử Nghiệm"
    assert head_of(root, within=dept) == "Chủ tịch Ủy ban nhân dân tỉnh"  # from inside the province
    assert head_of(dept) == "Giám đốc Sở Nội vụ"
    commune = make_unit(root, "T.X", "UBND xã Hòa Bình", kind="ubnd_xa", level="xa")
    school = make_unit(commune, "T.X.1", "Trường Tiểu học Hòa Bình", kind="truong_hoc", level="co_so")
    assert head_of(commune) == "Chủ tịch Ủy ban nhân dân xã Hòa Bình" == f"Chủ tịch {full_name(commune)}"
    assert head_of(school) == "Hiệu trưởng Trường Tiểu học Hòa Bình"
