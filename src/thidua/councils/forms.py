from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from thidua.catalog.selectors import kind_names
from thidua.core.forms import BootstrapMixin, SearchableSelect
from thidua.core.roles import Role
from thidua.core.text import display_name
from thidua.councils.models import MemberRole
from thidua.org.picker import UnitField


class CouncilForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên hội đồng"), max_length=255)


class MemberForm(BootstrapMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=128)
    position = forms.CharField(label=_("Chức vụ"), max_length=255, help_text=_("Ví dụ: Giám đốc Sở Y tế"))
    role = forms.ChoiceField(label=_("Vai trò trong hội đồng"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    home_unit = UnitField(label=_("Đơn vị công tác"), active=True,
                          help_text=_("Thành viên không bỏ phiếu cho các trường hợp thuộc đơn vị mình."))
    user = forms.ModelChoiceField(label=_("Tài khoản bỏ phiếu"), queryset=None, required=False,
                                  widget=SearchableSelect(),
                                  help_text=_("Tài khoản có vai trò Thành viên Hội đồng TĐKT."))

    def __init__(self, *args, units, users, authority=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_unit"].queryset = units
        # The authority and the units right under it (what UNITS holds).
        self.fields["home_unit"].widget.under = authority.pk if authority else None
        self.fields["home_unit"].widget.levels = 1
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: f"{display_name(u)} ({u.username})"


class MeetingForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Nội dung phiên họp"), max_length=255)
    starts_at = forms.DateTimeField(label=_("Thời gian"), input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
                                    widget=forms.DateTimeInput(attrs={"placeholder": "dd/mm/yyyy hh:mm"},
                                                               format="%d/%m/%Y %H:%M"),
                                    error_messages={"invalid": _("Nhập thời gian dạng dd/mm/yyyy hh:mm.")})
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    items = forms.ModelMultipleChoiceField(label=_("Các trường hợp đưa ra xét"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple,
                                           error_messages={"required": _("Chọn ít nhất một trường hợp.")})

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items
        names = kind_names()
        self.fields["items"].label_from_instance = lambda item: (
            f"{item.subject_name} — {names.get(item.kind, item.kind)} {item.year} ({item.held_unit.name})")


def council_users():
    return get_user_model().objects.filter(role_grants__role=Role.COUNCIL_MEMBER).distinct().order_by("last_name")
