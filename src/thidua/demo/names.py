"""Vietnamese personal names with rough frequency weights, and a maker of full names.

Family-name weights follow the commonly cited shares (Nguyễn ≈ 38 %); middle and given
names are weighted by feel, enough for search and lists to look like a real agency.
Each table is one "name weight" per line so it reads like a data file.
"""

import random
from bisect import bisect
from itertools import accumulate

FAMILY = """
Nguyễn 38
Trần 11
Lê 9.5
Phạm 7
Hoàng 3.3
Huỳnh 2.2
Phan 4.5
Vũ 2.6
Võ 1.8
Đặng 2.1
Bùi 2
Đỗ 1.4
Hồ 1.3
Ngô 1.3
Dương 1
Lý 0.5
Đinh 0.7
Trương 0.7
Đào 0.6
Trịnh 0.5
Lương 0.4
Mai 0.4
Lâm 0.4
Hà 0.4
Cao 0.3
Tạ 0.2
Chu 0.2
Lưu 0.2
Tô 0.2
Thái 0.2
Kiều 0.1
Quách 0.1
"""

MIDDLE_MALE = """
Văn 34
Đức 8
Minh 8
Hữu 6
Quang 6
Thanh 5
Công 4
Quốc 4
Xuân 3
Tiến 3
Đình 4
Ngọc 3
Anh 3
Trung 2
Mạnh 2
Hoàng 2
Thế 2
Duy 2
"""

MIDDLE_FEMALE = """
Thị 40
Ngọc 6
Thu 5
Thanh 5
Kim 3
Minh 3
Thùy 3
Phương 3
Hồng 3
Bích 2
Mai 2
Diệu 1
Hải 2
Thị Thu 4
Thị Thanh 3
Thị Ngọc 3
Thị Kim 2
Thị Hồng 2
Thị Minh 2
"""

GIVEN_MALE = """
An 2
Anh 5
Bảo 2
Bình 3
Cường 3
Công 1
Chiến 2
Dũng 5
Duy 2
Đạt 3
Đức 3
Định 1
Giang 1
Hải 4
Hào 1
Hiếu 3
Hiệp 2
Hòa 2
Hoàng 3
Hùng 5
Huy 4
Hưng 3
Khang 1
Khánh 2
Khoa 2
Kiên 2
Lâm 2
Linh 1
Lợi 1
Long 4
Lộc 2
Luân 1
Mạnh 2
Minh 5
Nam 4
Nghĩa 2
Nhân 2
Phát 1
Phong 4
Phóng 1
Phú 2
Phúc 3
Phương 1
Quân 3
Quang 3
Quý 1
Sơn 4
Tài 2
Tâm 2
Thắng 3
Thành 4
Thanh 2
Thịnh 2
Toàn 2
Trí 2
Trung 4
Trường 2
Tuấn 5
Tùng 3
Tú 2
Việt 3
Vinh 3
Vũ 2
Xuân 1
"""

GIVEN_FEMALE = """
An 1
Anh 5
Ánh 2
Bích 1
Chi 2
Diệp 1
Dung 3
Duyên 2
Giang 2
Hà 5
Hạnh 3
Hằng 4
Hiền 4
Hoa 4
Hòa 1
Hồng 3
Huệ 2
Hương 6
Hường 2
Huyền 4
Lan 5
Liên 2
Linh 5
Loan 2
Ly 2
Mai 5
My 2
Nga 4
Ngân 2
Ngọc 3
Nhung 3
Oanh 2
Phong 0.5
Phương 4
Quỳnh 3
Tâm 2
Thảo 5
Thơm 1
Thu 3
Thủy 4
Thúy 3
Trang 6
Trinh 2
Uyên 2
Vân 3
Xuân 2
Yến 4
"""


def _table(text: str) -> tuple[list[str], list[float]]:
    """Parse "name weight" lines into names and cumulative weights for bisect."""
    names, weights = [], []
    for line in text.strip().splitlines():
        name, weight = line.rsplit(" ", 1)
        names.append(name)
        weights.append(float(weight))
    return names, list(accumulate(weights))


class NameMaker:
    """Draws full names from the tables; one RNG so a seed gives the same people."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.family = _table(FAMILY)
        self.middle = {"nam": _table(MIDDLE_MALE), "nu": _table(MIDDLE_FEMALE)}
        self.given = {"nam": _table(GIVEN_MALE), "nu": _table(GIVEN_FEMALE)}

    def _draw(self, table: tuple[list[str], list[float]]) -> str:
        names, cum = table
        return names[bisect(cum, self.rng.random() * cum[-1])]

    def full_name(self, gender: str) -> str:
        return f"{self._draw(self.family)} {self._draw(self.middle[gender])} {self._draw(self.given[gender])}"
