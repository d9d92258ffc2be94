from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def people_import(request):
    return render(request, "imports/people.html", {})
