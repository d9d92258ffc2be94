"""The columns of the historical-awards and initiatives sheets, as the templates head them
and the headers a file may use instead (folded)."""

from django.utils.translation import gettext_lazy

from thidua.imports.sheet import Column

MAX_ROWS = 10_000

_UNIT = ("ma don vi", "ma dv", "don vi ma")
_NAME = ("ho va ten", "ho ten", "ho va ten ca nhan")
_BIRTH = ("ngay sinh", "ngay thang nam sinh", "sinh ngay")
_CCCD = ("so cccd", "cccd", "so can cuoc", "so can cuoc cong dan", "so dinh danh", "so dinh danh ca nhan")

AWARD_COLUMNS: tuple[Column, ...] = (
    Column("unit_code", gettext_lazy("Mã đơn vị"), True, _UNIT, 14),
    Column("full_name", gettext_lazy("Họ và tên"), False, _NAME, 26),
    Column("birth_date", gettext_lazy("Ngày sinh (dd/mm/yyyy)"), False, _BIRTH, 14),
    Column("cccd", gettext_lazy("Số CCCD"), False, _CCCD, 16),
    Column("subject", gettext_lazy("Đối tượng"), False, ("doi tuong", "loai doi tuong"), 13),
    Column("kind", gettext_lazy("Danh hiệu, hình thức"), True,
           ("danh hieu hinh thuc", "ma danh hieu hinh thuc", "ma danh hieu", "ma hinh thuc", "ma khen thuong"), 28),
    Column("year", gettext_lazy("Năm thành tích"), True, ("nam thanh tich", "nam"), 10),
    Column("period_from", gettext_lazy("Thành tích từ năm"), False, ("thanh tich tu nam", "tu nam"), 10),
    Column("period_to", gettext_lazy("Thành tích đến năm"), False, ("thanh tich den nam", "den nam"), 10),
    Column("commendation_type", gettext_lazy("Loại hình khen thưởng"), False, ("loai hinh khen thuong", "loai hinh"),
           24),
    Column("decision_number", gettext_lazy("Số quyết định"), True, ("so quyet dinh", "so qd", "so ky hieu"), 18),
    Column("decided_on", gettext_lazy("Ngày quyết định (dd/mm/yyyy)"), True, ("ngay quyet dinh", "ngay qd"), 14),
    Column("issuer", gettext_lazy("Cấp quyết định"), False, ("cap quyet dinh", "co quan quyet dinh"), 26),
    Column("money", gettext_lazy("Tiền thưởng (đồng)"), False, ("tien thuong", "so tien thuong", "so tien"), 14),
    Column("achievement", gettext_lazy("Thành tích"), False, ("thanh tich", "noi dung thanh tich"), 40),
)
INITIATIVE_COLUMNS: tuple[Column, ...] = (
    Column("unit_code", gettext_lazy("Mã đơn vị"), True, _UNIT, 14),
    Column("title", gettext_lazy("Tên sáng kiến"), True, ("ten sang kien", "sang kien"), 40),
    Column("year", gettext_lazy("Năm"), True, ("nam", "nam sang kien"), 8),
    Column("scope", gettext_lazy("Phạm vi công nhận"), True, ("pham vi cong nhan", "pham vi", "cap cong nhan"), 22),
    Column("recognized_on", gettext_lazy("Ngày công nhận (dd/mm/yyyy)"), True, ("ngay cong nhan",), 14),
    Column("decision_number", gettext_lazy("Số quyết định công nhận"), True,
           ("so quyet dinh cong nhan", "so quyet dinh", "so qd"), 18),
    Column("issuer", gettext_lazy("Cơ quan công nhận"), False, ("co quan cong nhan", "don vi cong nhan"), 24),
    Column("author_name", gettext_lazy("Họ và tên tác giả"), True, ("ho va ten tac gia", "tac gia", "ho ten tac gia"),
           26),
    Column("author_birth", gettext_lazy("Ngày sinh tác giả (dd/mm/yyyy)"), False, ("ngay sinh tac gia", "ngay sinh"),
           14),
    Column("author_cccd", gettext_lazy("Số CCCD tác giả"), False, ("so cccd tac gia", "cccd tac gia", "so cccd"), 16),
    Column("share", gettext_lazy("Tỷ lệ đóng góp (%)"), False, ("ty le dong gop", "ty le"), 10),
    Column("used_for", gettext_lazy("Đã dùng để xét"), False, ("da dung de xet", "dung de xet"), 30),
    Column("summary", gettext_lazy("Tóm tắt, hiệu quả"), False, ("tom tat hieu qua", "tom tat", "hieu qua"), 40),
)

