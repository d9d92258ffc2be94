from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import (
    BootstrapMixin,
    SearchableSelect,
    SearchableSelectMultiple,
    VersionedFormMixin,
    VNDateField,
    check_dates_in_order,
)
from thidua.movements.models import MilestoneKind, MovementKind, ReviewKind
from thidua.org.picker import UnitField, UnitMultipleField

_TEXT = {"rows": 3}


class MovementForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên phong trào"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=MovementKind.choices)
    year = forms.IntegerField(label=_("Năm thi đua"), min_value=2000, max_value=2100)
    document = forms.ModelChoiceField(label=_("Văn bản phát động"), queryset=None, required=False,
                                      widget=SearchableSelect())
    parent = forms.ModelChoiceField(label=_("Thực hiện theo phong trào cấp trên"), queryset=None, required=False,
                                    widget=SearchableSelect())
    theme = forms.CharField(label=_("Chủ đề"), max_length=500, required=False)
    aims = forms.CharField(label=_("Mục đích, yêu cầu"), required=False, widget=forms.Textarea(attrs=_TEXT))
    targets = forms.CharField(label=_("Chỉ tiêu"), required=False, widget=forms.Textarea(attrs=_TEXT))
    content = forms.CharField(label=_("Nội dung thi đua"), required=False, widget=forms.Textarea(attrs=_TEXT))
    criteria = forms.CharField(label=_("Tiêu chí đánh giá"), required=False, widget=forms.Textarea(attrs=_TEXT))
    starts_on = VNDateField(label=_("Bắt đầu"), required=False)
    ends_on = VNDateField(label=_("Kết thúc"), required=False)
    registration_deadline = VNDateField(label=_("Hạn đăng ký thi đua"), required=False)
    monitoring_unit = UnitField(label=_("Đơn vị theo dõi, tổng hợp"), required=False, active=True)
    participant_units = UnitMultipleField(
        label=_("Đơn vị tham gia"), required=False, active=True,
        help_text=_("Để trống: toàn bộ đơn vị thuộc cấp phát động."))
    participants_subtree = forms.BooleanField(label=_("Kể cả các đơn vị trực thuộc của đơn vị tham gia"),
                                              required=False, initial=True)
    blocs = forms.ModelMultipleChoiceField(label=_("Khối, cụm thi đua tham gia"), queryset=None, required=False,
                                           widget=SearchableSelectMultiple())
    attachments = forms.ModelMultipleChoiceField(label=_("Văn bản liên quan"), queryset=None, required=False,
                                                 widget=SearchableSelectMultiple())

    def __init__(self, *args, documents, parents, units, blocs, organiser=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["attachments"].queryset = documents
        self.fields["parent"].queryset = parents
        for name in ("monitoring_unit", "participant_units"):
            # The organiser and the units right under it (what UNITS holds).
            self.fields[name].queryset = units
            self.fields[name].widget.under = organiser.pk if organiser else None
            self.fields[name].widget.levels = 1
        self.fields["blocs"].queryset = blocs

    def clean(self):
        data = super().clean()
        check_dates_in_order(self, data, "starts_on", "ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class MovementEditForm(VersionedFormMixin, MovementForm):
    """The movement form opened on a saved movement: it carries the movement's version."""


class MilestoneForm(BootstrapMixin, forms.Form):
    # The initial kind is what an empty row shows, so an untouched row is skipped, not invalid.
    kind = forms.ChoiceField(label=_("Loại mốc"), choices=MilestoneKind.choices, initial=MilestoneKind.SO_KET)
    title = forms.CharField(label=_("Nội dung"), max_length=255, required=False)
    due_on = VNDateField(label=_("Thời hạn"))


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=2, can_delete=True)


class CloneForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)


class ReviewForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=ReviewKind.choices)
    held_on = VNDateField(label=_("Ngày tổ chức"))
    document = forms.ModelChoiceField(label=_("Báo cáo sơ kết, tổng kết"), queryset=None, required=False,
                                      widget=SearchableSelect())
    notes = forms.CharField(label=_("Nhận xét, đánh giá"), required=False, widget=forms.Textarea(attrs=_TEXT))
    exemplar_units = UnitMultipleField(label=_("Tập thể điển hình"), required=False)
    exemplar_people = forms.CharField(
        label=_("Cá nhân điển hình"), required=False,
        help_text=_("Mã cá nhân (số CCCD hoặc mã trong hệ thống), mỗi người một dòng."),
        widget=forms.Textarea(attrs={"rows": 2}))
    exemplar_notes = forms.CharField(label=_("Gương điển hình khác"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, documents, units, organiser=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["exemplar_units"].queryset = units
        self.fields["exemplar_units"].widget.under = organiser.pk if organiser else None
