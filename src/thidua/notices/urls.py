from django.urls import path

from thidua.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.todo, name="todo"),
    path("da-doc/", views.mark_read, name="read_all"),
    path("<int:pk>/da-doc/", views.mark_read, name="read"),
]
