from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.catalog.models import AuthorityLevel, AwardKind, Category, KindGroup, SubjectKind
from thidua.core.forms import BootstrapMixin, VNDateField
from thidua.core.sectors import Sector

# Where a CatalogError's field shows on this form.
ERROR_FIELDS = {
    "authority": "authority_text", "authority.text": "authority_text", "authority.levels": "authority_levels",
    "coefficients": "coef_individual", "coefficients.individual": "coef_individual",
    "coefficients.collective": "coef_collective", "coefficients.household": "coef_household",
}


class AwardKindVersionForm(BootstrapMixin, forms.Form):
    """A new version of one award kind: every field of the catalog entry, plus the date it
    applies from and why."""

    valid_from = VNDateField(label=_("Áp dụng từ ngày"))
    name = forms.CharField(label=_("Tên"), max_length=255)
    category = forms.ChoiceField(label=_("Loại"), choices=Category.choices)
    group = forms.ChoiceField(label=_("Nhóm"), choices=KindGroup.choices)
    subjects = forms.MultipleChoiceField(label=_("Đối tượng được tặng"), choices=SubjectKind.choices,
                                         widget=forms.CheckboxSelectMultiple)
    sectors = forms.MultipleChoiceField(
        label=_("Chỉ xét cho khu vực"), choices=Sector.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn: mọi khu vực. Ví dụ Chiến sĩ tiên tiến chỉ xét cho Lực lượng vũ trang nhân dân."))
    authority_text = forms.CharField(label=_("Cấp có thẩm quyền quyết định"), max_length=500)
    authority_levels = forms.MultipleChoiceField(label=_("Mã cấp quyết định"), choices=AuthorityLevel.choices,
                                                 widget=forms.CheckboxSelectMultiple)
    coef_individual = forms.CharField(label=_("Hệ số tiền thưởng — cá nhân"), required=False, max_length=12,
                                      help_text=_("Số lần mức lương cơ sở, ví dụ 0,3; để trống nếu không có."))
    coef_collective = forms.CharField(label=_("Hệ số tiền thưởng — tập thể"), required=False, max_length=12)
    coef_household = forms.CharField(label=_("Hệ số tiền thưởng — hộ gia đình"), required=False, max_length=12)
    requires_public_consultation = forms.BooleanField(label=_("Phải lấy ý kiến công khai trước khi quyết định"),
                                                      required=False)
    certificate = forms.BooleanField(label=_("Có cấp bằng, giấy chứng nhận"), required=False)
    rank = forms.IntegerField(label=_("Thứ bậc"), min_value=0, max_value=1000,
                              help_text=_("Số lớn hơn là khen thưởng cao hơn (dùng khi chỉ trả tiền cho mức cao "
                                          "nhất của cùng một thành tích)."))
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("Mỗi dòng một trích dẫn, ví dụ: Luật Thi đua, khen thưởng 2022, "
                                              "Điều 24."))
    variant_of = forms.ChoiceField(label=_("Tương ứng với (lực lượng vũ trang)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("Lý do tạo phiên bản mới"), max_length=500,
                             help_text=_("Ví dụ: văn bản mới thay đổi hệ số tiền thưởng."))

    def __init__(self, *args, codes=(), names: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        names = names or {}
        shown = sorted(codes, key=lambda c: (names.get(c, c), c))
        self.fields["variant_of"].choices = [("", "—"), *((c, names.get(c, c)) for c in shown)]
        for name in ("subjects", "sectors", "authority_levels"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    @staticmethod
    def initial_from(version: AwardKind) -> dict:
        d = version.data
        coefficients = d["coefficients"]
        return {
            "valid_from": version.valid_from, "name": d["name"], "category": d["category"], "group": d["group"],
            "subjects": d["subjects"], "sectors": d.get("sectors", []), "authority_text": d["authority"]["text"],
            "authority_levels": d["authority"]["levels"],
            **{f"coef_{k}": (v or "").replace(".", ",") for k, v in coefficients.items()},
            "requires_public_consultation": d["requires_public_consultation"], "certificate": d["certificate"],
            "rank": d["rank"], "legal_basis": "\n".join(d["legal_basis"]), "variant_of": d.get("variant_of") or "",
            "note": d.get("note", ""),
        }

    def entry_data(self) -> dict:
        """The cleaned fields in the catalog file's shape, for `loader.validate_kind`."""
        c = self.cleaned_data
        return {
            "name": c["name"], "category": c["category"], "group": c["group"], "subjects": list(c["subjects"]),
            "sectors": list(c["sectors"]),
            "authority": {"text": c["authority_text"], "levels": list(c["authority_levels"])},
            "coefficients": {k: c[f"coef_{k}"].strip() or None for k in SubjectKind.values},
            "requires_public_consultation": c["requires_public_consultation"], "certificate": c["certificate"],
            "rank": c["rank"], "legal_basis": [line for line in c["legal_basis"].splitlines() if line.strip()],
            "variant_of": c["variant_of"] or None, "note": c["note"],
        }
