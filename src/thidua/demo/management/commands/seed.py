"""`thidua seed --preset province|small [--seed N]`: fill an empty, migrated database."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from thidua.demo import generator
from thidua.demo.presets import PRESETS

LABELS = (
    ("units", "Đơn vị"),
    ("successions", "Kế thừa đơn vị (sáp nhập 2025)"),
    ("blocs", "Khối, cụm thi đua"),
    ("bloc_memberships", "Thành viên khối theo năm"),
    ("documents", "Văn bản"),
    ("people", "Cá nhân"),
    ("employments", "Quá trình công tác"),
    ("transfers", "  trong đó điều động"),
    ("merged_people", "  trong đó chuyển do sáp nhập xã"),
    ("person_evaluations", "Xếp loại cá nhân"),
    ("unit_evaluations", "Xếp loại tập thể"),
    ("disciplines", "Kỷ luật"),
    ("awards", "Danh hiệu, khen thưởng"),
    ("initiatives", "Sáng kiến"),
    ("movements", "Phong trào thi đua"),
    ("reviews", "Sơ kết, tổng kết"),
    ("sheets", "Bản đăng ký thi đua năm nay"),
    ("registrations_current", "  danh hiệu đăng ký trong đó"),
    ("pledges", "Giao ước, chấm điểm khối năm trước"),
    ("dossiers", "Hồ sơ đề nghị khen thưởng"),
    ("decisions", "Quyết định khen thưởng (dự thảo và đã ban hành)"),
    ("users", "Tài khoản mẫu"),
)


def pending_migrations() -> bool:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def print_summary(command: BaseCommand, result: dict) -> None:
    """Row counts and the seeding time, Vietnamese number style (1.234 and 3,8)."""
    for key, label in LABELS:
        command.stdout.write(f"  {label:<34} {number(result[key]):>10}")
    seconds = f"{result['seconds']:.1f}".replace(".", ",")
    command.stdout.write(command.style.SUCCESS(f"Nạp xong sau {seconds} giây."))


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (một tỉnh giả định) vào cơ sở dữ liệu trống đã migrate."

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="province")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Hạt giống ngẫu nhiên: cùng hạt giống cho cùng dữ liệu.",
        )

    def handle(self, *args, preset, seed: int, **options):
        if pending_migrations():
            raise CommandError("Cơ sở dữ liệu chưa cập nhật cấu trúc: hãy chạy `thidua migrate` trước.")
        self.stdout.write(f"Nạp dữ liệu mẫu “{preset}” (hạt giống {seed})…")
        try:
            result = generator.seed(preset, seed=seed, stdout=self.stdout if options["verbosity"] else None)
        except generator.SeedRefused as exc:
            raise CommandError(str(exc)) from exc
        print_summary(self, result)
