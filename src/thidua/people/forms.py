from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, VersionedFormMixin, VNDateField, check_dates_in_order
from thidua.org.picker import UnitField, UnitPicker
from thidua.people.models import DisciplineForm, Gender, PositionGroup, Rating, cccd_validator


class PersonForm(BootstrapMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=128)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = VNDateField(label=_("Ngày sinh"), required=False)
    cccd = forms.CharField(label=_("Số CCCD"), required=False, max_length=12, validators=[cccd_validator],
                           help_text=_("12 chữ số; để trống nếu chưa có."))
    position = forms.CharField(label=_("Chức vụ"), required=False, max_length=128)
    position_group = forms.ChoiceField(
        label=_("Nhóm chức vụ (thống kê)"), required=False,
        choices=[("", _("Chưa phân loại")), *PositionGroup.choices],
        help_text=_("Nhóm mà biểu thống kê khen thưởng đếm cá nhân này; khen thưởng ghi nhóm tại ngày quyết định."))

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if len(name.split()) < 2:
            raise forms.ValidationError(_("Hãy nhập đủ họ và tên (ít nhất hai từ)."))
        return name


class PersonEditForm(VersionedFormMixin, PersonForm):
    pass


class PersonCreateForm(PersonForm):
    started_on = VNDateField(label=_("Ngày bắt đầu công tác tại đơn vị"), required=False)


class TransferForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    # Any active unit may receive a transfer: the picker offers the whole province.
    to_unit = UnitField(label=_("Chuyển đến đơn vị"), widget=UnitPicker(destination=True))
    on = VNDateField(label=_("Từ ngày"))
    position = forms.CharField(label=_("Chức vụ mới"), required=False, max_length=128)
    reason = forms.CharField(label=_("Lý do / quyết định điều động"), required=False, max_length=255)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units


class RatingVersionMixin(VersionedFormMixin):
    """A yearly rating form: the version it carries is that of the rating of the year it
    was opened for (`version_year`, 0 when none was saved). Typed into another year, the
    form has seen nothing of that year: `loaded_version` is 0, and a rating saved there is
    not overwritten unseen."""

    def __init__(self, *args, version_year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version_year"] = forms.IntegerField(widget=forms.HiddenInput, required=False,
                                                         initial=version_year)

    def loaded_version(self) -> int | None:
        version = self.cleaned_data.get("version")
        if version is None:
            return None
        return version if self.cleaned_data.get("version_year") == self.cleaned_data.get("year") else 0


class EvaluationForm(RatingVersionMixin, BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    months_worked = forms.IntegerField(label=_("Số tháng công tác trong năm"), min_value=0, max_value=12, initial=12)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=255)


class UnitEvaluationForm(RatingVersionMixin, BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)


class DisciplineFormForm(BootstrapMixin, forms.Form):
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)
    decided_on = VNDateField(label=_("Ngày quyết định"))
    effective_until = VNDateField(label=_("Hiệu lực đến ngày"), required=False)
    reason_text = forms.CharField(label=_("Nội dung vi phạm"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        check_dates_in_order(self, data, "decided_on", "effective_until",
                             _("Ngày hết hiệu lực phải sau ngày quyết định."))
        return data
