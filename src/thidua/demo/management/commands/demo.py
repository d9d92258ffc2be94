"""`thidua demo`: migrate, seed a province once, then serve it with the background worker.

A second run finds the units already there and starts in seconds. The worker
(`thidua worker`) runs as a child process beside the in-process web server, is started
again if it exits (`demo.supervisor`), and is stopped when the server stops.
"""

import signal
import socket
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from thidua.catalog import services as catalog_services
from thidua.demo import generator
from thidua.demo.accounts import DEMO_PASSWORD, demo_accounts, ensure_demo_devices
from thidua.demo.management.commands.seed import number, print_summary
from thidua.demo.presets import PRESETS
from thidua.demo.supervisor import WorkerSupervisor
from thidua.notices.tasks import send_reminders
from thidua.org.models import Unit
from thidua.people.models import Person

WORKER_STOP_SECONDS = 10
PRODUCTION_REFUSED = (
    "Bản chạy thử không chạy trên máy chủ chính thức (THIDUA_ENV=production): nó dùng máy chủ web để thử "
    "và mã xác thực công khai cho tài khoản admin, thuky. Máy chủ chính thức chạy theo docs/deployment.md."
)


def _url(addr: str) -> str:
    host, _, port = addr.rpartition(":")
    if host in ("", "0.0.0.0", "[::]"):  # noqa: S104 — only used to print a clickable address
        host = "127.0.0.1"
    return f"http://{host}:{port}/"


def _exit_on_signal(signum, frame):
    sys.exit(0)


def _check_port(addr: str) -> None:
    """Refuse a port already in use before the worker starts: runserver leaves through
    os._exit on that error, past any cleanup, and the worker would be orphaned."""
    host, _, port = addr.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, int(port)))
        except OSError as exc:
            raise CommandError(f"Cổng {port} đang được dùng; hãy chọn cổng khác, ví dụ: "
                               f"thidua demo --addr 127.0.0.1:8001 ({exc.strerror}).") from exc


class Command(BaseCommand):
    help = "Chạy bản trình diễn: cập nhật cơ sở dữ liệu, nạp dữ liệu mẫu lần đầu, mở máy chủ web và tiến trình nền."
    requires_migrations_checks = False  # this command runs them

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="province")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Địa chỉ:cổng của máy chủ web.")
        parser.add_argument("--no-serve", action="store_true", help="Chỉ chuẩn bị dữ liệu, không mở máy chủ.")

    def handle(self, *args, preset: str, seed: int, addr: str, no_serve: bool, **options):
        if settings.PRODUCTION:
            # The demo serves with a development server and gives the accounts named admin
            # and thuky the authenticator keys the README publishes: never a real office's.
            raise CommandError(PRODUCTION_REFUSED)
        self.stdout.write("Cập nhật cấu trúc cơ sở dữ liệu…")
        call_command("migrate", interactive=False, verbosity=0)
        # The catalog is data: a newer file reaches an existing demo database as new versions.
        loaded = catalog_services.catalog_load()
        if loaded.changed:
            self.stdout.write(f"Nạp danh mục khen thưởng: {len(loaded.created_kinds)} loại, "
                              f"{len(loaded.created_salaries)} mức lương cơ sở.")
        if Unit.objects.exists():
            self.stdout.write(
                f"Dùng lại dữ liệu đã có: {number(Unit.objects.count())} đơn vị, "
                f"{number(Person.objects.count())} cá nhân."
            )
            ensure_demo_devices()  # a database seeded before the demo's keys were published
        else:
            self.stdout.write(f"Nạp dữ liệu mẫu “{preset}” lần đầu (một lần duy nhất)…")
            try:
                result = generator.seed(preset, seed=seed, stdout=self.stdout)
            except generator.SeedRefused as exc:
                raise CommandError(str(exc)) from exc
            print_summary(self, result)
        self._print_welcome(addr)
        if no_serve:
            return
        self._serve(addr)

    def _print_welcome(self, addr: str) -> None:
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"Mở trình duyệt tại: {_url(addr)}"))
        out.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        out.write(f"  {'Tên đăng nhập':<15} {'Vai trò':<28} Đơn vị")
        for username, role, unit in demo_accounts():
            out.write(f"  {username:<15} {role:<28} {unit}")
        out.write("  admin, thuky đăng nhập thêm mã xác thực hai lớp: thidua demo_otp_code admin (hoặc thuky).")
        out.write("")

    def _serve(self, addr: str) -> None:
        _check_port(addr)
        # `python -m thidua` is the same console command, so the worker sees the same settings;
        # it runs without the reloader, so its pid is the worker itself and stopping it is reliable.
        worker = WorkerSupervisor([sys.executable, "-m", "thidua", "worker"], say=self.stdout.write)
        # A plain `kill` must also reach the `finally` below, even while the worker is starting,
        # or the worker (in a session of its own) would be orphaned.
        previous = signal.signal(signal.SIGTERM, _exit_on_signal)
        try:
            worker.start()
            self.stdout.write("Nhấn Ctrl-C để dừng.")
            # Today's reminders, as the daily cron run (`thidua reminders`) would queue them.
            send_reminders.enqueue(base_url=_url(addr).rstrip("/"))
            call_command("runserver", addr, use_reloader=False)
        finally:
            signal.signal(signal.SIGTERM, previous)
            worker.stop(timeout=WORKER_STOP_SECONDS)
            self.stdout.write("Đã dừng máy chủ web và tiến trình nền.")
