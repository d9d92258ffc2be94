from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import access, uploads
from thidua.core.forms import BootstrapMixin, SearchableSelect, VersionedFormMixin, VNDateField
from thidua.core.roles import Perm
from thidua.exemplars import services
from thidua.exemplars.models import CongressKind, ExemplarField
from thidua.movements.selectors import movements_for
from thidua.org.models import Unit

STORY_HELP = _("Có thể dán văn bản từ Word: giữ đoạn văn, chữ đậm, chữ nghiêng, gạch chân, danh sách, tiêu đề nhỏ, "
               "trích dẫn và liên kết http/https; mọi định dạng khác, ảnh, mã lệnh và liên kết không an toàn đều bị "
               "loại bỏ khi lưu. Ảnh của điển hình tải lên ở mục «Ảnh» trên trang điển hình.")


class _Choice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ExemplarForm(BootstrapMixin, forms.Form):
    """What an officer writes of an exemplar; AWARDS and INITIATIVES offer the subject's own."""

    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=[("", "—"), *ExemplarField.choices])
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    position = forms.CharField(label=_("Chức vụ, chức danh"), max_length=255, required=False,
                               help_text=_("Hiện trên trang công khai cùng họ tên và đơn vị."))
    headline = forms.CharField(label=_("Tiêu đề gương điển hình"), max_length=255, required=False)
    movement = forms.ModelChoiceField(label=_("Phong trào thi đua"), queryset=None, required=False,
                                      widget=SearchableSelect)
    # data-rich-text: static/thidua/story-editor.js turns the textarea into the story editor.
    story = forms.CharField(label=_("Câu chuyện, thành tích"),
                            widget=forms.Textarea(attrs={"rows": 10, "data-rich-text": ""}),
                            max_length=services.STORY_MAX, help_text=STORY_HELP)
    awards = _Choice(label=_("Khen thưởng"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    initiatives = _Choice(label=_("Sáng kiến"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, person=None, collective=None, fixed_movement=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements_for(user)
        if fixed_movement:
            self.fields["movement"].disabled = True
        self.fields["awards"].queryset = services.subject_awards(person, collective)
        self.fields["initiatives"].queryset = services.subject_initiatives(person, collective)
        if not self.fields["initiatives"].queryset.exists():
            del self.fields["initiatives"]


class ExemplarEditForm(VersionedFormMixin, ExemplarForm):
    pass


class PhotoForm(BootstrapMixin, forms.Form):
    image = forms.FileField(label=services.PHOTO_LABEL, widget=forms.ClearableFileInput(
        attrs={"accept": uploads.accept(uploads.IMAGES)}))
    caption = forms.CharField(label=_("Chú thích ảnh"), max_length=255, required=False)

    def clean_image(self):
        return uploads.clean(self.cleaned_data.get("image"), field="image", label=services.PHOTO_LABEL,
                             types=uploads.IMAGES, limit=services.PHOTO_MAX_BYTES,
                             pixel_limit=services.PHOTO_MAX_PIXELS)


class CongressForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=CongressKind.choices)
    unit = forms.ModelChoiceField(label=_("Cấp tổ chức"), queryset=None, widget=SearchableSelect)
    name = forms.CharField(label=_("Tên hội nghị, đại hội"), max_length=500)
    held_on = VNDateField(label=_("Ngày tổ chức"))
    venue = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.scope(user, Perm.EXEMPLAR_APPROVE, Unit.objects.order_by("path"))
        if not self.is_bound and not self.initial.get("held_on"):
            self.initial["held_on"] = timezone.localdate()


class CongressEditForm(VersionedFormMixin, CongressForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit"]  # the level is what the congress was created for


class HonourForm(forms.Form):
    exemplars = _Choice(label=_("Điển hình được tuyên dương"), queryset=None, required=False,
                        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exemplars"].queryset = candidates
