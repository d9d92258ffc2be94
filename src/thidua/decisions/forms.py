import re

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.forms import RevocationGroundForm, kind_choices
from thidua.awards.models import FIRST_YEAR, CommendationType
from thidua.core import uploads
from thidua.core.forms import BootstrapMixin, VersionedFormMixin, VNDateField
from thidua.core.roles import Perm
from thidua.decisions.models import DecisionKind, DecisionState, IncomeSource, SignerRank
from thidua.decisions.services import NUMBER_MAX, NUMBER_TOO_BIG
from thidua.decisions.services.numbering import SIGNED_FILE_LABEL
from thidua.org.picker import UnitField


class DecisionFilterForm(BootstrapMixin, forms.Form):
    don_vi = UnitField(label=_("Đơn vị"), required=False)
    nam = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=2100, required=False)
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False,
                                   choices=[("", _("Tất cả")), *DecisionState.choices])
    loai = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *DecisionKind.choices])
    q = forms.CharField(label=_("Số, trích yếu"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units


class DecisionCreateForm(BootstrapMixin, forms.Form):
    authority = UnitField(
        label=_("Cơ quan ban hành"), perm=Perm.DECISION_CHANGE,
        help_text=_("Khi ghi quyết định của cơ quan cấp trên: chọn đơn vị lưu giữ và chi tiền thưởng."))
    external_name = forms.CharField(
        label=_("Cơ quan cấp trên đã ban hành"), max_length=255, required=False,
        help_text=_("Chỉ điền khi ghi lại quyết định do cơ quan ngoài hệ thống ban hành, ví dụ «Thủ tướng Chính "
                    "phủ»; quyết định đó giữ số đã ban hành."))
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=32, required=False,
                             help_text=_("Để trống để dùng ký hiệu của cơ quan ban hành (ví dụ QĐ-UBND)."))
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}),
                              initial=_("Về việc khen thưởng"))
    commendation_type = forms.ChoiceField(label=_("Loại hình khen thưởng"), choices=CommendationType.choices,
                                          initial=CommendationType.CONG_TRANG)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = units


class DecisionEditForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    authority_name = forms.CharField(label=_("Tên cơ quan ban hành (như in trên quyết định)"), max_length=255)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=32)
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    commendation_type = forms.ChoiceField(label=_("Loại hình khen thưởng"), choices=CommendationType.choices)


class RecipientForm(BootstrapMixin, forms.Form):
    subject = forms.RegexField(regex=r"^[pu]\d+$", widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Danh hiệu, hình thức"))
    household = forms.BooleanField(label=_("Hộ gia đình"), required=False)
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=FIRST_YEAR, max_value=2100)
    period_from = forms.IntegerField(label=_("Từ năm"), min_value=FIRST_YEAR, max_value=2100, required=False)
    period_to = forms.IntegerField(label=_("Đến năm"), min_value=FIRST_YEAR, max_value=2100, required=False)
    achievement = forms.CharField(label=_("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kinds=(), name=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(kinds, name)


class CancelForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do hủy dự thảo"), widget=forms.Textarea(attrs={"rows": 3}))


class IssueForm(BootstrapMixin, forms.Form):
    """The issue of a draft as the văn thư registered it and the leader signed it."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=48)
    issued_on = VNDateField(label=_("Ngày ban hành"))
    signatory = forms.ModelChoiceField(label=_("Người ký"), queryset=None,
                                       empty_label=_("— Chọn trong danh sách lãnh đạo ký —"))
    capacity = forms.ChoiceField(label=_("Thẩm quyền ký"))
    signed_file = forms.FileField(
        label=SIGNED_FILE_LABEL, required=False, widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
        help_text=_("Bản chụp bản giấy đã ký, đóng dấu, hoặc tệp đã ký số; có thể đính kèm sau, một lần."))

    def __init__(self, *args, signatories=None, capacities=(), hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = signatories
        self.fields["capacity"].choices = [("", _("— Chọn —")), *capacities]
        self.fields["number"].help_text = hint

    def clean_signed_file(self):
        return uploads.clean(self.cleaned_data.get("signed_file"), field="signed_file", label=SIGNED_FILE_LABEL,
                             types=("pdf",))


class AttachSignedForm(BootstrapMixin, forms.Form):
    signed_file = forms.FileField(label=SIGNED_FILE_LABEL, widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}))


class SignatoryForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=128)
    position = forms.CharField(label=_("Chức vụ"), max_length=128,
                               help_text=_("Ví dụ: Phó Chủ tịch Ủy ban nhân dân tỉnh"))
    rank = forms.ChoiceField(label=_("Vị trí"), choices=SignerRank.choices)
    active = forms.BooleanField(label=_("Đang giữ chức vụ"), required=False, initial=True)


class SigningRulesForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    by_order = forms.BooleanField(label=_("Quy chế làm việc cho phép ký thừa lệnh (TL.)"), required=False)
    delegated = forms.BooleanField(label=_("Quy chế làm việc cho phép ký thừa ủy quyền (TUQ.)"), required=False)


class RecordForm(BootstrapMixin, forms.Form):
    number = forms.IntegerField(label=_("Số quyết định"), min_value=1, max_value=NUMBER_MAX,
                                error_messages={"max_value": NUMBER_TOO_BIG})
    issued_on = VNDateField(label=_("Ngày ban hành"))
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=128)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=128)
    signed_file = forms.FileField(label=SIGNED_FILE_LABEL, required=False,
                                  widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}))

    def clean_signed_file(self):
        return uploads.clean(self.cleaned_data.get("signed_file"), field="signed_file", label=SIGNED_FILE_LABEL,
                             types=("pdf",))


class RevokeForm(BootstrapMixin, RevocationGroundForm):
    """The revocation decision, issued as every decision is: the number the văn thư
    registered, the leader who signed and in what capacity, the signed copy."""

    field_order = ["awards", "authority", "ground", "reason", "number", "issued_on", "signatory", "capacity",
                   "signed_file"]

    awards = forms.MultipleChoiceField(label=_("Khen thưởng bị hủy bỏ"), widget=forms.CheckboxSelectMultiple)
    authority = forms.ModelChoiceField(label=_("Cơ quan ban hành quyết định hủy bỏ"), queryset=None,
                                       empty_label=None)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=48)
    issued_on = VNDateField(label=_("Ngày ban hành"))
    signatory = forms.ModelChoiceField(label=_("Người ký"), queryset=None,
                                       empty_label=_("— Chọn trong danh sách lãnh đạo ký —"))
    capacity = forms.ChoiceField(label=_("Thẩm quyền ký"))
    signed_file = forms.FileField(label=SIGNED_FILE_LABEL, required=False,
                                  widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}))

    def __init__(self, *args, awards=(), authorities=None, signatories=None, capacities=(), hint: str = "",
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awards"].choices = awards
        self.fields["authority"].queryset = authorities
        self.fields["signatory"].queryset = signatories
        self.fields["signatory"].label_from_instance = lambda s: f"{s.full_name} — {s.position}"
        self.fields["capacity"].choices = [("", _("— Chọn —")), *capacities]
        self.fields["number"].help_text = hint

    def clean_signed_file(self):
        return uploads.clean(self.cleaned_data.get("signed_file"), field="signed_file", label=SIGNED_FILE_LABEL,
                             types=("pdf",))


class MoneyField(forms.Field):
    """A sum of đồng as Vietnamese write it: "3.800.000", "3 800 000", "3800000 đ". Gives a
    whole number (the service decides whether it is an amount it accepts), None when empty."""

    default_error_messages = {"invalid": _("Số tiền không hợp lệ; hãy nhập số đồng, ví dụ 3.800.000.")}

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 24})

    def to_python(self, value):
        text = re.sub(r"[\s.,]|đồng|đ$", "", str(value or "").strip(), flags=re.IGNORECASE)
        if not text:
            return None
        if not re.fullmatch(r"-?\d{1,18}", text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class FundIncomeStartForm(BootstrapMixin, forms.Form):
    """Which fund and budget year a receipt goes to (the keeper's funds only)."""

    unit = UnitField(label=_("Quỹ của đơn vị"), perm=Perm.DECISION_CHANGE)
    year = forms.IntegerField(label=_("Năm ngân sách"), min_value=FIRST_YEAR, max_value=2100)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class FundIncomeForm(BootstrapMixin, forms.Form):
    """A receipt of a fund; whether the values are acceptable is the service's to say
    (`services.fund_income_record`), which names the field."""

    source = forms.ChoiceField(label=_("Nguồn thu"), required=False,
                               choices=[("", _("— Chọn nguồn thu —")), *IncomeSource.choices])
    received_on = VNDateField(label=_("Ngày thu"), required=False)
    amount = MoneyField(label=_("Số tiền (đồng)"), required=False, help_text=_("Ví dụ: 3.800.000"))
    reference = forms.CharField(label=_("Số chứng từ, quyết định giao dự toán"), max_length=128, required=False,
                                help_text=_("Ví dụ: Quyết định số 125/QĐ-UBND giao dự toán ngân sách; phiếu thu số 12"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FundReversalForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do điều chỉnh giảm"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Ví dụ: ghi nhầm số tiền; khoản thu sẽ được ghi lại đúng."))
