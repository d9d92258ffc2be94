from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

# The confirmation of each kind of batch is its domain's own code (`people.import`,
# `awards.import`…); the upload and a failed confirmation are the batch's.
IMPORT_UPLOAD = register("import.upload", _("Tải tệp Excel lên để nhập (xem trước)"))
IMPORT_FAIL = register("import.fail", _("Nhập Excel không thành công"))
