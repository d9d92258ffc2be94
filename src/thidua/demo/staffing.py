"""Who works where: leadership titles by unit name, staff titles and gender mix by unit type.

A unit's head title follows its name the way Vietnamese agencies are run ("Văn phòng"
is led by a Chánh Văn phòng, "Khoa" by a Trưởng khoa), so it is looked up by prefix.
"""

from dataclasses import dataclass
from itertools import accumulate

# (name prefix, head title, deputy title); first match wins, so longer prefixes go first.
LEADERS = (
    ("Văn phòng", "Chánh Văn phòng", "Phó Chánh Văn phòng"),
    ("Thanh tra", "Chánh Thanh tra", "Phó Chánh Thanh tra"),
    ("Chi cục", "Chi cục trưởng", "Phó Chi cục trưởng"),
    ("Ban Quản lý", "Trưởng ban", "Phó Trưởng ban"),
    ("Ban ", "Trưởng ban", "Phó Trưởng ban"),
    ("Phòng", "Trưởng phòng", "Phó Trưởng phòng"),
    ("Khoa", "Trưởng khoa", "Phó Trưởng khoa"),
    ("Tổ dân phố", "Tổ trưởng tổ dân phố", "Tổ phó tổ dân phố"),
    ("Tổ ", "Tổ trưởng", "Tổ phó"),
    ("Trường", "Hiệu trưởng", "Phó Hiệu trưởng"),
    ("Trạm", "Trạm trưởng", "Phó Trạm trưởng"),
    ("Thôn", "Trưởng thôn", "Phó Trưởng thôn"),
    ("UBND", "Chủ tịch UBND", "Phó Chủ tịch UBND"),
    ("Tỉnh Đoàn", "Bí thư Tỉnh Đoàn", "Phó Bí thư Tỉnh Đoàn"),
    ("Ủy ban Mặt trận", "Chủ tịch", "Phó Chủ tịch"),
    ("Hội", "Chủ tịch", "Phó Chủ tịch"),
    ("Liên đoàn", "Chủ tịch", "Phó Chủ tịch"),
    ("Báo", "Tổng Biên tập", "Phó Tổng Biên tập"),
    ("", "Giám đốc", "Phó Giám đốc"),  # Sở, Trung tâm, Bệnh viện, Công ty, Bảo tàng…
)

# Staff titles ("title weight" pairs) and the share of women, by kind of workplace.
STAFF = {
    "admin": ((("Chuyên viên", 60), ("Chuyên viên chính", 20), ("Kế toán", 6), ("Văn thư", 6),
               ("Cán sự", 4), ("Chuyên viên cao cấp", 1)), 0.45),
    "commune": ((("Công chức", 65), ("Chuyên viên", 20), ("Kế toán", 8), ("Văn thư", 7)), 0.45),
    "school": ((("Giáo viên", 86), ("Kế toán", 3), ("Nhân viên văn thư", 3), ("Nhân viên thư viện", 3),
                ("Nhân viên y tế học đường", 2), ("Nhân viên thiết bị", 3)), 0.7),
    "preschool": ((("Giáo viên mầm non", 84), ("Nhân viên nuôi dưỡng", 11), ("Kế toán", 5)), 0.97),
    "hospital": ((("Bác sĩ", 27), ("Điều dưỡng", 44), ("Kỹ thuật viên", 10), ("Dược sĩ", 5), ("Hộ sinh", 5),
                  ("Hộ lý", 6), ("Chuyên viên", 3)), 0.62),
    "health_post": ((("Bác sĩ", 20), ("Y sĩ", 25), ("Điều dưỡng", 25), ("Hộ sinh", 20), ("Dược sĩ", 10)), 0.7),
    "service": ((("Viên chức", 45), ("Chuyên viên", 25), ("Kế toán", 10), ("Kỹ sư", 15), ("Văn thư", 5)), 0.45),
    "enterprise": ((("Nhân viên", 40), ("Kỹ sư", 25), ("Công nhân", 25), ("Kế toán", 10)), 0.3),
    "mass": ((("Chuyên viên", 80), ("Kế toán", 10), ("Văn thư", 10)), 0.55),
    "village": ((("Phó Trưởng thôn", 1),), 0.25),
}


@dataclass(frozen=True)
class Profile:
    head: str
    deputy: str
    deputies: int
    staff_titles: tuple[str, ...]
    staff_cum: tuple[float, ...]
    female: float


_cache: dict[tuple[str, str, int], Profile] = {}


def profile_for(name: str, staff_kind: str, depth: int) -> Profile:
    """Titles for a unit called NAME whose staff are of STAFF_KIND, at tree DEPTH."""
    prefix, head, deputy = next(row for row in LEADERS if name.startswith(row[0]))
    key = (prefix, staff_kind, depth)
    if key not in _cache:
        titles, female = STAFF[staff_kind]
        _cache[key] = Profile(
            head=head, deputy=deputy,
            # A department has three deputy directors; communes and smaller units one or two.
            deputies=3 if depth == 2 and staff_kind == "admin" else (1 if depth >= 4 else 2),
            staff_titles=tuple(t for t, _ in titles), staff_cum=tuple(accumulate(w for _, w in titles)),
            female=female,
        )
    return _cache[key]
