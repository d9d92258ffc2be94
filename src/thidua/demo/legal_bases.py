"""The căn cứ the demo province and its home-affairs department keep for their papers
(`printing.bases`). The province is fictional, so are its decisions' numbers."""

from thidua.org import labels
from thidua.printing.models import LegalBases


def seed_legal_bases(root, department) -> int:
    province = labels.full_name(root)
    LegalBases.objects.bulk_create([
        LegalBases(unit=root, competence="Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
                   regulations=f"Căn cứ Quyết định số 25/2025/QĐ-UBND ngày 20 tháng 8 năm 2025 của {province} ban "
                               "hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh"),
        LegalBases(unit=department, competence=(
            f"Căn cứ Quyết định số 18/2025/QĐ-UBND ngày 30 tháng 6 năm 2025 của {province} quy định chức năng, "
            f"nhiệm vụ, quyền hạn và cơ cấu tổ chức của {department.name}")),
    ])
    return 2
