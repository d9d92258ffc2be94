from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

TEMPLATE_UPLOAD = register("printing.template_upload", _("Tải lên mẫu văn bản"))
TEMPLATE_RESTORE = register("printing.template_restore", _("Khôi phục mẫu văn bản gốc"))
LAYOUT_SAVE = register("printing.layout_save", _("Lưu bố cục in bằng khen, giấy khen"))
LAYOUT_RESET = register("printing.layout_reset", _("Bỏ bố cục riêng, dùng bố cục mặc định"))
PRINTER_SAVE = register("printing.printer_save", _("Lưu độ lệch máy in"))
CERTIFICATE_PRINT = register("printing.certificate_print", _("In bằng khen, giấy chứng nhận"))
CERTIFICATE_BATCH_REQUEST = register("printing.certificate_batch_request", _("Yêu cầu tạo tệp in bằng khen hàng loạt"))
CERTIFICATE_BATCH_READY = register("printing.certificate_batch_ready", _("Tạo xong tệp in bằng khen hàng loạt"))
BASES_SAVE = register("printing.bases_save", _("Lưu căn cứ pháp lý của cơ quan"))
