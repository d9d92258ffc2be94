from django.urls import include, path

urlpatterns = [
    path("", include("thidua.home.urls")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("don-vi/", include("thidua.org.urls")),
    path("", include("thidua.people.urls")),  # ca-nhan/…, and a unit's people under don-vi/…
    path("van-ban/", include("thidua.documents.urls")),
    path("nhap-excel/", include("thidua.imports.urls")),
    path("danh-muc-khen-thuong/", include("thidua.catalog.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    path("dieu-kien/", include("thidua.eligibility.urls")),
    path("", include("thidua.registrations.urls")),  # dang-ky/…, and a movement's progress under phong-trao/…
    path("phong-trao/", include("thidua.movements.urls")),
    path("giao-uoc/", include("thidua.pledges.urls")),
    path("viec-can-lam/", include("thidua.notices.urls")),
    path("ho-so/", include("thidua.dossiers.urls")),
    path("hoi-dong/", include("thidua.councils.urls")),
    path("quyet-dinh/", include("thidua.decisions.urls")),
    path("in/", include("thidua.printing.urls")),
    path("xac-minh/", include("thidua.printing.public_urls")),
    path("dien-hinh/", include("thidua.exemplars.urls")),
    path("", include("thidua.reports.urls")),  # thong-ke/… and bao-cao/…
    path("cong-khai/", include("thidua.portal.urls")),
]

handler500 = "thidua.core.error_pages.server_error"
