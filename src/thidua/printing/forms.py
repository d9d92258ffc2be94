from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core import uploads
from thidua.core.forms import BootstrapMixin, VersionedFormMixin
from thidua.printing import layouts
from thidua.printing.word import MAX_TEMPLATE_BYTES


class TemplateUploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Tệp mẫu (.docx)"), widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
                           help_text=_("Tải mẫu hiện hành về, sửa trong Word (giữ nguyên các trường trộn {{ … }}), "
                                       "lưu dạng .docx rồi tải lên. Mẫu được thử với dữ liệu mẫu trước khi lưu."))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500,
                           help_text=_("Ví dụ: «Đổi cỡ chữ phần căn cứ theo yêu cầu của Văn phòng»."))

    def clean_file(self):
        # The common upload check, refused before it is read into memory.
        return uploads.clean(self.cleaned_data["file"], field="file", label=self.fields["file"].label,
                             types=["docx"], limit=MAX_TEMPLATE_BYTES)


class LayoutForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên phôi"), max_length=255)
    page_width = forms.DecimalField(label=_("Chiều ngang (mm)"), max_digits=5, decimal_places=1, min_value=50,
                                    max_value=1000)
    page_height = forms.DecimalField(label=_("Chiều dọc (mm)"), max_digits=5, decimal_places=1, min_value=50,
                                     max_value=1000,
                                     help_text=_("A4 ngang 297 × 210; A3 ngang 420 × 297; Bằng khen cấp tỉnh "
                                                 "400 × 300; Bằng khen của Thủ tướng 450 × 350."))
    place = forms.CharField(label=_("Địa danh"), max_length=128, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=255, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text=_("Mỗi dòng một dòng in, ví dụ «KT. CHỦ TỊCH» rồi «PHÓ CHỦ TỊCH»."))
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=128, required=False)
    background = forms.FileField(label=_("Ảnh quét phôi trắng (JPG, PNG)"), required=False,
                                 widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
                                 help_text=_("Chỉ để xem thử trên màn hình, không bao giờ in lên phôi."))
    clear_background = forms.BooleanField(label=_("Bỏ ảnh quét hiện có"), required=False)


class FieldForm(forms.Form):
    key = forms.ChoiceField(choices=list(layouts.FIELD_LABELS.items()), widget=forms.HiddenInput)
    enabled = forms.BooleanField(label=_("In"), required=False,
                                 widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    x = forms.DecimalField(label="x", max_digits=5, decimal_places=1, min_value=0,
                           widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.5"}))
    y = forms.DecimalField(label="y", max_digits=5, decimal_places=1, min_value=0,
                           widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.5"}))
    width = forms.DecimalField(label=_("Rộng"), max_digits=5, decimal_places=1, min_value=1,
                               widget=forms.NumberInput(attrs={"class": "form-control form-control-sm",
                                                               "step": "0.5"}))
    font = forms.ChoiceField(label=_("Phông"), required=False,
                             widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    size = forms.DecimalField(label=_("Cỡ"), max_digits=4, decimal_places=1, required=False,
                              widget=forms.NumberInput(attrs={"class": "form-control form-control-sm",
                                                              "step": "0.5"}))
    bold = forms.BooleanField(label=_("Đậm"), required=False,
                              widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    italic = forms.BooleanField(label=_("Nghiêng"), required=False,
                                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    align = forms.ChoiceField(label=_("Căn"), choices=list(layouts.ALIGN_LABELS.items()), required=False,
                              widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    text = forms.CharField(label=_("Nội dung in"), required=False,
                           widget=forms.Textarea(attrs={"class": "form-control form-control-sm", "rows": 1}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["font"].choices = [(k, v["label"]) for k, v in layouts.fonts().items()]

    @property
    def label(self) -> str:
        return str(layouts.FIELD_LABELS.get(self["key"].value(), ""))

    @property
    def is_qr(self) -> bool:
        return self["key"].value() == "qr"


FieldFormSet = forms.formset_factory(FieldForm, extra=0, max_num=len(layouts.FIELD_KEYS),
                                     validate_max=True, absolute_max=len(layouts.FIELD_KEYS))


class PrinterForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên máy in"), max_length=128,
                           help_text=_("Ví dụ: «Canon LBP 2900 phòng Thi đua»."))
    offset_x = forms.DecimalField(label=_("Lệch ngang (mm)"), max_digits=4, decimal_places=1, min_value=-50,
                                  max_value=50, initial=0,
                                  help_text=_("Dương: dời nội dung sang phải; âm: sang trái."))
    offset_y = forms.DecimalField(label=_("Lệch dọc (mm)"), max_digits=4, decimal_places=1, min_value=-50,
                                  max_value=50, initial=0,
                                  help_text=_("Dương: dời nội dung xuống dưới; âm: lên trên."))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class LegalBasesForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    competence = forms.CharField(
        label=_("Căn cứ thẩm quyền (chỉ in trong quyết định)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một căn cứ. Ví dụ với UBND tỉnh: «Căn cứ Luật Tổ chức chính quyền địa phương ngày … »; "
                    "với một sở: «Căn cứ Quyết định số …/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh quy định chức "
                    "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở …»."))
    regulations = forms.CharField(
        label=_("Căn cứ quy chế, hướng dẫn thi đua, khen thưởng (in trong quyết định và tờ trình)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một căn cứ. Các đơn vị trực thuộc không khai báo riêng dùng căn cứ của cơ quan cấp "
                    "trên."))


class PrinterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} — {obj.unit.name} ({obj.offset_x:+} / {obj.offset_y:+} mm)"


class PrintForm(BootstrapMixin, forms.Form):
    printer = PrinterChoiceField(label=_("Máy in"), queryset=None, required=False,
                                 empty_label=_("— không chỉnh độ lệch —"))

    def __init__(self, *args, printers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["printer"].queryset = printers


class BatchForm(PrintForm):
    awards = forms.TypedMultipleChoiceField(label=_("Khen thưởng cần in"), coerce=int,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, awards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awards"].choices = [(a.pk, str(a.pk)) for a in awards]


class CalibrateForm(BootstrapMixin, forms.Form):
    """The test print's choices. Its inputs sit inside the layout form on the page and
    belong to the separate GET form "test-print" through the HTML `form` attribute."""

    printer = PrinterChoiceField(label=_("Máy in"), queryset=None, required=False,
                                 empty_label=_("— không chỉnh độ lệch —"),
                                 widget=forms.Select(attrs={"form": "test-print",
                                                            "class": "form-select form-select-sm"}))
    background = forms.BooleanField(label=_("Kèm ảnh quét phôi (chỉ xem trên màn hình)"), required=False,
                                    widget=forms.CheckboxInput(attrs={"form": "test-print"}))

    def __init__(self, *args, printers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["printer"].queryset = printers
