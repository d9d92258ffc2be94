"""The documented production deployment, served and driven (issue 10, A).

scripts/prod_stage.sh has done what docs/deployment.md tells a province's IT staff to do,
in a throw-away prefix: PostgreSQL, the rendered nginx site and systemd units, migrate,
collectstatic with the manifest storage, `check --deploy --fail-level WARNING`, a small
seeded province; nginx serves it over https with its own certificate, gunicorn and the
task worker run from their units' ExecStart lines. These tests use the site as its users
and its operator would.
"""

import pwd
import re
import socketserver
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import close_checked, watch_console
from tests.prod import units
from tests.prod.conftest import fetch, files, tables
from thidua.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_KEYS, demo_code

pytestmark = pytest.mark.prod

def sign_in(page, username: str) -> bool:
    """The one browser sign-in of the production stage: a demo account of the seeded
    province. Production asks the administrator and the secretariat for a code: it is
    computed from the account's published authenticator key, as an operator's phone would.
    Whether a code was asked."""
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    asked = "/tai-khoan/dang-nhap/ma-xac-thuc/" in page.url
    if asked:
        assert username in DEMO_TOTP_KEYS, f"{username} was asked for a code it has no key for"
        page.get_by_label("Mã xác thực").fill(demo_code(username))
        page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url("**/")
    return asked


# --- http, headers, static files ----------------------------------------------------------

def test_plain_http_is_sent_to_https_and_pages_carry_the_security_headers(stage):
    plain = fetch(stage.http_url + "/ca-nhan/?q=a")
    assert plain.status == 301
    assert plain.headers["Location"] == stage.url + "/ca-nhan/?q=a"

    page = fetch(stage.url + "/tai-khoan/dang-nhap/")
    assert page.status == 200
    assert "Đăng nhập" in page.read().decode()
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    cookie = next(c for c in page.headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    assert "Secure" in cookie.split("; ")


def test_static_files_come_under_hashed_names_compressed_and_cached_for_good(stage):
    html = fetch(stage.url + "/tai-khoan/dang-nhap/").read().decode()
    css = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', html)
    assert css, "the page names Bootstrap by its hashed name (manifest storage)"
    answer = fetch(stage.url + css.group(1), headers={"Accept-Encoding": "gzip, br"})
    assert answer.status == 200
    assert answer.headers["Content-Encoding"] in {"br", "gzip"}
    assert "immutable" in answer.headers["Cache-Control"]
    # The map the stylesheet names was collected too (finding 1: a missing one broke every page).
    tom = re.search(r'src="(/static/vendor/tom-select/tom-select\.complete\.min\.[0-9a-f]{12}\.js)"', html)
    body = fetch(stage.url + tom.group(1)).read()
    map_name = re.findall(rb"sourceMappingURL=(\S+)", body)[-1].decode()
    assert fetch(stage.url + tom.group(1).rsplit("/", 1)[0] + "/" + map_name).status == 200


def test_an_upload_of_several_megabytes_gets_past_nginx(stage):
    """nginx's own limit is 1 MB; imports and attachments go up to 20 MB. A browser's form
    post of a 6 MB file, with the form's CSRF token, cookie and referer, reaches thidua,
    which reads it whole and answers with its page — not nginx's 413. (A post without them
    is refused before Django reads the body; gunicorn then closes the connection while nginx
    is still writing it, and nginx reports a 502 or not, as the race falls: CI saw both.)"""
    form = fetch(stage.url + "/tai-khoan/dang-nhap/")
    cookie = next(c.split(";", 1)[0] for c in form.headers.get_all("Set-Cookie")
                  if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.read().decode()).group(1)
    boundary = "----thidua-upload"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n"
            f"{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"ds.xlsx\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    body += b"x" * (6 * 1024 * 1024) + f"\r\n--{boundary}--\r\n".encode()
    answer = fetch(stage.url + "/tai-khoan/dang-nhap/", data=body,
                   headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                            "Cookie": cookie, "Referer": stage.url + "/tai-khoan/dang-nhap/"})
    page = answer.read().decode()
    assert answer.status == 200, page[:300]
    # The sign-in view judged the post (no name, no password): Django read it whole.
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page


def test_the_units_name_what_exists(stage):
    """What systemd-analyze verify cannot check without systemd running: the user, the
    working directory and environment file each unit names, and a service for each timer."""
    rendered = sorted(stage.unit("x").parent.iterdir())
    services = {p.name for p in rendered if p.suffix == ".service"}
    assert {"thidua-web.service", "thidua-worker.service", "thidua-backup.service"} <= services
    for unit in rendered:
        keys = units.read(unit)
        if unit.suffix == ".timer":
            assert unit.with_suffix(".service").name in services, unit.name
            continue
        (user,) = keys["Service.User"]
        pwd.getpwnam(user)  # raises KeyError for a user this machine does not have
        assert Path(keys["Service.WorkingDirectory"][0]).is_dir()
        assert all(Path(f).is_file() for f in keys["Service.EnvironmentFile"])
        assert "@" not in unit.read_text(), f"{unit.name}: a placeholder left unrendered"


# --- the pages, in Chromium over https --------------------------------------------------------

def _assert_stylesheets_applied(page, count: int) -> None:
    """COUNT stylesheets, each from its hashed name and with its rules applied."""
    sheets = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')]"
                           ".map(l => [l.getAttribute('href'), l.sheet ? l.sheet.cssRules.length : 0])")
    assert len(sheets) == count and all(re.search(r"\.[0-9a-f]{12}\.css$", h) and n > 0 for h, n in sheets), sheets


def _assert_static_assets_work(page) -> None:
    """Stylesheets from hashed names applied, scripts loaded, icons' font there."""
    _assert_stylesheets_applied(page, 5)
    navbar = page.evaluate("getComputedStyle(document.querySelector('nav.navbar')).backgroundColor")
    assert navbar == "rgb(155, 28, 28)"
    assert page.evaluate("typeof htmx === 'object' && htmx.config.allowEval === false"
                         " && typeof bootstrap === 'object' && typeof TomSelect === 'function'"
                         " && typeof flatpickr === 'function'")
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('1em bootstrap-icons'))")


def _assert_portal_assets_work(page) -> None:
    """The public portal's own layout: its three stylesheets from hashed names applied,
    Bootstrap's script loaded, the icons' font there, and no script of the signed-in pages."""
    _assert_stylesheets_applied(page, 3)
    assert page.evaluate("typeof bootstrap === 'object' && typeof htmx === 'undefined'")
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('1em bootstrap-icons'))")


def _first_record(page, path: str):
    """The first link in the page's main part to a record whose path matches PATH."""
    hrefs = page.locator("main a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    href = next(h for h in hrefs if re.fullmatch(path, h))
    return page.locator(f"main a[href='{href}']").first


def test_the_main_pages_work_in_chromium_over_https(stage, browser):
    context = browser.new_context(base_url=stage.url, ignore_https_errors=True, locale="vi-VN",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    problems = watch_console(context, every_error=True)
    page = context.new_page()

    # Signed out: the public portal and its consultation page, on the portal's layout.
    page.goto("/cong-khai/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông tin công khai về thi đua, khen thưởng")
    _assert_portal_assets_work(page)
    page.goto("/ho-so/lay-y-kien/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lấy ý kiến Nhân dân về đề nghị khen thưởng")
    _assert_portal_assets_work(page)

    assert sign_in(page, "thuky"), "production signed the secretariat in without a second factor"
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")
    expect(page.locator("main")).to_contain_text("Cá nhân trong phạm vi")
    expect(page.locator("main")).to_contain_text("298")  # the seeded province's people
    _assert_static_assets_work(page)

    # The unit tree: a branch opens through htmx; the unit page.
    page.goto("/don-vi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cây đơn vị")
    tree = page.locator("[role=tree]")
    root_toggle = tree.locator("[data-tree-toggle]").first
    if root_toggle.get_attribute("aria-expanded") != "true":
        root_toggle.click()
    tree.get_by_role("link", name="Sở Nội vụ", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Nội vụ")

    # A person, from the people list.
    page.goto("/ca-nhan/")
    first = _first_record(page, r"/ca-nhan/\d+/")
    name = first.inner_text().strip()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator("main")).to_contain_text("Quá trình công tác")

    # Movements and the registration sheet.
    page.goto("/phong-trao/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phong trào thi đua")
    movement = _first_record(page, r"/phong-trao/\d+/")
    title = movement.inner_text().strip()
    movement.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    page.goto("/dang-ky/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đăng ký thi đua năm")

    # Dossiers: the seeded one, opened.
    page.goto("/ho-so/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ đề nghị khen thưởng")
    _first_record(page, r"/ho-so/\d+/").click()
    expect(page.locator("main")).to_contain_text("Đề nghị")

    # Decisions, printing and a certificate layout with its preview frame.
    page.goto("/quyet-dinh/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quyết định khen thưởng")
    page.goto("/in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("In văn bản, bằng khen")
    page.goto("/in/bo-cuc/")
    page.locator("[data-testid=layouts] a").first.click()
    preview = page.frame_locator("[data-testid=layout-preview] iframe")
    expect(preview.locator("body")).to_contain_text("In thử")

    # A department officer and a council member see their own start pages.
    for username, text in (("canbo_snv", "Sở Nội vụ"), ("hoidong", "Hội đồng")):
        other = context.browser.new_context(base_url=stage.url, ignore_https_errors=True, locale="vi-VN")
        other.set_default_timeout(20_000)
        found = watch_console(other, every_error=True)
        mine = other.new_page()
        assert not sign_in(mine, username)  # a code is asked only of the administrator and the secretariat
        expect(mine.locator("main")).to_contain_text(text)
        _assert_static_assets_work(mine)
        close_checked((other, found))
    close_checked((context, problems))


# --- the worker, the timers' jobs, mail ----------------------------------------------------------

def test_the_worker_runs_what_the_reminder_timer_queues(stage):
    queued = stage.run_unit("thidua-reminders.service")
    assert queued.returncode == 0, queued.stderr
    task_id = re.search(r"\(([0-9a-f-]{36})\)", queued.stdout).group(1)
    with stage.pg("thidua_site") as db:
        for _ in range(120):
            (status,) = db.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s",
                                   (task_id,)).fetchone()
            if status in {"SUCCESSFUL", "FAILED"}:
                break
            threading.Event().wait(0.5)
    assert status == "SUCCESSFUL", f"the worker left the reminders task {status}"
    pruned = stage.run_unit("thidua-certificate-files-prune.service")
    assert pruned.returncode == 0 and "Đã xóa 0 tệp" in pruned.stdout, pruned.stdout + pruned.stderr


def test_the_nightly_verdicts_unit_judges_ahead_who_has_no_stored_verdict(stage):
    """The seeded province left every verdict stored; one forgotten person is judged again
    by the night's unit, and a second run finds nobody left (ADR 0016)."""
    with stage.pg("thidua_site") as db:
        (year,) = db.execute("SELECT MAX(year) FROM eligibility_storedverdict").fetchone()
        (person,) = db.execute("SELECT person_id FROM eligibility_storedverdict WHERE year = %s LIMIT 1",
                               (year,)).fetchone()
        db.execute("DELETE FROM eligibility_storedverdict WHERE person_id = %s", (person,))
        db.commit()
    filled = stage.run_unit("thidua-verdicts.service")
    assert filled.returncode == 0, filled.stderr
    assert re.search(rf"Năm {year}: đã xét và lưu 1 cá nhân", filled.stdout), filled.stdout
    with stage.pg("thidua_site") as db:
        assert db.execute("SELECT COUNT(*) FROM eligibility_storedverdict WHERE person_id = %s AND year = %s",
                          (person, year)).fetchone() == (1,)
    again = stage.run_unit("thidua-verdicts.service")
    assert re.search(rf"Năm {year}: đã xét và lưu 0 cá nhân", again.stdout), again.stdout


class _SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to receive one message (EHLO, MAIL, RCPT, DATA, QUIT)."""

    received: list[bytes] = []

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go\r\n")
                body = b"".join(iter(lambda: self.rfile.readline(), b".\r\n"))
                self.received.append(body)
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb == b"EHLO":
                self.wfile.write(b"250 sink\r\n")
                continue
            self.wfile.write(b"250 ok\r\n")


def test_mail_goes_out_through_the_configured_smtp_server(stage):
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSink) as sink:
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        env_file = stage.prefix / "etc" / "mail-check.env"
        env_file.write_text(stage.env_file.read_text() + f"EMAIL_HOST=127.0.0.1\nEMAIL_PORT={sink.server_address[1]}\n")
        sent = stage.thidua("sendtestemail", "thuky@example.gov.vn", env_file=env_file)
        sink.shutdown()
    assert sent.returncode == 0, sent.stderr
    assert any(b"To: thuky@example.gov.vn" in m for m in _SmtpSink.received), _SmtpSink.received


# --- backup and restore, SQLite to PostgreSQL ------------------------------------------------------

def test_a_backup_restores_into_an_empty_database_and_media_folder(stage):
    made = stage.run_unit("thidua-backup.service")
    assert made.returncode == 0, made.stderr
    (folder,) = [p for p in (stage.prefix / "backups").iterdir() if p.name.startswith("thidua-")]
    with stage.pg() as admin:
        admin.execute("CREATE DATABASE thidua_restored OWNER thidua_site")
    site = stage.site_env()
    media = stage.prefix / "restored-media"
    drill = stage.env_file_with("restore-drill.env", MEDIA_ROOT=str(media),
                                DATABASE_URL=stage.database_url("thidua_restored"))

    restored = stage.thidua("restore", str(folder), env_file=drill)
    assert restored.returncode == 0, restored.stderr
    assert "Đã phục hồi" in restored.stdout
    with stage.pg("thidua_site") as before, stage.pg("thidua_restored") as after:
        want, got = tables(before), tables(after)
    assert got == want
    assert want["people_person"][0] == 298  # the seeded province, not two empty databases
    originals = files(Path(site["MEDIA_ROOT"]))
    assert originals and files(media) == originals
    assert stage.thidua("migrate", "--check", env_file=drill).returncode == 0  # a complete schema

    again = stage.thidua("restore", str(folder), env_file=drill)
    assert again.returncode != 0
    assert "chỉ phục hồi vào cơ sở dữ liệu trống" in again.stderr
