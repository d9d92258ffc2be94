"""The pages an officer opens on a phone fit 390 px without scrolling sideways (issue 13).

The small demo province is seeded (its council meeting, registration sheets, ranked bloc
rounds, dossiers and people fill the tables), then each page is opened at 390×844 — an
iPhone 12–15 in portrait — by the account that works on it. The page must be no wider than
the screen, and a wide table keeps its key columns (the name, the total, the proposal)
on screen: the table scrolls inside its own frame with the name column held at the left,
or drops secondary columns under the phone breakpoint.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import close_checked, sign_in, watch_console
from thidua.demo.accounts import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844

# The innermost elements reaching past the right edge, to say what to fix.
PAST_THE_EDGE = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 0.5 && e.closest('.table-responsive, .table-phone') === null)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
  .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.innerText || '').slice(0, 40)}"`
    + ` → ${Math.round(e.getBoundingClientRect().right)}`)"""


@pytest.fixture
def province(db, settings, tmp_path):
    from thidua.demo.generator import seed

    settings.MEDIA_ROOT = tmp_path / "media"
    return seed("small")


def pages():
    """(name, account, url, key column headers that must be on screen) of each listed page,
    on the records of the seeded demo that fill its tables most."""
    from django.db.models import Count

    from thidua.accounts.models import RoleGrant
    from thidua.councils.models import Meeting, MeetingStatus
    from thidua.dossiers.models import Dossier
    from thidua.people.models import Person
    from thidua.pledges.models import RoundStatus, ScoreSheet, ScoringRound
    from thidua.registrations.models import RegistrationSheet, SheetStatus

    meetings = Meeting.objects.annotate(n=Count("agenda")).order_by("-n", "pk")
    meeting = meetings.exclude(state=MeetingStatus.CLOSED).first()
    closed = meetings.filter(state=MeetingStatus.CLOSED).first()
    sheets = RegistrationSheet.objects.annotate(n=Count("registrations")).order_by("-n", "pk")
    officer_unit = RoleGrant.objects.get(user__username="canbo_snv").unit
    open_sheets = sheets.filter(state__in=[SheetStatus.DRAFT, SheetStatus.RETURNED])
    draft = open_sheets.filter(unit__path__startswith=officer_unit.path).first()
    filler = "canbo_snv" if draft else "thuky"
    draft = draft or open_sheets.first()  # the secretariat may change any sheet
    rnd = ScoringRound.objects.filter(state=RoundStatus.LOCKED).annotate(n=Count("sheets")).order_by("-n").first()
    scores = ScoreSheet.objects.filter(round=rnd, submitted_at__isnull=False).order_by("pk").first()
    dossier = Dossier.objects.annotate(n=Count("items")).order_by("-n", "pk").first()
    person = Person.objects.annotate(n=Count("awards")).order_by("-n", "pk").first()
    listed = [
        ("dashboard", "thuky", "/", []),
        ("council meeting", "thuky", f"/hoi-dong/phien/{meeting.pk}/", ["Cá nhân, tập thể", "Hình thức đề nghị",
                                                                       "Kết quả"]),
        ("registration sheet", "thuky", sheets.first().get_absolute_url(), ["Họ và tên"]),
        ("ranking", "thuky", f"/giao-uoc/dot/{rnd.pk}/ket-qua/", ["Hạng", "Đơn vị", "Tổng điểm", "Đề nghị"]),
        ("scoring sheet", "thuky", f"/giao-uoc/dot/{rnd.pk}/don-vi/{scores.unit_id}/",
         ["Nội dung tiêu chí", "Tự chấm", "Thẩm định"]),
        ("dossier", "thuky", f"/ho-so/{dossier.pk}/", ["Cá nhân / tập thể", "Hình thức đề nghị", "Trạng thái"]),
        ("person", "thuky", f"/ca-nhan/{person.pk}/", ["Năm", "Xếp loại"]),
        ("dashboard of an officer", "canbo_snv", "/", []),
        ("closed council meeting", "thuky", f"/hoi-dong/phien/{closed.pk}/",
         ["Cá nhân, tập thể", "Hình thức đề nghị", "Kết quả"]),
        # Last: a sheet open for changes, with a checkbox per title and a note per person.
        ("registration sheet open for changes", filler, draft.get_absolute_url(), ["Họ và tên"]),
    ]
    assert all(record is not None for record in (meeting, closed, rnd, scores, dossier, person, draft))
    return listed


def test_the_listed_pages_fit_a_phone(browser, live_server, province):
    listed = pages()
    contexts, too_wide = {}, []
    for name, username, url, keys in listed:
        if username not in contexts:
            context = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                          viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True)
            context.set_default_timeout(15_000)
            contexts[username] = (context, watch_console(context))
            page = context.new_page()
            sign_in(page, username, DEMO_PASSWORD)
        page = contexts[username][0].pages[0]
        response = page.goto(url)
        assert response.status == 200, f"{name} {url}: {response.status}"
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide.append(f"{name} ({url}): {width} px, past the edge: {page.evaluate(PAST_THE_EDGE, WIDTH)}")
        for header in keys:
            cell = page.get_by_role("columnheader", name=header, exact=True).first
            expect(cell).to_be_visible()
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, f"{name}: {header} {box}"
    # The sheet an officer fills in scrolls inside its frame; the name stays on the left.
    page = contexts[listed[-1][1]][0].pages[0]
    assert page.url.endswith(listed[-1][2])
    frame = page.locator(".table-responsive").filter(has=page.locator("#sheet-people"))
    frame.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    assert frame.evaluate("(el) => el.scrollLeft") > 0, "the title columns fit: nothing to scroll"
    name = page.locator("#sheet-people tbody tr").first.get_by_role("link")
    box = name.bounding_box()
    assert box is not None and 0 <= box["x"] < WIDTH / 2, f"the name scrolled away: {box}"
    close_checked(*contexts.values())
    assert not too_wide, "pages wider than the phone:\n" + "\n".join(too_wide)
