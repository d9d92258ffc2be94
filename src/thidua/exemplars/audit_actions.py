from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

NOMINATE = register("exemplar.nominate", _("Đề cử điển hình tiên tiến"))
UPDATE = register("exemplar.update", _("Sửa điển hình tiên tiến"))
APPROVE = register("exemplar.approve", _("Duyệt điển hình tiên tiến"))
RETURN = register("exemplar.return", _("Trả lại đề cử điển hình tiên tiến"))
RESUBMIT = register("exemplar.resubmit", _("Đề cử lại điển hình tiên tiến"))
PUBLISH = register("exemplar.publish", _("Công bố điển hình tiên tiến"))
UNPUBLISH = register("exemplar.unpublish", _("Thôi công bố điển hình tiên tiến"))
PHOTO_ADD = register("exemplar.photo_add", _("Thêm ảnh điển hình tiên tiến"))
PHOTO_REMOVE = register("exemplar.photo_remove", _("Xóa ảnh điển hình tiên tiến"))
CONGRESS_CREATE = register("congress.create", _("Tạo hội nghị, đại hội thi đua"))
CONGRESS_UPDATE = register("congress.update", _("Sửa hội nghị, đại hội thi đua"))
CONGRESS_HONOUR = register("congress.honour", _("Chọn điển hình tuyên dương tại hội nghị, đại hội"))
