from hypothesis import given
from hypothesis import strategies as st

from thidua.core.text import clean_name, fold, search_tokens


def test_fold_strips_marks_and_d_stroke():
    assert fold("Nguyễn Văn Phóng") == "nguyen van phong"
    assert fold("ĐẶNG THỊ ÁNH") == "dang thi anh"
    assert fold("  Lê   Hữu  Đức ") == "le huu duc"


def test_decomposed_input_folds_like_composed():
    decomposed = "Nguye\u0302\u0303n"  # what some keyboards and Excel exports send
    assert fold(decomposed) == fold("Nguyễn") == "nguyen"


def test_search_tokens_are_folded_words():
    assert search_tokens("  nguyễn  văn phong ") == ["nguyen", "van", "phong"]
    assert search_tokens("") == []


def test_clean_name_normalises_to_nfc_and_single_spaces():
    assert clean_name("Nguye\u0302\u0303n   Văn") == "Nguyễn Văn"


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    once = fold(text)
    assert fold(once) == once
