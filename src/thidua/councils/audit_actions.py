from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

COUNCIL_CREATE = register("council.create", _("Thành lập, kiện toàn hội đồng thi đua – khen thưởng"))
MEMBER_SET = register("council.member_set", _("Cập nhật thành viên hội đồng"))
MEETING_CREATE = register("council.meeting_create", _("Triệu tập phiên họp hội đồng"))
ATTENDANCE_SET = register("council.attendance_set", _("Điểm danh phiên họp hội đồng"))
MEETING_OPEN = register("council.meeting_open", _("Khai mạc phiên họp, bắt đầu bỏ phiếu"))
BALLOT_CAST = register("council.ballot_cast", _("Bỏ phiếu kín"))
MEETING_CLOSE = register("council.meeting_close", _("Kết thúc phiên họp, kiểm phiếu"))
REGULATION_SET = register("council.regulation_set", _("Ghi quy chế hoạt động của hội đồng"))
LOWER_SET = register("council.lower_set", _("Xác định hình thức thấp hơn đưa ra biểu quyết"))
PAPER_COUNT = register("council.paper_count", _("Nhập kết quả kiểm phiếu giấy, ý kiến bằng văn bản"))
