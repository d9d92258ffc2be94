"""Names of the fictional province's agencies, after the 2025 reform (no district level).

Each department lists its internal offices and public-service units as (code, name);
`group` says which emulation bloc it joins. Codes are short and stable so unit codes
read like "HS.SNV.CCVC".
"""

from dataclasses import dataclass, field

PROVINCE = "Hà Sơn"
PROVINCE_CODE = "HS"
ROOT_NAME = f"UBND tỉnh {PROVINCE}"


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    kind: str = "co_quan_hc"
    group: str = "general"
    offices: tuple[tuple[str, str], ...] = ()
    services: tuple[tuple[str, str], ...] = ()
    extra: str = ""  # "schools" or "hospitals": the department runs a network of them
    staff: tuple[int, int] = field(default=(3, 5))  # people working directly at this level


_VP = ("VP", "Văn phòng Sở")
_TTR = ("TTR", "Thanh tra Sở")

DEPARTMENTS = (
    Department(
        "SNV", "Sở Nội vụ", offices=(
            _VP, ("BTDKT", "Ban Thi đua – Khen thưởng"), ("CCVC", "Phòng Công chức, viên chức"), _TTR,
            ("TCBC", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ"),
            ("XDCQ", "Phòng Xây dựng chính quyền và Công tác thanh niên"), ("LDVL", "Phòng Lao động – Việc làm"),
        ),
        services=(("TTLT", "Trung tâm Lưu trữ lịch sử"), ("TTDVVL", "Trung tâm Dịch vụ việc làm")),
    ),
    Department(
        "SYT", "Sở Y tế", group="social", extra="hospitals", offices=(
            _VP, ("NVY", "Phòng Nghiệp vụ Y"), _TTR, ("NVD", "Phòng Nghiệp vụ Dược"),
            ("TCCB", "Phòng Tổ chức cán bộ"), ("KHTC", "Phòng Kế hoạch – Tài chính"),
        ),
        services=(("CDC", "Trung tâm Kiểm soát bệnh tật"), ("TTKN", "Trung tâm Kiểm nghiệm")),
    ),
    Department(
        "SGDDT", "Sở Giáo dục và Đào tạo", group="social", extra="schools", offices=(
            _VP, ("GDTRH", "Phòng Giáo dục Trung học"), _TTR, ("GDMNTH", "Phòng Giáo dục Mầm non – Tiểu học"),
            ("TCCB", "Phòng Tổ chức cán bộ"), ("KTQLCL", "Phòng Khảo thí và Quản lý chất lượng"),
        ),
        services=(("TTGDTX", "Trung tâm Giáo dục thường xuyên tỉnh"),),
    ),
    Department(
        "VPUB", "Văn phòng UBND tỉnh", offices=(
            ("TH", "Phòng Tổng hợp"), ("KT", "Phòng Kinh tế"), ("KGVX", "Phòng Khoa giáo – Văn xã"),
            ("HCTC", "Phòng Hành chính – Tổ chức"), ("QTTV", "Phòng Quản trị – Tài vụ"),
        ),
        services=(("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh"),
                  ("TTTTCB", "Trung tâm Thông tin – Công báo")),
    ),
    Department(
        "STC", "Sở Tài chính", offices=(
            _VP, _TTR, ("QLNS", "Phòng Quản lý ngân sách"), ("TCDN", "Phòng Tài chính doanh nghiệp"),
            ("DT", "Phòng Đầu tư"), ("DKKD", "Phòng Đăng ký kinh doanh"),
        ),
        services=(("TTHTDN", "Trung tâm Hỗ trợ doanh nghiệp và Xúc tiến đầu tư"),),
    ),
    Department(
        "SXD", "Sở Xây dựng", group="economic", offices=(
            _VP, _TTR, ("QLXD", "Phòng Quản lý xây dựng"), ("QHKT", "Phòng Quy hoạch – Kiến trúc"),
            ("QLGT", "Phòng Quản lý giao thông"), ("PTDT", "Phòng Phát triển đô thị"),
        ),
        services=(("TTDK", "Trung tâm Đăng kiểm xe cơ giới"),),
    ),
    Department(
        "SNNMT", "Sở Nông nghiệp và Môi trường", group="economic", offices=(
            _VP, _TTR, ("KHTC", "Phòng Kế hoạch – Tài chính"), ("QLDD", "Phòng Quản lý đất đai"),
            ("MT", "Phòng Môi trường"), ("CCTTBVTV", "Chi cục Trồng trọt và Bảo vệ thực vật"),
            ("CCCNTY", "Chi cục Chăn nuôi và Thú y"), ("CCKL", "Chi cục Kiểm lâm"),
        ),
        services=(("TTKN", "Trung tâm Khuyến nông"), ("VPDKDD", "Văn phòng Đăng ký đất đai"),
                  ("TTQT", "Trung tâm Quan trắc tài nguyên và môi trường")),
    ),
    Department(
        "SCT", "Sở Công Thương", group="economic", offices=(
            _VP, _TTR, ("QLCN", "Phòng Quản lý công nghiệp"), ("QLTM", "Phòng Quản lý thương mại"),
            ("QLNL", "Phòng Quản lý năng lượng"),
        ),
        services=(("TTKC", "Trung tâm Khuyến công và Xúc tiến thương mại"),),
    ),
    Department(
        "SKHCN", "Sở Khoa học và Công nghệ", group="economic", offices=(
            _VP, _TTR, ("QLKH", "Phòng Quản lý khoa học"), ("CDS", "Phòng Chuyển đổi số"),
            ("BCVT", "Phòng Bưu chính – Viễn thông"),
        ),
        services=(("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông"),),
    ),
    Department(
        "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", group="social", offices=(
            _VP, _TTR, ("QLVH", "Phòng Quản lý văn hóa"), ("QLTDTT", "Phòng Quản lý thể dục thể thao"),
            ("QLDL", "Phòng Quản lý du lịch"),
        ),
        services=(("BT", "Bảo tàng tỉnh"), ("TV", "Thư viện tỉnh"),
                  ("TTHLTD", "Trung tâm Huấn luyện và Thi đấu thể dục thể thao")),
    ),
    Department(
        "STP", "Sở Tư pháp", offices=(
            _VP, _TTR, ("XDKTVB", "Phòng Xây dựng và Kiểm tra văn bản"), ("HCTP", "Phòng Hành chính tư pháp"),
            ("PBGDPL", "Phòng Phổ biến, giáo dục pháp luật"),
        ),
        services=(("TTTGPL", "Trung tâm Trợ giúp pháp lý nhà nước"),),
    ),
    Department(
        "TTT", "Thanh tra tỉnh", offices=(
            ("VP", "Văn phòng Thanh tra tỉnh"), ("NV1", "Phòng Nghiệp vụ 1"), ("NV2", "Phòng Nghiệp vụ 2"),
            ("TCD", "Phòng Tiếp công dân và Xử lý đơn thư"), ("PCTN", "Phòng Phòng, chống tham nhũng"),
        ),
    ),
    Department(
        "BQLKCN", "Ban Quản lý các khu công nghiệp", group="economic", offices=(
            ("VP", "Văn phòng Ban"), ("QLDT", "Phòng Quản lý đầu tư"), ("QLDN", "Phòng Quản lý doanh nghiệp"),
            ("QHXD", "Phòng Quản lý quy hoạch và xây dựng"),
        ),
    ),
    Department(
        "SDTTG", "Sở Dân tộc và Tôn giáo", offices=(
            _VP, _TTR, ("CSDT", "Phòng Chính sách dân tộc"), ("TG", "Phòng Quản lý tôn giáo"),
        ),
    ),
    Department(
        "SNGV", "Sở Ngoại vụ", offices=(
            _VP, ("LS", "Phòng Lãnh sự"), ("HTQT", "Phòng Hợp tác quốc tế"),
        ),
    ),
    Department(
        "BPTTH", f"Báo và Phát thanh, Truyền hình {PROVINCE}", kind="don_vi_su_nghiep", group="service",
        offices=(("TCHC", "Phòng Tổ chức – Hành chính"), ("TS", "Phòng Thời sự"), ("BT", "Phòng Biên tập"),
                 ("KT", "Phòng Kỹ thuật – Công nghệ")),
    ),
    Department(
        "BQLDADD", "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp",
        kind="don_vi_su_nghiep", group="service", staff=(20, 35),
    ),
    Department(
        "BQLDAGT", "Ban Quản lý dự án đầu tư xây dựng công trình giao thông",
        kind="don_vi_su_nghiep", group="service", staff=(20, 35),
    ),
    Department(
        "CDHS", f"Trường Cao đẳng {PROVINCE}", kind="truong_hoc", group="service", staff=(60, 100),
    ),
    Department(
        "QDTPT", "Quỹ Đầu tư phát triển tỉnh", kind="don_vi_su_nghiep", group="service", staff=(12, 20),
    ),
)

MASS_ORGANISATIONS = (
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("LDLD", "Liên đoàn Lao động tỉnh"),
    ("TD", "Tỉnh Đoàn"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("HND", "Hội Nông dân tỉnh"),
    ("HCCB", "Hội Cựu chiến binh tỉnh"),
)

ENTERPRISES = (
    ("XSKT", f"Công ty TNHH MTV Xổ số kiến thiết {PROVINCE}"),
    ("LN", f"Công ty TNHH MTV Lâm nghiệp {PROVINCE}"),
    ("KTTL", f"Công ty TNHH MTV Khai thác công trình thủy lợi {PROVINCE}"),
    ("MTDT", f"Công ty TNHH MTV Môi trường đô thị {PROVINCE}"),
)
# Private companies a commune proposes for the province's Bằng khen; the place is the commune's.
PRIVATE_ENTERPRISES = (
    ("DNTN1", "Công ty TNHH May mặc Thành Công"),
    ("DNTN2", "Công ty Cổ phần Chế biến nông sản Hòa Phát"),
    ("DNTN3", "Công ty TNHH Xây dựng Minh Khang"),
)
ENTERPRISE_OFFICES = (
    ("TCHC", "Phòng Tổ chức – Hành chính"), ("KTTC", "Phòng Kế toán – Tài chính"),
    ("KT", "Phòng Kỹ thuật"), ("KD", "Phòng Kế hoạch – Kinh doanh"),
)

SERVICE_OFFICES = (
    ("HCTH", "Phòng Hành chính – Tổng hợp"), ("NV", "Phòng Nghiệp vụ"), ("KTTC", "Phòng Kế toán – Tài chính"),
)

HOSPITALS = (
    ("BVDK", f"Bệnh viện Đa khoa tỉnh {PROVINCE}"),
    ("BVYHCT", "Bệnh viện Y học cổ truyền tỉnh"),
    ("BVSN", "Bệnh viện Sản – Nhi tỉnh"),
    ("BVLBP", "Bệnh viện Lao và Bệnh phổi tỉnh"),
    ("BVTT", "Bệnh viện Tâm thần tỉnh"),
    ("BVM", "Bệnh viện Mắt tỉnh"),
    ("BVPHCN", "Bệnh viện Phục hồi chức năng tỉnh"),
    ("BVKV1", "Bệnh viện Đa khoa khu vực Bắc {place}"),
    ("BVKV2", "Bệnh viện Đa khoa khu vực Nam {place}"),
    ("BVKV3", "Bệnh viện Đa khoa khu vực {place}"),
)
WARDS = (
    ("KB", "Khoa Khám bệnh"), ("CC", "Khoa Cấp cứu"), ("NOI", "Khoa Nội tổng hợp"),
    ("NGOAI", "Khoa Ngoại tổng hợp"), ("HSTC", "Khoa Hồi sức tích cực – Chống độc"), ("SAN", "Khoa Phụ sản"),
    ("NHI", "Khoa Nhi"), ("XN", "Khoa Xét nghiệm"), ("CDHA", "Khoa Chẩn đoán hình ảnh"), ("DUOC", "Khoa Dược"),
    ("GMHS", "Khoa Gây mê hồi sức"), ("TN", "Khoa Truyền nhiễm"), ("RHM", "Khoa Răng Hàm Mặt"),
    ("TMH", "Khoa Tai Mũi Họng"), ("YHCT", "Khoa Y học cổ truyền"), ("KSNK", "Khoa Kiểm soát nhiễm khuẩn"),
    ("KHTH", "Phòng Kế hoạch tổng hợp"), ("TCCB", "Phòng Tổ chức cán bộ"), ("TCKT", "Phòng Tài chính kế toán"),
)

SCHOOL_PATRONS = (
    "Lê Quý Đôn", "Nguyễn Trãi", "Trần Phú", "Phan Bội Châu", "Nguyễn Du", "Lê Hồng Phong", "Quang Trung",
    "Chu Văn An", "Nguyễn Huệ", "Hùng Vương", "Trần Hưng Đạo", "Lý Thường Kiệt", "Ngô Quyền", "Phan Chu Trinh",
    "Huỳnh Thúc Kháng", "Lương Thế Vinh", "Nguyễn Bỉnh Khiêm", "Nguyễn Đình Chiểu", "Lê Lợi", "Đinh Tiên Hoàng",
    "Bà Triệu", "Hai Bà Trưng", "Nguyễn Thị Minh Khai", "Võ Thị Sáu", "Nguyễn Khuyến", "Tô Hiến Thành",
    "Hoàng Văn Thụ", "Trần Cao Vân", "Phạm Văn Đồng", "Nguyễn Văn Cừ", "Lê Thánh Tông", "Trần Nhân Tông",
    "Mạc Đĩnh Chi", "Nguyễn Thái Học", "Đặng Thai Mai", "Phan Đình Phùng", "Cao Bá Quát", "Trần Quốc Tuấn",
    "Lý Tự Trọng", "Nguyễn Công Trứ", "Ngô Gia Tự", "Trần Quang Khải", "Lê Văn Tám", "Nguyễn Viết Xuân",
)
SUBJECT_GROUPS = (
    ("TOAN", "Tổ Toán"), ("VAN", "Tổ Ngữ văn"), ("NN", "Tổ Ngoại ngữ"), ("LYCN", "Tổ Vật lý – Công nghệ"),
    ("HOASINH", "Tổ Hóa học – Sinh học"), ("SUDIA", "Tổ Lịch sử – Địa lý – Giáo dục kinh tế và pháp luật"),
    ("TIN", "Tổ Tin học"), ("TDQP", "Tổ Thể dục – Giáo dục quốc phòng"), ("VP", "Tổ Văn phòng"),
)

# Place names are two syllables drawn from these; the pairs read like real Vietnamese
# commune names ("Tân Lập", "Hòa Bình") without copying any one province.
PLACE_FIRST = (
    "Tân", "Hòa", "An", "Phú", "Bình", "Đông", "Tây", "Nam", "Bắc", "Thanh", "Quảng", "Vĩnh", "Hưng", "Xuân",
    "Đức", "Phước", "Long", "Mỹ", "Hương", "Kim", "Hồng", "Minh", "Yên", "Thạch", "Cẩm", "Lộc", "Thuận",
    "Trung", "Sơn", "Hải", "Nghĩa", "Quang", "Thái", "Thiện",
)
PLACE_SECOND = (
    "Lập", "Bình", "Thành", "Phú", "Hòa", "An", "Lộc", "Sơn", "Hưng", "Thịnh", "Tiến", "Phong", "Lợi", "Mỹ",
    "Long", "Hải", "Xuân", "Trung", "Điền", "Khánh", "Thủy", "Lâm", "Hà", "Hiệp", "Phước", "Định", "Nghĩa",
    "Quang", "Tân", "Thái", "Vinh", "Đông", "Tây", "Giang",
)
VILLAGE_NAMES = ("Đông", "Đoài", "Trung", "Bắc", "Nam", "Thượng", "Hạ", "Tiền", "Hậu")
