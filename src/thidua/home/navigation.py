"""The main menu of every signed-in page, as a table: links, and drop-downs of links; a link
may start a new group (a line above it) or be for administrators only. Later apps add their
pages here (reports, exemplars) rather than in the base template."""

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.core.roles import Perm


def link(label, url_name: str, *, new_group: bool = False, admin_only: bool = False, perm: str = "") -> dict:
    """A menu link; PERM: shown only to a user holding that permission somewhere."""
    return {"label": label, "url_name": url_name, "new_group": new_group, "admin_only": admin_only, "perm": perm}


def menu(label, *links: dict) -> dict:
    return {"label": label, "links": links}


MAIN = (
    link(_("Tổng quan"), "home:dashboard"),
    link(_("Đơn vị"), "org:tree"),
    link(_("Cá nhân"), "people:list"),
    menu(_("Phong trào"),
         link(_("Phong trào thi đua"), "movements:list"),
         link(_("Đăng ký thi đua"), "registrations:index"),
         link(_("Điển hình tiên tiến"), "exemplars:register"),
         link(_("Hội nghị điển hình, đại hội thi đua"), "exemplars:congresses")),
    menu(_("Khối thi đua"),
         link(_("Khối, cụm thi đua"), "org:blocs"),
         link(_("Giao ước, chấm điểm"), "pledges:list")),
    menu(_("Khen thưởng"),
         link(_("Hồ sơ đề nghị khen thưởng"), "dossiers:list"),
         link(_("Hội đồng Thi đua – Khen thưởng"), "councils:list"),
         link(_("Quyết định khen thưởng"), "decisions:list"),
         link(_("Sổ khen thưởng"), "awards:ledger"),
         link(_("Thống kê khen thưởng theo biểu mẫu"), "reports:statistics", perm=Perm.AWARD_VIEW),
         link(_("Báo cáo tổng kết năm"), "reports:yearend", perm=Perm.AWARD_VIEW),
         link(_("Biểu đồ tổng hợp"), "reports:charts"),
         link(_("Quỹ thi đua, khen thưởng"), "decisions:fund"),
         link(_("In bằng khen, văn bản"), "printing:index"),
         link(_("Lấy ý kiến công khai"), "dossiers:public_list", new_group=True)),
    menu(_("Dữ liệu"),
         link(_("Văn bản"), "documents:list"),
         link(_("Nhập Excel"), "imports:people"),
         link(_("Danh mục khen thưởng"), "catalog:list", new_group=True, admin_only=True)),
)


def main_menu(*, admin: bool, holds: Callable[[str], bool] = lambda perm: True) -> list[dict]:
    """MAIN as the base template draws it for an administrator (ADMIN) or another user:
    each link with its `url`, the links an administrator alone may see left out for others,
    and those needing a permission the user HOLDS nowhere."""
    def shown(entry: dict) -> bool:
        if entry.get("perm") and not admin and not holds(entry["perm"]):
            return False
        return admin or not entry.get("admin_only")

    def resolved(entry: dict) -> dict:
        if "links" in entry:
            return {**entry, "links": [resolved(k) for k in entry["links"] if shown(k)]}
        return {**entry, "url": reverse(entry["url_name"])}

    return [resolved(e) for e in MAIN if shown(e)]
