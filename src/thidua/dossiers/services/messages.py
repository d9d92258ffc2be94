"""The words of the dossier services: refusals (Vietnamese, marked for translation; tests
import them) and the labels they print."""

from django.utils.translation import gettext_lazy as _

from thidua.catalog.models import AuthorityLevel, SubjectKind

# The machine's refusals are this module's too.
from thidua.dossiers.machines import NEEDS_REASON, WRONG_STATE  # noqa: F401

TITLE_REQUIRED = _("Hãy ghi trích yếu của hồ sơ.")
YEAR_INVALID = _("Năm thành tích phải từ 1945 đến năm nay (%(last)s).")
LEVEL_INVALID = _("Cấp quyết định khen thưởng «%s» không hợp lệ.")
AUTHORITY_NOT_ABOVE = _("Cơ quan tiếp nhận phải là «%(unit)s» hoặc cấp trên của đơn vị.")
UNIT_CLOSED = _("«%s» đã ngừng hoạt động nên không lập hồ sơ mới.")
MOVEMENT_UNKNOWN = _("Không tìm thấy phong trào thi đua đã chọn.")
HEADER_LOCKED = _("Hồ sơ đã có trường hợp đề nghị: không đổi năm, cấp quyết định hay loại hình khen thưởng được "
                  "nữa; hãy lập hồ sơ khác.")
NOT_EDITABLE = _("Hồ sơ đang ở trạng thái «%s»: không sửa được nội dung.")
ITEMS_ONLY_IN_DRAFT = _("Chỉ thêm trường hợp khi hồ sơ đang lập; hồ sơ bị trả lại chỉ sửa các trường hợp bị trả "
                        "lại.")
ITEM_NOT_EDITABLE = _("«%s» không bị trả lại nên không sửa được; chỉ sửa những trường hợp bị trả lại.")
KIND_UNKNOWN = _("Mã «%s» không có trong danh mục danh hiệu, hình thức khen thưởng đang áp dụng.")
SUBJECT_NOT_ACCEPTED = _("«%(name)s» không tặng cho %(subject)s (%(who)s).")
KIND_NOT_AT_LEVEL = _("«%(name)s» không do %(level)s quyết định; hãy đề nghị trong hồ sơ gửi đúng cấp.")
SUBJECT_OUTSIDE = _("%(who)s không thuộc «%(unit)s» nên không đề nghị trong hồ sơ này.")
PERIOD_INVALID = _("Thời kỳ thành tích của %(who)s không hợp lệ: từ năm không được sau đến năm, và đến năm không "
                   "sau năm thành tích của hồ sơ (%(year)s).")
LISTED_TWICE = _("%(who)s được chọn hai lần cho «%(name)s» năm %(year)s.")
ALREADY_PROPOSED = _("Đã có đề nghị trùng (cùng đối tượng, hình thức và năm) đang được xử lý: %s.")
NOTHING_TO_ADD = _("Chưa chọn trường hợp nào.")
JUSTIFICATION_REQUIRED = _("Hãy ghi nội dung giải trình.")
NO_FLAGS = _("Trường hợp này không có cảnh báo nào cần giải trình.")
EMPTY_DOSSIER = _("Hồ sơ chưa có trường hợp đề nghị nào.")
INELIGIBLE_UNJUSTIFIED = _("Chưa đủ điều kiện theo bộ quy tắc mà chưa có giải trình: %s.")
DUPLICATE_UNJUSTIFIED = _("Trùng thành tích đã khen thưởng hoặc đang đề nghị mà chưa có giải trình: %s.")
MISSING_DOCUMENTS = _("Hồ sơ còn thiếu: %s.")
QUOTA_UNJUSTIFIED = _("Danh sách vượt tỷ lệ mà chưa có giải trình: %s")
DOCUMENT_KIND_UNKNOWN = _("Loại tài liệu «%s» không hợp lệ.")
DOCUMENT_NEEDS_ITEM = _("«%s» là tài liệu của từng trường hợp: hãy chọn trường hợp.")
DOCUMENT_NOT_ITEM = _("«%s» là tài liệu chung của hồ sơ, không gắn với một trường hợp.")
FILE_LABEL = _("Tệp")
ASSIGNEE_NOT_REVIEWER = _("«%s» không có quyền thẩm định hồ sơ của cơ quan tiếp nhận.")
NOTHING_SELECTED = _("Chưa chọn trường hợp nào để thẩm định.")
ITEM_NOT_REVIEWABLE = _("«%(name)s» đang ở trạng thái «%(state)s», không thẩm định được lúc này.")
ACCEPT_FLAGGED = _("«%s» có cảnh báo chưa được giải trình; cần giải trình trước khi nhất trí trình.")
EXCLUDE_NEEDS_REASON = _("Hãy ghi lý do không trình «%s».")
RETURN_NEEDS_REASON = _("Hãy chọn lý do trả lại hoặc ghi ý kiến (cho hồ sơ hoặc cho từng trường hợp).")
ITEM_RETURN_NEEDS_REASON = _("Trường hợp %s: hãy chọn lý do trả lại hoặc ghi ý kiến cụ thể.")
RETURN_CODE_UNKNOWN = _("Lý do trả lại «%s» không hợp lệ.")
RETURN_FIELD_UNKNOWN = _("Nội dung cần sửa «%s» không hợp lệ.")
RETURN_OTHER_NEEDS_COMMENT = _("Đã chọn «Lý do khác»: hãy ghi rõ lý do.")
STILL_UNREVIEWED = _("Còn %(n)d trường hợp chưa thẩm định xong: %(names)s.")
NOTHING_ACCEPTED = _("Chưa có trường hợp nào được nhất trí trình.")
NO_CONSULTATION_NEEDED = _("Không có trường hợp nào thuộc diện phải lấy ý kiến công khai.")
CONSULTATION_DAYS_INVALID = _("Thời gian lấy ý kiến phải từ %d ngày làm việc trở lên.")
CONSULTATION_REQUIRED = _("Phải lấy ý kiến công khai (%s) trước khi trình Hội đồng.")
CONSULTATION_NOT_OVER = _("Thời gian lấy ý kiến công khai đến hết ngày %s; chưa kết thúc được.")
OPINIONS_UNMODERATED = _("Còn %d ý kiến góp ý chưa được duyệt.")
OPINIONS_UNHANDLED = _("Còn %d ý kiến góp ý đã đăng chưa ghi kết quả xử lý.")
VOTE_NOT_ON_AGENDA = _("«%s» không thuộc danh sách trình Hội đồng của hồ sơ này.")
VOTE_OUTCOME_INVALID = _("Kết quả bỏ phiếu «%s» không hợp lệ.")
VOTE_LOWER_INVALID = _("Hình thức thấp hơn «%(code)s» không phù hợp với «%(name)s».")
NOTHING_APPROVED = _("Không có trường hợp nào được Hội đồng nhất trí.")
CENTRAL_FORWARD = _("Hồ sơ khen thưởng cấp Nhà nước được trình lên cấp trên, không dự thảo quyết định tại đây.")
NOT_CENTRAL = _("Chỉ hồ sơ khen thưởng cấp Nhà nước mới trình lên cấp trên.")
FORWARD_MIXED = _("Các hồ sơ trình cấp trên cùng lúc phải cùng cơ quan tiếp nhận, cùng cấp quyết định và loại hình "
                  "khen thưởng.")
FORWARD_NOTHING_SELECTED = _("Chưa chọn hồ sơ nào để trình cấp trên.")
FORWARD_PAPER_MISSING = _("Chưa có «%(kind)s» của %(unit)s: hãy tải lên bản đã ký để trình cấp trên.")
AWARD_MISMATCH = _("Khen thưởng ghi cho «%s» không khớp với đối tượng, hình thức được đề nghị.")
DECIDED_NOT_APPROVED = _("«%s» không ở trạng thái chờ quyết định.")
CONSULTATION_CLOSED = _("Hồ sơ này không (hoặc không còn) lấy ý kiến công khai.")
OPINION_ITEM_UNKNOWN = _("Trường hợp được góp ý không có trong danh sách công khai.")
OPINION_FIELDS_REQUIRED = _("Hãy ghi họ tên, địa chỉ liên hệ và nội dung ý kiến.")
OPINION_TOO_LONG = _("Nội dung ý kiến dài quá %d ký tự.")
RATE_LIMITED = _("Bạn đã gửi %d ý kiến trong một giờ qua; hãy gửi lại sau.")
HANDLING_REQUIRED = _("Hãy ghi kết quả xử lý ý kiến.")
ALL_REJECTED = _("Hội đồng Thi đua – Khen thưởng không nhất trí trường hợp nào của hồ sơ: hồ sơ khép lại, không "
                 "có quyết định khen thưởng.")


SUBJECT_WORDS = {SubjectKind.INDIVIDUAL: _("cá nhân"), SubjectKind.COLLECTIVE: _("tập thể"),
                 SubjectKind.HOUSEHOLD: _("hộ gia đình")}
EXTERNAL_AUTHORITIES = {
    AuthorityLevel.THU_TUONG: _("Thủ tướng Chính phủ (qua Bộ Nội vụ)"),
    AuthorityLevel.CHU_TICH_NUOC: _("Chủ tịch nước (qua Thủ tướng Chính phủ, Bộ Nội vụ)"),
    AuthorityLevel.TRUNG_UONG: _("Cơ quan trung ương"),
}
