from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin


class RegistrationForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    codes = forms.MultipleChoiceField(label=_("Danh hiệu đăng ký"), required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = choices
        self.fields["codes"].widget.attrs.pop("class", None)
