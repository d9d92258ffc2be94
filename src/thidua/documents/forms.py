from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, VersionedFormMixin, VNDateField
from thidua.documents.models import DocumentKind


class DocumentForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=64, help_text=_("Ví dụ: 01/CT-UBND"))
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    issued_on = VNDateField(label=_("Ngày ban hành"), required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("Tệp đính kèm"), required=False,
                           help_text=_("PDF, Word, Excel hoặc ảnh; tối đa 20 MB."))

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if f and f.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 20 MB)."))
        return f


class DocumentEditForm(VersionedFormMixin, DocumentForm):
    pass
