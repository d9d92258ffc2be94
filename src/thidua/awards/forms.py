from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards import grounds
from thidua.awards.models import FIRST_YEAR, MONEY_MAX, CommendationType, InitiativeScope
from thidua.awards.services import MONEY_TOO_BIG
from thidua.catalog.models import Category
from thidua.core.forms import BootstrapMixin, SearchableSelect, VNDateField


def kind_choices(kinds, name=None) -> list:
    """Award kinds grouped under «Danh hiệu thi đua» and «Hình thức khen thưởng», each by
    its name (NAME: code → the full name where the authority is known, `catalog.display`)."""
    groups: dict[str, list] = {}
    for k in kinds:
        groups.setdefault(k.category, []).append((k.code, name(k.code) if name else k.name))
    return [("", "—")] + [(label, groups[code]) for code, label in Category.choices if code in groups]


class _DecisionMixin(forms.Form):
    document = forms.ModelChoiceField(label=_("Văn bản quyết định"), queryset=None, required=False,
                                      widget=SearchableSelect(),
                                      help_text=_("Chọn nếu quyết định đã có trong mục Văn bản; nếu không, ghi số "
                                                  "quyết định bên dưới."))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False,
                                      help_text=_("Ví dụ: 123/QĐ-UBND"))
    issuer = forms.CharField(label=_("Cấp quyết định"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("document") and not (data.get("decision_number") or "").strip():
            self.add_error("decision_number", _("Hãy chọn văn bản quyết định hoặc ghi số quyết định."))
        return data


class AwardForm(BootstrapMixin, _DecisionMixin):
    kind = forms.ChoiceField(label=_("Danh hiệu, hình thức khen thưởng"), widget=SearchableSelect())
    household = forms.BooleanField(label=_("Tặng cho hộ gia đình của cá nhân"), required=False)
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=FIRST_YEAR, max_value=2100)
    decided_on = VNDateField(label=_("Ngày quyết định"))
    commendation_type = forms.ChoiceField(label=_("Loại hình khen thưởng"), choices=CommendationType.choices,
                                          initial=CommendationType.CONG_TRANG)
    period_from = forms.IntegerField(label=_("Thành tích từ năm"), min_value=FIRST_YEAR, max_value=2100,
                                     required=False)
    period_to = forms.IntegerField(label=_("Thành tích đến năm"), min_value=FIRST_YEAR, max_value=2100,
                                   required=False)
    achievement = forms.CharField(label=_("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    money = forms.IntegerField(label=_("Tiền thưởng (đồng)"), min_value=0, max_value=MONEY_MAX, required=False,
                               error_messages={"max_value": MONEY_TOO_BIG},
                               help_text=_("Để trống để tính theo danh mục: hệ số × mức lương cơ sở tại ngày quyết "
                                           "định, làm tròn lên hàng chục nghìn đồng."))

    field_order = ["kind", "household", "year", "decided_on", "document", "decision_number", "issuer",
                   "commendation_type", "period_from", "period_to", "achievement", "money"]

    def __init__(self, *args, kinds=(), documents=None, household=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(kinds)
        self.fields["document"].queryset = documents
        if not household:
            del self.fields["household"]


class RevocationGroundForm(forms.Form):
    """The ground of Law Art. 93(2) a revocation names, and its detail; `cleaned_data["reason"]`
    is the two as the ledger keeps them (`grounds.reason_text`)."""

    ground = forms.ChoiceField(label=_("Căn cứ hủy bỏ (khoản 2 Điều 93 Luật Thi đua, khen thưởng)"),
                               choices=grounds.choices(), widget=forms.RadioSelect,
                               error_messages={"required": _("Hãy chọn căn cứ hủy bỏ.")})
    reason = forms.CharField(label=_("Nội dung cụ thể"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             help_text=_("Ví dụ: kết luận thanh tra số, nội dung kê khai sai."))

    def clean(self):
        data = super().clean()
        if data.get("ground"):
            data["reason"] = grounds.reason_text(data["ground"], data.get("reason", ""))
        return data


class RevokeForm(BootstrapMixin, RevocationGroundForm):
    """The paper decision that revoked an award recorded by hand or imported: a document of
    Văn bản, or its number and date."""

    field_order = ["document", "number", "revoked_on", "ground", "reason"]

    document = forms.ModelChoiceField(label=_("Quyết định hủy bỏ, thu hồi"), queryset=None, required=False,
                                      widget=SearchableSelect(),
                                      help_text=_("Chọn nếu quyết định đã có trong mục Văn bản; nếu không, ghi số và "
                                                  "ngày quyết định bên dưới."))
    number = forms.CharField(label=_("Số quyết định hủy bỏ, thu hồi"), max_length=64, required=False,
                             help_text=_("Ví dụ: 45/QĐ-UBND"))
    revoked_on = VNDateField(label=_("Ngày quyết định hủy bỏ, thu hồi"), required=False)

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


class InitiativeForm(BootstrapMixin, _DecisionMixin):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500)
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=2100)
    scope = forms.ChoiceField(label=_("Phạm vi công nhận"), choices=InitiativeScope.choices)
    recognized_on = VNDateField(label=_("Ngày công nhận"))
    summary = forms.CharField(label=_("Tóm tắt, hiệu quả"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    used_for = forms.ChoiceField(label=_("Đã dùng để xét danh hiệu, hình thức"), required=False,
                                 help_text=_("Một sáng kiến chỉ được tính một lần, cho một danh hiệu hoặc một hình "
                                             "thức khen thưởng."))

    field_order = ["title", "year", "scope", "recognized_on", "document", "decision_number", "issuer", "summary",
                   "used_for"]

    def __init__(self, *args, documents=None, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["used_for"].choices = kind_choices(kinds)


class AuthorForm(BootstrapMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Tác giả"), queryset=None, required=False)
    share = forms.DecimalField(label=_("Tỷ lệ đóng góp (%)"), min_value=0, max_value=100, decimal_places=2,
                               required=False, localize=True)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("share") in (None, ""):
            self.add_error("share", _("Hãy ghi tỷ lệ đóng góp."))
        return data


AuthorFormSet = forms.formset_factory(AuthorForm, extra=4, max_num=10)
