"""The public consultation: moderating and handling opinions, and the public pages (no login)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from thidua.core import access, once
from thidua.core.net import absolute_url, client_ip
from thidua.core.public import private_page, public_page
from thidua.core.roles import Perm
from thidua.core.views_util import attempt
from thidua.dossiers import selectors, services
from thidua.dossiers.forms import OpinionForm
from thidua.dossiers.models import ConsultationOpinion, Dossier
from thidua.dossiers.views.common import _dossier_child


@login_required
def opinions(request, pk: int):
    dossier = access.get(request.user, Dossier, pk, perm=Perm.DOSSIER_REVIEW)
    return render(request, "dossiers/opinions.html", {
        "dossier": dossier, "opinions": selectors.opinions_for_moderation(dossier),
        "items": selectors.public_items(dossier), "may_moderate": services.may(request.user, dossier, "moderate"),
        "public_url": absolute_url(request, reverse("dossiers:public_detail", args=[dossier.pk]))})


@login_required
@require_POST
def opinion_act(request, pk: int, opinion_pk: int):
    dossier, opinion = _dossier_child(request, pk, ConsultationOpinion, opinion_pk, "moderate")
    if "dang" in request.POST or "an" in request.POST:
        attempt(request, services.opinion_moderate, success=_("Đã lưu."), opinion=opinion,
                publish="dang" in request.POST)
    else:
        attempt(request, services.opinion_handle, success=_("Đã lưu."), opinion=opinion,
                handling=request.POST.get("xu-ly", ""))
    return redirect(reverse("dossiers:opinions", args=[dossier.pk]) + f"#y-kien-{opinion.pk}")


@require_safe
@public_page
def public_list(request):
    """Open consultations: public, no login."""
    return render(request, "dossiers/public_list.html", {"dossiers": selectors.public_consultations()})


@require_http_methods(["GET", "POST"])
@private_page  # its form carries the visitor's CSRF token
def public_detail(request, pk: int):
    """A dossier's published list and the opinion form: public, no login. Shows only each
    nominee's name, unit, proposed form and achievement summary."""
    dossier = selectors.public_consultation_get(pk)
    items = selectors.public_items(dossier)
    form = OpinionForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["website"]:
            return redirect("dossiers:public_detail", dossier.pk)  # a robot: dropped without a word
        item = dossier.items.filter(pk=d["item"], published_at__isnull=False).first() if d["item"] else None
        # No account here: the service takes no actor.
        done = attempt(request, lambda actor: once.submit(request, lambda: services.opinion_submit(
            dossier=dossier, item=item, name=d["name"], contact=d["contact"], text=d["text"],
            sender=client_ip(request)), lands_on=lambda _o: reverse("dossiers:public_detail", args=[dossier.pk]),
            success=lambda _o: _("Đã nhận ý kiến của bạn. Ý kiến được đăng sau khi cơ quan thường trực xem xét; "
                                 "cảm ơn bạn đã góp ý.")), form=form)
        if done:
            return redirect(done.value.url)
    return render(request, "dossiers/public_detail.html", {
        "dossier": dossier, "items": items, "form": form, "opinions": selectors.published_opinions(dossier)})
