from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import CommendationType
from thidua.catalog.models import AuthorityLevel
from thidua.core.forms import BootstrapMixin

_TEXT = {"rows": 3}


class DossierForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=None, widget=forms.Select(attrs={"data-tom": ""}))
    authority_level = forms.ChoiceField(label=_("Cấp quyết định khen thưởng"), choices=AuthorityLevel.choices)
    commendation_type = forms.ChoiceField(label=_("Loại hình khen thưởng"), choices=CommendationType.choices,
                                          initial=CommendationType.CONG_TRANG)
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1945, max_value=2100)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    number = forms.CharField(label=_("Số tờ trình"), max_length=64, required=False,
                             help_text=_("Ví dụ: 15/TTr-SNV; có thể ghi sau."))
    movement = forms.ModelChoiceField(label=_("Phong trào thi đua"), queryset=None, required=False,
                                      widget=forms.Select(attrs={"data-tom": ""}))
    summary = forms.CharField(label=_("Nội dung tóm tắt"), required=False, widget=forms.Textarea(attrs=_TEXT))

    def __init__(self, *args, units, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["movement"].queryset = movements


class ItemForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức đề nghị"))
    period_from = forms.IntegerField(label=_("Thành tích từ năm"), min_value=1945, max_value=2100)
    period_to = forms.IntegerField(label=_("Đến năm"), min_value=1945, max_value=2100)
    achievement = forms.CharField(label=_("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs=_TEXT),
                                  help_text=_("Đoạn ngắn đưa vào danh sách và trang công khai lấy ý kiến."))
    report_text = forms.CharField(label=_("Báo cáo thành tích"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 14}),
                                  help_text=_("Viết trực tiếp (có thể điền từ mẫu) hoặc tải tệp báo cáo đã ký ở "
                                              "phần «Tài liệu của trường hợp»."))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds

    def clean(self):
        data = super().clean()
        first, last = data.get("period_from"), data.get("period_to")
        if first and last and first > last:
            self.add_error("period_from", _("Năm bắt đầu không được sau năm kết thúc."))
        return data


class ManualAddForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức đề nghị"))
    household = forms.BooleanField(label=_("Đề nghị cho hộ gia đình của cá nhân"), required=False)
    period_from = forms.IntegerField(label=_("Thành tích từ năm"), min_value=1945, max_value=2100, required=False)
    achievement = forms.CharField(label=_("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs=_TEXT))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"))
    file = forms.FileField(label=_("Tệp"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


class OpinionForm(BootstrapMixin, forms.Form):
    item = forms.TypedChoiceField(label=_("Góp ý về trường hợp"), coerce=int, required=False, empty_value=None)
    name = forms.CharField(label=_("Họ và tên"), max_length=128)
    contact = forms.CharField(label=_("Địa chỉ liên hệ (điện thoại hoặc e-mail)"), max_length=255)
    text = forms.CharField(label=_("Nội dung ý kiến"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    # Left empty by people; filled by naive robots, whose posts are dropped. The row is hidden
    # from people and screen readers (form_fields.html reads `honeypot`).
    honeypot = "website"
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("Cả danh sách"))] + [(i.pk, f"{i.name} — {i.kind}") for i in items]
