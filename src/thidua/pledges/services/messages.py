"""What the pledge services say when they refuse (and the evidence field's label), in
Vietnamese, in one place for those who word them (the refusals of the pledge's and the
round's machines are worded with their tables, in `pledges.machines`)."""

from django.utils.translation import gettext_lazy as _

from thidua.pledges.machines import (  # noqa: F401 — the machines' refusals are this module's too
    NOT_DRAFT,
    PLEDGE_CLOSED,
    PLEDGE_NOT_OPEN,
    REASON_REQUIRED,
    ROUND_LOCKED,
)

PLEDGE_EXISTS = _("Khối này đã có giao ước thi đua năm %(year)s.")
NOTHING_TO_COPY = _("Khối chưa có bảng tiêu chí của năm nào trước năm %(year)s để sao chép.")
TABLE_NOT_EMPTY = _("Bảng tiêu chí đã có nội dung; chỉ sao chép được vào bảng trống.")
NO_STANDARD_CRITERION = _("Bảng tiêu chí cần ít nhất một tiêu chí chấm điểm trước khi ban hành.")
CANNOT_RETURN_TO_DRAFT = _("Đã có đơn vị ký hoặc đã mở đợt chấm điểm; không thể trả giao ước về soạn thảo.")
ROUNDS_NOT_LOCKED = _("Còn đợt chấm điểm chưa chốt kết quả; hãy chốt trước khi kết thúc giao ước.")
GROUP_CODE_TAKEN = _("Số thứ tự nhóm «%(code)s» đã có trong bảng.")
GROUP_NOT_EMPTY = _("Nhóm «%(code)s» còn tiêu chí; hãy xóa hoặc chuyển các tiêu chí sang nhóm khác trước.")
CRITERION_CODE_TAKEN = _("Số thứ tự tiêu chí «%(code)s» đã có trong bảng.")
MAX_POINTS_POSITIVE = _("Điểm tối đa phải lớn hơn 0.")
NOT_A_MEMBER = _("%(unit)s không phải thành viên của khối năm %(year)s.")
ALREADY_SIGNED = _("%(unit)s đã ký giao ước lúc %(at)s.")
NO_MEMBERS = _("Khối chưa có đơn vị thành viên năm %(year)s; hãy cập nhật thành viên khối trước.")
DEADLINES_ORDER = _("Hạn thẩm định phải cùng ngày hoặc sau hạn tự chấm điểm.")
DEADLINE_PAST = _("Hạn %(what)s không được trước hôm nay.")
YEAR_END_EXISTS = _("Giao ước đã có đợt chấm điểm tổng kết năm.")
PANEL_TOO_SMALL = _("Tổ chấm chéo cần ít nhất 2 đơn vị thành viên, để đơn vị trong tổ cũng được đơn vị khác chấm.")
NOT_PANEL_MODE = _("Đợt chấm điểm này do khối trưởng thẩm định, không có tổ chấm chéo.")
NOT_LEADER_MODE = _("Đợt chấm điểm này do tổ chấm chéo chấm; điểm thẩm định là trung bình điểm của tổ.")
PANEL_MEMBER_HAS_SCORED = _("%(unit)s đã chấm chéo; không thể rút khỏi tổ chấm.")
NOT_IN_PANEL = _("%(unit)s không thuộc tổ chấm chéo của đợt này.")
SELF_DEADLINE_PASSED = _("Đã hết hạn tự chấm điểm (%(date)s).")
REVIEW_DEADLINE_PASSED = _("Đã hết hạn thẩm định, chấm chéo (%(date)s).")
SHEET_SUBMITTED = _("Bảng tự chấm điểm đã gửi lúc %(at)s; muốn sửa, hãy rút lại trước.")
SHEET_NOT_SUBMITTED = _("Đơn vị chưa gửi bảng tự chấm điểm.")
SHEET_INCOMPLETE = _("Chưa chấm các tiêu chí: %(codes)s.")
EVIDENCE_MISSING = _("Tiêu chí %(codes)s bắt buộc có minh chứng; hãy tải tệp lên trước khi gửi.")
CANNOT_WITHDRAW_REVIEWED = _("Bảng điểm đã được thẩm định, chấm chéo; không thể rút lại.")
POINTS_OUT_OF_RANGE = _("Tiêu chí %(code)s «%(name)s»: điểm phải từ 0 đến %(max)s.")
DEDUCTION_OUT_OF_RANGE = _("Tiêu chí %(code)s «%(name)s»: điểm trừ ghi số dương, từ 0 đến %(max)s.")
POINTS_PRECISION = _("Tiêu chí %(code)s: điểm lấy tối đa 2 chữ số thập phân.")
POINTS_NOT_A_NUMBER = _("Tiêu chí %(code)s: «%(value)s» không phải là số điểm.")
SCORE_STALE = _("Điểm tiêu chí %(code)s vừa được %(who)s sửa (lúc %(at)s); hãy tải lại trang để xem giá trị mới.")
REVIEW_NEEDS_POINTS = _("Tiêu chí %(code)s: cần nhập điểm thẩm định.")
REVIEW_NEEDS_COMMENT = _("Tiêu chí %(code)s: điểm thẩm định khác điểm tự chấm, cần ghi nhận xét nêu lý do.")
PANEL_NEEDS_POINTS = _("Tiêu chí %(code)s: cần nhập điểm chấm chéo.")
SELF_REVIEW = _("Đơn vị không tự thẩm định, tự chấm chéo cho chính mình.")
UNKNOWN_CRITERION = _("Tiêu chí không thuộc bảng điểm này.")
EVIDENCE_LABEL = _("Tệp minh chứng")
NOT_REVIEWED = _("Chưa thẩm định, chấm chéo xong bảng điểm của: %(units)s.")
SELF_SCORING_NOT_OVER = _("Chưa hết hạn tự chấm điểm (%(date)s) và còn %(n)s đơn vị chưa gửi bảng tự chấm.")
NOTHING_TO_RANK = _("Chưa có đơn vị nào gửi bảng tự chấm điểm.")
