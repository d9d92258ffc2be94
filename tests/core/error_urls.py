"""The project's URLs plus one view that fails the way an unforeseen bug would."""

from django.urls import path

from thidua.urls import handler500
from thidua.urls import urlpatterns as project_urlpatterns


def broken_view(request):
    raise RuntimeError("an unforeseen bug")


urlpatterns = [path("hong/", broken_view), *project_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
