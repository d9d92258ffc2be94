from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import ApplicationError
from thidua.core.forms import (
    BootstrapMixin,
    SearchableSelect,
    SearchableSelectMultiple,
    VersionedFormMixin,
    VNDateField,
)
from thidua.pledges.models import CriterionKind, RoundKind, RoundMode
from thidua.pledges.services import Entry, parse_points


class PointsField(forms.DecimalField):
    """A number of points typed as 2,5 or 2.5, shown as 2,5."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        return super().to_python(value.replace(",", ".") if isinstance(value, str) else value)

    def prepare_value(self, value):
        return _plain(value) if not isinstance(value, str) else value


class PledgeCreateForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Tên giao ước"), max_length=255)
    content = forms.CharField(label=_("Nội dung giao ước"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Các nội dung thi đua các đơn vị cam kết thực hiện (mỗi nội dung một dòng)."))
    copy_last_year = forms.BooleanField(label=_("Sao chép bảng tiêu chí năm trước của khối"), required=False)


class PledgeEditForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Tên giao ước"), max_length=255)
    content = forms.CharField(label=_("Nội dung giao ước"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    signed_on = VNDateField(label=_("Ngày ký kết"), required=False)
    document = forms.ModelChoiceField(label=_("Văn bản giao ước đã ký"), queryset=None, required=False,
                                      widget=SearchableSelect(),
                                      help_text=_("Chọn văn bản đã nhập ở mục Văn bản (bản ký, đóng dấu)."))

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


class GroupForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Số thứ tự nhóm"), max_length=16, help_text=_("Ví dụ: I, II, III"))
    name = forms.CharField(label=_("Tên nhóm tiêu chí"), max_length=255)
    order = forms.IntegerField(label=_("Thứ tự hiển thị"), min_value=0, max_value=999, required=False)


class CriterionForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    group = forms.ModelChoiceField(label=_("Thuộc nhóm"), queryset=None, empty_label=None)
    code = forms.CharField(label=_("Số thứ tự"), max_length=16, help_text=_("Ví dụ: 1.2"))
    name = forms.CharField(label=_("Nội dung tiêu chí"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    guidance = forms.CharField(label=_("Cách chấm điểm"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    max_points = PointsField(label=_("Điểm tối đa"), min_value=0, max_digits=7, decimal_places=2)
    kind = forms.ChoiceField(label=_("Loại"), choices=CriterionKind.choices,
                             help_text=_("Điểm trừ: nhập điểm tối đa bị trừ; khi chấm ghi số dương, hệ thống tự trừ."))
    evidence_required = forms.BooleanField(label=_("Bắt buộc có minh chứng"), required=False)
    order = forms.IntegerField(label=_("Thứ tự trong nhóm"), min_value=0, max_value=999, required=False)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class RoundForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên đợt chấm điểm"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại đợt"), choices=RoundKind.choices,
                             help_text=_("Chỉ đợt tổng kết năm xét đề nghị Cờ thi đua và Bằng khen."))
    self_score_deadline = VNDateField(label=_("Hạn tự chấm điểm"))
    review_deadline = VNDateField(label=_("Hạn thẩm định, chấm chéo"))
    mode = forms.ChoiceField(label=_("Hình thức thẩm định"), choices=RoundMode.choices,
                             help_text=_("Khối trưởng thẩm định (khối phó thẩm định bảng điểm của khối trưởng), hoặc "
                                         "tổ chấm chéo gồm các đơn vị thành viên; điểm thẩm định là trung bình "
                                         "điểm của tổ."))
    bk_proposals = forms.IntegerField(
        label=_("Số đơn vị đề nghị Bằng khen"), min_value=0, max_value=50, initial=2,
        help_text=_("Đơn vị xếp ngay sau các đơn vị đề nghị Cờ thi đua; số lượng theo quy chế cụm, khối của tỉnh."))
    panel_units = forms.ModelMultipleChoiceField(label=_("Tổ chấm chéo"), queryset=None, required=False,
                                                 widget=SearchableSelectMultiple(),
                                                 help_text=_("Chỉ cần khi chọn hình thức tổ chấm chéo."))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel_units"].queryset = units


class PanelForm(BootstrapMixin, forms.Form):
    units = forms.ModelMultipleChoiceField(label=_("Đơn vị trong tổ chấm chéo"), queryset=None,
                                           widget=SearchableSelectMultiple())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class ReopenForm(BootstrapMixin, forms.Form):
    self_score_deadline = VNDateField(label=_("Hạn tự chấm điểm mới"))
    review_deadline = VNDateField(label=_("Hạn thẩm định mới"))
    reason = forms.CharField(label=_("Lý do mở lại, gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))


SELF_NOTE_LABEL = _("Giải trình tiêu chí %s")


class LinesForm(forms.Form):
    """One row per criterion of a sheet: points, note (or comment) and the loaded version.

    Field names: `p_<criterion id>`, `n_<criterion id>`, `v_<criterion id>`. `attach(lines)`
    hangs the bound fields on the sheet's lines so the template renders them in table order.
    """

    def __init__(self, *args, lines=(), initial_points=None, initial_note=None, version=None,
                 note_label=SELF_NOTE_LABEL, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            cid = line.criterion.pk
            self.fields[f"p_{cid}"] = forms.CharField(
                required=False, initial=_plain(initial_points(line)),
                # Text, not type=number: officers type "8,5" the Vietnamese way; the service parses it.
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": "6",
                                              "class": "form-control form-control-sm text-end points-input"}))
            self.fields[f"n_{cid}"] = forms.CharField(
                required=False, initial=initial_note(line),
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm",
                                             "aria-label": note_label % line.criterion.code}))
            self.fields[f"v_{cid}"] = forms.IntegerField(initial=version(line), required=False, min_value=0,
                                                         widget=forms.HiddenInput)

    def attach(self) -> None:
        for line in self.lines:
            cid = line.criterion.pk
            line.f_points, line.f_note, line.f_version = self[f"p_{cid}"], self[f"n_{cid}"], self[f"v_{cid}"]

    def clean(self):
        data = super().clean()
        entries = []
        for line in self.lines:
            cid, code = line.criterion.pk, line.criterion.code
            if data.get(f"v_{cid}") is None:  # a line the page did not post is left as it is
                continue
            try:
                points = parse_points(data.get(f"p_{cid}"), code)
            except ApplicationError as exc:
                self.add_error(f"p_{cid}", str(exc.message))
                continue
            entries.append(Entry(cid, points, data.get(f"n_{cid}") or "", data[f"v_{cid}"]))
        self.entries = entries
        return data


def _plain(value) -> str:
    """Points as an officer writes them: 8,5 — not 8.50."""
    if value is None:
        return ""
    text = f"{value:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")
