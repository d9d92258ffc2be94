from django.urls import path

from thidua.registrations import views

app_name = "registrations"
urlpatterns = [
    path("ca-nhan/<int:pk>/", views.person_register, name="person"),
    path("don-vi/<int:pk>/", views.unit_register, name="unit"),
]
