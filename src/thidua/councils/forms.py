from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from thidua.catalog.selectors import kind_names
from thidua.core.forms import BootstrapMixin, SearchableSelect, VersionedFormMixin
from thidua.core.roles import Role
from thidua.core.text import display_name
from thidua.councils.models import MemberRole, VoteBasis
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


WRITTEN_CHOICES = [("", _("Theo bộ quy tắc")), ("yes", _("Có tính")), ("no", _("Không tính"))]


class RegulationForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    """The council's own regulation (quy chế hoạt động) and the figures it sets."""

    regulation_number = forms.CharField(label=_("Số văn bản ban hành quy chế hoạt động"), max_length=64,
                                        required=False, help_text=_("Ví dụ: 15/QĐ-HĐTĐKT"))
    regulation_date = forms.DateField(label=_("Ngày ban hành"), required=False, input_formats=["%d/%m/%Y"],
                                      widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
                                      error_messages={"invalid": _("Nhập ngày ban hành dạng dd/mm/yyyy.")})
    vote_basis = forms.ChoiceField(label=_("Tỷ lệ biểu quyết tính trên"), required=False,
                                   choices=[("", _("Theo bộ quy tắc")), *VoteBasis.choices])
    vote_share = forms.DecimalField(label=_("Tỷ lệ đồng ý cần đạt (%)"), required=False, min_value=1, max_value=100,
                                    decimal_places=2, help_text=_("Để trống: theo bộ quy tắc (quá bán)."),
                                    error_messages={"invalid": _("Nhập tỷ lệ là một số từ 1 đến 100."),
                                                    "min_value": _("Tỷ lệ phải từ 1 đến 100."),
                                                    "max_value": _("Tỷ lệ phải từ 1 đến 100.")})
    count_written = forms.ChoiceField(label=_("Tính ý kiến bằng văn bản của thành viên vắng mặt"), required=False,
                                      choices=WRITTEN_CHOICES)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        share = data["vote_share"]
        return {"regulation_number": data["regulation_number"], "regulation_date": data["regulation_date"],
                "vote_basis": data["vote_basis"], "vote_share": share / 100 if share is not None else None,
                "count_written": {"yes": True, "no": False}.get(data["count_written"]), "version": data["version"]}


def regulation_initial(council) -> dict:
    return {"regulation_number": council.regulation_number, "regulation_date": council.regulation_date,
            "vote_basis": council.vote_basis,
            "vote_share": council.vote_share * 100 if council.vote_share is not None else None,
            "count_written": {True: "yes", False: "no"}.get(council.count_written, "")}


PAPER_LABELS = {"paper_agree": _("Đồng ý"), "paper_disagree": _("Không đồng ý"),
                "paper_lower": _("Đồng ý hình thức thấp hơn"), "paper_invalid": _("Không hợp lệ"),
                "written_agree": _("Văn bản: đồng ý"), "written_disagree": _("Văn bản: không đồng ý"),
                "written_lower": _("Văn bản: hình thức thấp hơn")}
NOT_A_COUNT = _("«%(item)s», ô «%(field)s»: nhập số phiếu là số nguyên từ 0 trở lên.")


def paper_counts(data, agenda) -> tuple[dict[int, dict[str, int]], str]:
    """The totals typed in the paper-count form, by agenda item, or the message naming the
    case and the box that is not a count."""
    counts = {}
    for entry in agenda:
        row = {}
        for name, label in PAPER_LABELS.items():
            raw = (data.get(f"{name}-{entry.pk}") or "0").strip()
            if not raw.isdigit():
                return {}, NOT_A_COUNT % {"item": entry.item.subject_name, "field": label}
            row[name] = int(raw)
        counts[entry.pk] = row
    return counts, ""


def council_users():
    return get_user_model().objects.filter(role_grants__role=Role.COUNCIL_MEMBER).distinct().order_by("last_name")
