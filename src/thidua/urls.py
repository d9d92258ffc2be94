from django.urls import include, path

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("don-vi/", include("thidua.org.urls")),
    path("ca-nhan/", include("thidua.people.urls")),
    path("van-ban/", include("thidua.documents.urls")),
    path("nhap-excel/", include("thidua.imports.urls")),
]
