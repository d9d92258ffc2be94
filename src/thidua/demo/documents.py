"""The văn bản a provincial emulation office keeps: the law, and each year's directive,
plan, guidance and award decision, plus the 2025 resolution that merged communes.
"""

import datetime as dt
import random

from thidua.core.text import fold
from thidua.demo.catalog import PROVINCE, ROOT_NAME
from thidua.demo.presets import Preset
from thidua.documents.models import Document

NATIONAL = (
    ("06/2022/QH15", "luat", dt.date(2022, 6, 15), "Quốc hội", "Luật Thi đua, khen thưởng"),
    ("98/2023/NĐ-CP", "nghi_dinh", dt.date(2023, 12, 31), "Chính phủ",
     "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"),
    ("90/2020/NĐ-CP", "nghi_dinh", dt.date(2020, 8, 13), "Chính phủ",
     "Về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức"),
    ("112/2020/NĐ-CP", "nghi_dinh", dt.date(2020, 9, 18), "Chính phủ",
     "Về xử lý kỷ luật cán bộ, công chức, viên chức"),
)
# The decision that revokes a few demo awards (the ledger keeps them, struck through).
REVOCATION = (
    "215/QĐ-UBND", "quyet_dinh", dt.date(2025, 6, 16), ROOT_NAME,
    "Về việc hủy bỏ quyết định tặng danh hiệu Lao động tiên tiến đối với một số cá nhân kê khai thành tích không "
    "trung thực",
)
MERGE_RESOLUTION = (
    "1699/NQ-UBTVQH15", "khac", dt.date(2025, 6, 16), "Ủy ban Thường vụ Quốc hội",
    f"Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh {PROVINCE} năm 2025",
)


def _doc(unit_pk: int, number: str, kind: str, issued_on: dt.date, issuer: str, summary: str) -> Document:
    return Document(
        number=number, kind=kind, issued_on=issued_on, issuer=issuer, summary=summary, unit_id=unit_pk,
        search_key=fold(f"{number} {summary}")[:400],
    )


def make_documents(rng: random.Random, preset: Preset, root_pk: int, home_affairs_pk: int) -> list[Document]:
    """About three documents a seeded year; the revocation of a few awards second to last, and the merge
    resolution last (successions cite it)."""
    docs = [_doc(root_pk, *row) for row in NATIONAL]
    years = list(preset.years)
    for year in years:
        docs.append(_doc(root_pk, "01/CT-UBND", "chi_thi", dt.date(year, 1, rng.randint(5, 25)), ROOT_NAME,
                         f"Về việc phát động phong trào thi đua yêu nước năm {year}"))
        docs.append(_doc(root_pk, f"{rng.randint(10, 60)}/KH-UBND", "ke_hoach", dt.date(year, 2, rng.randint(1, 28)),
                         ROOT_NAME, f"Kế hoạch tổ chức các phong trào thi đua năm {year}"))
    for year in years[-5:]:
        docs.append(_doc(root_pk, f"{rng.randint(300, 900)}/QĐ-UBND", "quyet_dinh",
                         dt.date(year, 4, rng.randint(1, 28)), ROOT_NAME,
                         f"Về việc tặng danh hiệu thi đua và Bằng khen của Chủ tịch UBND tỉnh "
                         f"cho các tập thể, cá nhân có thành tích xuất sắc năm {year - 1}"))
    for year in years[-3:]:
        docs.append(_doc(home_affairs_pk, f"{rng.randint(5, 40)}/HD-SNV", "huong_dan",
                         dt.date(year, 3, rng.randint(1, 28)), f"Sở Nội vụ tỉnh {PROVINCE}",
                         f"Hướng dẫn công tác thi đua, khen thưởng năm {year}"))
    docs.append(_doc(root_pk, *REVOCATION))
    docs.append(_doc(root_pk, *MERGE_RESOLUTION))
    return docs
