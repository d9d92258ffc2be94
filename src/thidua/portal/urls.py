"""The public portal, mounted at /cong-khai/ (no sign-in)."""

from django.urls import path

from thidua.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("phong-trao/", views.movements, name="movements"),
    path("phong-trao/<int:pk>/", views.movement, name="movement"),
    path("quyet-dinh/", views.decisions, name="decisions"),
    path("quyet-dinh/<int:pk>/", views.decision, name="decision"),
    path("dien-hinh/", views.exemplars, name="exemplars"),
    path("dien-hinh/<int:pk>/", views.exemplar, name="exemplar"),
    path("dien-hinh/anh/<int:pk>/", views.exemplar_photo, name="exemplar_photo"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("xac-minh/", views.verify, name="verify"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
