from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core import uploads
from thidua.core.forms import BootstrapMixin, VersionedFormMixin, VNDateField
from thidua.documents.models import Document, DocumentKind


class DocumentForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=64, help_text=_("Ví dụ: 01/CT-UBND"))
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    issued_on = VNDateField(label=_("Ngày ban hành"), required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("Tệp đính kèm"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, Word, Excel hoặc ảnh; tối đa %s.") % uploads.size_text(
            uploads.max_bytes())

    def clean_file(self):
        # The common upload check, for the extensions the model keeps.
        allowed = Document._meta.get_field("file").validators[0].allowed_extensions
        return uploads.clean(self.cleaned_data.get("file"), field="file", label=self.fields["file"].label,
                             types=uploads.DOCUMENT_FILES, only=allowed)


class DocumentEditForm(VersionedFormMixin, DocumentForm):
    pass
