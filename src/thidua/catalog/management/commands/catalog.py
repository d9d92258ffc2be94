"""`thidua catalog load [--file KINDS.yaml] [--salary-file SALARY.yaml]`: load the catalog
files as new versions where they changed (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from thidua.catalog import loader, services


class Command(BaseCommand):
    help = "Danh mục danh hiệu, hình thức khen thưởng và mức lương cơ sở."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="load")
        load = sub.add_parser(
            "load", help="Nạp tệp danh mục vào cơ sở dữ liệu (chỉ tạo phiên bản mới khi có thay đổi).")
        load.add_argument("--file", dest="kinds_file", default=None,
                          help=f"Tệp loại khen thưởng (mặc định {loader.KINDS_FILE}).")
        load.add_argument("--salary-file", dest="salary_file", default=None,
                          help=f"Tệp mức lương cơ sở (mặc định {loader.SALARY_FILE}).")

    def handle(self, *args, action: str, **options):
        try:
            result = services.catalog_load(kinds_file=options["kinds_file"], salary_file=options["salary_file"])
        except loader.CatalogError as exc:
            raise CommandError(f"Danh mục không hợp lệ, chưa nạp gì: {exc}") from exc
        if not result.changed:
            self.stdout.write(f"Danh mục không thay đổi ({result.unchanged_kinds} loại khen thưởng, "
                              f"{result.unchanged_salaries} mức lương cơ sở).")
            return
        if result.created_kinds:
            self.stdout.write(f"Phiên bản mới cho {len(result.created_kinds)} loại khen thưởng: "
                              f"{', '.join(result.created_kinds)}.")
        if result.created_salaries:
            dates = ", ".join(d.strftime("%d/%m/%Y") for d in result.created_salaries)
            self.stdout.write(f"Mức lương cơ sở mới áp dụng từ: {dates}.")
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp danh mục; {result.unchanged_kinds} loại khen thưởng không thay đổi."))
