from django.urls import path

from thidua.core import public
from thidua.home import views

app_name = "home"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tim-kiem/", views.search, name="search"),
    path("robots.txt", public.robots_txt, name="robots"),
]
