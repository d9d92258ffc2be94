"""Confirm a 10,000-row people import on a SQLite file while a second connection saves a
rating through the service every tenth of a second; print one JSON line with how it went:
`python -m tests.imports.concurrent_probe DIR`.

The database is a real file in WAL mode with the settings' busy timeout (20 s), as the
embedded deployment runs it: the test database pytest-django makes for SQLite lives in
shared-cache memory, where locks do not wait at all. `saves` lists each save's duration
and error; `confirm_s` and `lock_s` (the longest stretch a third connection could not
take the write lock, `tests.perf.bench_imports.LockProbe`) say how long the confirm held it.
"""

import datetime as dt
import json
import os
import sys
import threading
import time


def main(folder: str) -> dict:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    os.environ["THIDUA_VAR"] = folder
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import close_old_connections, connection

    from tests.conftest import make_person, make_unit, make_user
    from tests.perf.bench_imports import LockProbe, people_file
    from thidua.core.roles import Role
    from thidua.imports import services
    from thidua.people import services as people_services

    settings.MEDIA_ROOT = f"{folder}/media"
    call_command("migrate", verbosity=0)
    root = make_unit(None, "T", "UBND tỉnh Thử Nghiệm", kind="ubnd_tinh", level="tinh")
    dept_a = make_unit(root, "T.A", "Sở Nội vụ")
    dept_b = make_unit(root, "T.B", "Sở Y tế")
    officer_a = make_user("canbo_a", Role.UNIT_OFFICER, dept_a, "Lê Văn An")
    officer_b = make_user("canbo_b", Role.UNIT_OFFICER, dept_b, "Phạm Thị Bình")
    rated = make_person(dept_b, "Nguyễn Thị Phong", gender="nu")
    batch = services.import_preview(
        actor=officer_a, upload=SimpleUploadedFile("danh-sach.xlsx", people_file([dept_a], 10_000, year=2025)))
    assert not batch.errors, batch.errors[:3]

    saves: list[dict] = []
    confirming = threading.Event()
    done = threading.Event()

    def save_ratings() -> None:
        ratings = ["HTXSNV", "HTTNV", "HTNV"]
        confirming.wait()
        i = 0
        while not done.is_set():
            t0 = time.perf_counter()
            try:
                people_services.evaluation_set(actor=officer_b, person=rated, year=2020 + i % 5,
                                               rating=ratings[i % 3])
                error = ""
            except Exception as exc:  # what the page would have answered 500 for
                error = f"{type(exc).__name__}: {exc}"
            saves.append({"s": round(time.perf_counter() - t0, 3), "error": error})
            i += 1
            time.sleep(0.1)
        close_old_connections()
        connection.close()

    saver = threading.Thread(target=save_ratings)
    lock = LockProbe(connection.settings_dict["NAME"])
    saver.start()
    lock.start()
    confirming.set()
    t0 = time.perf_counter()
    status = "done"
    try:
        batch = services.import_apply(actor=officer_a, batch=batch)
    except Exception as exc:
        status = f"{type(exc).__name__}: {exc}"
    confirm_s = time.perf_counter() - t0
    time.sleep(0.5)  # a few saves after the commit too
    done.set()
    saver.join()
    lock.stop.set()
    lock.join()
    return {"status": status if status != "done" else batch.state, "confirm_s": round(confirm_s, 2),
            "lock_s": round(lock.longest, 2), "saves": saves, "people": batch.applied.get("people_created"),
            "at": dt.datetime.now().isoformat()}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1]), ensure_ascii=False))
