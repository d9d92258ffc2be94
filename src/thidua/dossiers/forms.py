from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import CommendationType
from thidua.catalog.models import AuthorityLevel
from thidua.core import uploads
from thidua.core.forms import BootstrapMixin, SearchableSelect, VersionedFormMixin
from thidua.core.roles import Perm
from thidua.dossiers.models import FILE_TYPES
from thidua.org.picker import UnitField

_TEXT = {"rows": 3}


class DossierForm(BootstrapMixin, forms.Form):
    unit = UnitField(label=_("Đơn vị đề nghị"), perm=Perm.DOSSIER_CHANGE, active=True)
    authority_level = forms.ChoiceField(label=_("Cấp quyết định khen thưởng"), choices=AuthorityLevel.choices)
    commendation_type = forms.ChoiceField(label=_("Loại hình khen thưởng"), choices=CommendationType.choices,
                                          initial=CommendationType.CONG_TRANG)
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1945, max_value=2100)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    number = forms.CharField(label=_("Số tờ trình"), max_length=64, required=False,
                             help_text=_("Ví dụ: 15/TTr-SNV; có thể ghi sau."))
    movement = forms.ModelChoiceField(label=_("Phong trào thi đua"), queryset=None, required=False,
                                      widget=SearchableSelect())
    summary = forms.CharField(label=_("Nội dung tóm tắt"), required=False, widget=forms.Textarea(attrs=_TEXT))

    def __init__(self, *args, units, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["movement"].queryset = movements


class DossierEditForm(VersionedFormMixin, DossierForm):
    pass


class ItemForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức đề nghị"))
    period_from = forms.IntegerField(label=_("Thành tích từ năm"), min_value=1945, max_value=2100)
    period_to = forms.IntegerField(label=_("Đến năm"), min_value=1945, max_value=2100)
    achievement = forms.CharField(label=_("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs=_TEXT),
                                  help_text=_("Đoạn ngắn đưa vào danh sách và trang công khai lấy ý kiến."))
    report_text = forms.CharField(label=_("Báo cáo thành tích"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 14}),
                                  help_text=_("Viết trực tiếp (có thể điền từ mẫu) hoặc tải tệp báo cáo đã ký ở "
                                              "phần «Tài liệu của trường hợp»."))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds

    def clean(self):
        data = super().clean()
        first, last = data.get("period_from"), data.get("period_to")
        if first and last and first > last:
            self.add_error("period_from", _("Năm bắt đầu không được sau năm kết thúc."))
        return data


class ManualAddForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức đề nghị"))
    household = forms.BooleanField(label=_("Đề nghị cho hộ gia đình của cá nhân"), required=False)
    period_from = forms.IntegerField(label=_("Thành tích từ năm"), min_value=1945, max_value=2100, required=False)
    achievement = forms.CharField(label=_("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs=_TEXT))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"))
    file = forms.FileField(label=_("Tệp"),
                           widget=forms.ClearableFileInput(attrs={"accept": uploads.accept(FILE_TYPES)}))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


class OpinionForm(BootstrapMixin, forms.Form):
    item = forms.TypedChoiceField(label=_("Góp ý về trường hợp"), coerce=int, required=False, empty_value=None)
    name = forms.CharField(label=_("Họ và tên"), max_length=128)
    contact = forms.CharField(label=_("Địa chỉ liên hệ (điện thoại hoặc e-mail)"), max_length=255)
    text = forms.CharField(label=_("Nội dung ý kiến"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    # Left empty by people; filled by naive robots, whose posts are dropped. The row is hidden
    # from people and screen readers (form_fields.html reads `honeypot`).
    honeypot = "website"
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("Cả danh sách"))] + [(i.pk, f"{i.name} — {i.kind}") for i in items]


class ForwardForm(BootstrapMixin, forms.Form):
    """The forward page: the relaying authority's tờ trình (its header fields) and its own
    signed dossier-level papers, one file field per kind in PAPERS (`selectors.forward_papers`,
    the field named by the kind's code). The chosen dossiers are read from the page's check
    boxes. Which papers the chosen items need, and whether each file is accepted, is the
    service's to say: its refusal lands on the field it names."""

    title = forms.CharField(label=_("Trích yếu tờ trình"), max_length=500, required=False,
                            widget=forms.TextInput(attrs={"required": True}))
    number = forms.CharField(label=_("Số tờ trình"), max_length=64, required=False,
                             help_text=_("Ví dụ: 45/TTr-UBND"))
    external_authority = forms.CharField(label=_("Nơi nhận (để trống: theo cấp quyết định)"), max_length=255,
                                         required=False)
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, papers, **kwargs):
        super().__init__(*args, **kwargs)
        accept = uploads.accept(FILE_TYPES)
        for paper in papers:
            if paper.always:
                help_text = _("Bắt buộc: bản đã ký, đóng dấu (PDF hoặc bản chụp, bản scan).")
            else:
                help_text = _("Bắt buộc khi trình: %s.") % ", ".join(paper.for_names)
            # Required is checked by the service, in Vietnamese: no browser bubble in English.
            attrs = {"accept": accept, "class": "form-control", "style": "max-width: 40rem"}
            self.fields[paper.kind.code] = forms.FileField(label=paper.kind.name, required=False, help_text=help_text,
                                                           widget=forms.FileInput(attrs=attrs))
        self.papers = list(papers)

    def paper_fields(self) -> list:
        """(bound field, paper) for each paper, in the workflow file's order."""
        return [(self[paper.kind.code], paper) for paper in self.papers]

    def uploads(self) -> dict:
        """Document kind code → the file given (None when left empty), for `dossier_forward`."""
        return {paper.kind.code: self.cleaned_data.get(paper.kind.code) for paper in self.papers}
