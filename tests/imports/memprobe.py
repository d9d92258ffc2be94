"""Upload one file through the real import page in a fresh process and report how much the
process's peak memory grew: `python -m tests.imports.memprobe prepare DB` makes a database
with one unit officer; `python -m tests.imports.memprobe upload DB FILE` prints one JSON
line {"status", "growth_mb", "text", "batches"}.

A fresh process gives a clean baseline: `ru_maxrss` is the high-water mark of the whole
process, so it is read once after a warm-up upload of a small valid file (openpyxl,
templates and the database connection loaded) and once after the upload under test. The
address space is capped so a reader without limits fails with MemoryError instead of
taking the machine's memory: the growth it reached is still reported.
"""

import json
import os
import re
import resource
import sys
import tempfile
from html import unescape

CAP_BYTES = 1536 * 1024 * 1024  # on top of what the process holds after the warm-up


def _setup(db: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    os.environ.setdefault("THIDUA_VAR", tempfile.mkdtemp(prefix="thidua-memprobe-"))
    import django

    django.setup()


def prepare(db: str) -> None:
    _setup(db)
    from django.core.management import call_command

    from tests.conftest import make_unit, make_user
    from thidua.core.roles import Role
    from thidua.org.models import Unit

    call_command("migrate", verbosity=0)
    root = make_unit(None, "T", "UBND tỉnh Thử Nghiệm", kind="ubnd_tinh", level="tinh")
    make_unit(root, "T.A", "Sở Nội vụ")
    make_user("canbo_a", Role.UNIT_OFFICER, Unit.objects.get(code="T.A"), "Lê Văn An")


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _vm_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def upload(db: str, path: str) -> dict:
    _setup(db)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.imports.conftest import xlsx_bytes
    from thidua.imports.models import ImportBatch

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="thidua-memprobe-media-")
    client = Client()
    client.force_login(get_user_model().objects.get(username="canbo_a"))

    def post(name: str, content: bytes):
        return client.post("/nhap-excel/", {"file": SimpleUploadedFile(name, content)})

    warm = post("mau.xlsx", xlsx_bytes([["T.A", "Bùi Thị Lan", "Nữ", None, None, None, 2025, "HTTNV", None, None]]))
    assert warm.status_code == 302, warm.status_code
    with open(path, "rb") as f:
        content = f.read()
    before_batches = ImportBatch.objects.count()
    baseline = _maxrss_mb()
    resource.setrlimit(resource.RLIMIT_AS, (_vm_bytes() + CAP_BYTES, resource.RLIM_INFINITY))
    try:
        response = post(os.path.basename(path), content)
        status, body = response.status_code, response.content.decode()
    except MemoryError:
        status, body = "MemoryError", ""
    growth = _maxrss_mb() - baseline
    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    errors = re.findall(r'class="[^"]*invalid-feedback[^"]*"[^>]*>(.*?)</', body, re.S)
    return {"status": status, "growth_mb": round(growth, 1), "text": unescape(" ".join(e.strip() for e in errors)),
            "batches": ImportBatch.objects.count() - before_batches}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "prepare":
        prepare(*args)
    else:
        print(json.dumps(upload(*args), ensure_ascii=False))
