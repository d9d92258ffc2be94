from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

DECISION_DRAFT = register("decision.draft", _("Soạn dự thảo quyết định"))
DECISION_UPDATE = register("decision.update", _("Sửa dự thảo quyết định"))
DECISION_ADD_RECIPIENTS = register("decision.add_recipients", _("Thêm vào danh sách khen thưởng của dự thảo"))
DECISION_JUSTIFY = register("decision.justify", _("Giải trình trường hợp chưa đủ điều kiện trong dự thảo"))
DECISION_REMOVE_RECIPIENT = register("decision.remove_recipient", _("Bỏ khỏi danh sách khen thưởng của dự thảo"))
DECISION_CANCEL = register("decision.cancel", _("Hủy dự thảo quyết định"))
DECISION_SIGN = register("decision.sign", _("Ghi quyết định đã ký ban hành: số, ký hiệu, người ký"))
DECISION_RECORD = register("decision.record", _("Ghi quyết định do cấp trên ban hành"))
DECISION_REVOKE = register("decision.revoke", _("Ban hành quyết định hủy bỏ khen thưởng"))
DECISION_ATTACH_SIGNED = register("decision.attach_signed", _("Đính kèm bản quyết định đã ký"))
SIGNATORY_ADD = register("decision.signatory_add", _("Thêm lãnh đạo ký quyết định"))
SIGNATORY_UPDATE = register("decision.signatory_update", _("Sửa thông tin lãnh đạo ký quyết định"))
SIGNING_RULES_UPDATE = register("decision.signing_rules", _("Quy định ký thừa lệnh, thừa ủy quyền"))
DECISION_PUBLISH = register("decision.publish", _("Công khai quyết định trên trang thông tin công khai"))
DECISION_UNPUBLISH = register("decision.unpublish", _("Thôi công khai quyết định trên trang thông tin công khai"))
FUND_INCOME = register("decision.fund_income", _("Ghi khoản thu vào quỹ thi đua, khen thưởng"))
FUND_INCOME_REVERSE = register("decision.fund_income_reverse",
                               _("Điều chỉnh giảm khoản thu của quỹ thi đua, khen thưởng ghi sai"))
