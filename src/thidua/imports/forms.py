from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core import uploads
from thidua.core.forms import BootstrapMixin
from thidua.core.xlsx import XLSX_MIME


class PeopleImportForm(BootstrapMixin, forms.Form):
    """The upload: the common upload check (`core.uploads`: size, an .xlsx by its bytes, a
    safe name); whether it is a workbook within the reading limits is the service's
    answer (it reads it anyway)."""

    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX_MIME}"}),
        error_messages={
            "required": _("Hãy chọn tệp Excel cần nhập."),
            "empty": _("Tệp tải lên rỗng."),
            "invalid": _("Không nhận được tệp; hãy chọn lại tệp Excel."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if name.endswith(".xls"):
            raise forms.ValidationError(_(
                "Tệp .xls (Excel 97–2003) không được hỗ trợ; hãy mở tệp bằng Excel và lưu lại dạng .xlsx."))
        return uploads.clean(upload, field="file", label=self.fields["file"].label, types=["xlsx"])


class RegistrationImportForm(PeopleImportForm):
    """The registrations upload: the file, and the movement its sheets go under (optional)."""

    movement = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=None, required=False, empty_label=_("Đăng ký chung của năm"),
        help_text=_("Đăng ký được ghi vào bản đăng ký của đơn vị theo phong trào này (hạn đăng ký của phong trào "
                    "được áp dụng)."),
    )

    def __init__(self, *args, movements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements
        self.fields["movement"].label_from_instance = lambda m: f"{m.name} ({m.year})"
        self.fields["movement"].widget.attrs["class"] = "form-select"

    def params(self) -> dict | None:
        movement = self.cleaned_data.get("movement")
        return {"movement": movement.pk} if movement else None
