"""The codes of thidua.documents.models.DocumentKind, repeated to keep the parser Django-free."""

from __future__ import annotations

LUAT = "luat"
NGHI_DINH = "nghi_dinh"
THONG_TU = "thong_tu"
CHI_THI = "chi_thi"
KE_HOACH = "ke_hoach"
QUYET_DINH = "quyet_dinh"
CONG_VAN = "cong_van"
HUONG_DAN = "huong_dan"
TO_TRINH = "to_trinh"
BAO_CAO = "bao_cao"
THONG_BAO = "thong_bao"
KHAC = "khac"
KINDS = (LUAT, NGHI_DINH, THONG_TU, CHI_THI, KE_HOACH, QUYET_DINH, CONG_VAN, HUONG_DAN, TO_TRINH, BAO_CAO,
         THONG_BAO, KHAC)
