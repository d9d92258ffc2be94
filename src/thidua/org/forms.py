from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, VersionedFormMixin, VNDateField
from thidua.core.roles import Perm
from thidua.org.models import BlocRole, SuccessionKind, Unit
from thidua.org.picker import UnitField, UnitMultipleField


class UnitForm(BootstrapMixin, forms.ModelForm):
    active_from = VNDateField(label=_("Hoạt động từ ngày"), required=False)
    active_until = VNDateField(label=_("Ngừng hoạt động từ ngày"), required=False)

    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "kind", "level", "sector", "active_from", "active_until"]
        help_texts = {"sector": _("Để trống: theo khu vực của đơn vị cấp trên (đơn vị mới: theo loại hình). Khu "
                                  "vực quyết định danh hiệu nào được đăng ký, đề nghị cho đơn vị và người của đơn vị.")}

    def clean(self):
        data = super().clean()
        start, end = data.get("active_from"), data.get("active_until")
        if start and end and end <= start:
            self.add_error("active_until", _("Ngày ngừng hoạt động phải sau ngày bắt đầu hoạt động."))
        return data

    def _post_clean(self):
        # Uniqueness of the code and the tree fields are the service's job.
        pass


class UnitEditForm(VersionedFormMixin, UnitForm):
    pass


class SuccessionForm(BootstrapMixin, forms.Form):
    predecessors = UnitMultipleField(
        label=_("Các đơn vị cũ"), perm=Perm.ORG_CHANGE, active=True,
        help_text=_("Các đơn vị được hợp nhất, sáp nhập vào (hoặc chia tách thành) đơn vị này."),
    )
    kind = forms.ChoiceField(label=_("Hình thức"), choices=SuccessionKind.choices)
    effective_on = VNDateField(label=_("Ngày hiệu lực"))
    reason = forms.CharField(label=_("Căn cứ / ghi chú"), required=False, max_length=255)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessors"].queryset = units


class BlocForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Mã khối"), max_length=32)
    name = forms.CharField(label=_("Tên khối / cụm"), max_length=255)
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BlocMemberForm(BootstrapMixin, forms.Form):
    unit = UnitField(label=_("Đơn vị"), active=True)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    role = forms.ChoiceField(label=_("Vai trò trong khối"), choices=BlocRole.choices)

    def __init__(self, *args, units=None, organiser=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].widget.under = organiser.pk if organiser else None

