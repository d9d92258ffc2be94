"""The global search: what it finds, in what order, page by page, and only in scope.

Run on SQLite and on PostgreSQL (`DATABASE_URL`): the ranking is the database's."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.conftest import login, make_person, make_user
from thidua.awards.models import Award
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.decisions.models import Decision
from thidua.documents.models import Document

URL = reverse("home:search")


@pytest.fixture
def catalog(db):
    return catalog_services.catalog_load()


def _names(body: str, key: str) -> list[str]:
    """The names listed in section KEY of a search page, in order."""
    block = body[body.index(f'data-testid="results-{key}"'):]
    block = block[:min(i for i in (block.find("</ol>"), block.find("</ul>")) if i >= 0)]
    return re.findall(r'<a href="/[^"]+/\d+/">([^<]+)</a>', block)


def test_nguyen_van_puts_the_names_holding_the_phrase_first_however_many_come_before(client, secretariat, tree):
    # 120 names alphabetically before any "Nguyễn Văn …" that hold both words apart.
    for i in range(120):
        make_person(tree["a"], f"Nguyễn Bích Vân {i:03d}")
    make_person(tree["b"], "Nguyễn Văn Yên")
    make_person(tree["a"], "Trần Nguyễn Văn Thành")
    body = login(client, secretariat).get(URL, {"q": "nguyen van", "loai": "ca-nhan"}).content.decode()
    names = _names(body, "ca-nhan")
    assert names[:2] == ["Nguyễn Văn Yên", "Trần Nguyễn Văn Thành"]
    assert "Nguyễn Bích Vân 000" in names and "122 kết quả" in body


def test_the_phrase_typed_with_its_accents_comes_before_the_same_letters_without(client, secretariat, tree):
    make_person(tree["a"], "Lê Văn Phong")
    make_person(tree["a"], "Lê Văn Phóng")
    body = login(client, secretariat).get(URL, {"q": "Văn Phóng", "loai": "ca-nhan"}).content.decode()
    assert _names(body, "ca-nhan") == ["Lê Văn Phóng", "Lê Văn Phong"]


def test_word_starts_rank_before_letters_inside_a_word(client, secretariat, tree):
    make_person(tree["a"], "Đoàn Minh")  # "an" only inside "doan"
    make_person(tree["a"], "Hoàng Thị Anh")  # "an" starts "anh"
    body = login(client, secretariat).get(URL, {"q": "an", "loai": "ca-nhan"}).content.decode()
    assert _names(body, "ca-nhan") == ["Hoàng Thị Anh", "Đoàn Minh"]


def test_results_go_page_by_page_with_their_total(client, secretariat, tree):
    for i in range(60):
        make_person(tree["a"], f"Vũ Thị Hoa {i:02d}")
    login(client, secretariat)
    first = client.get(URL, {"q": "vu thi hoa", "loai": "ca-nhan"}).content.decode()
    second = client.get(URL, {"q": "vu thi hoa", "loai": "ca-nhan", "trang": 2}).content.decode()
    assert "60 kết quả" in first and "Trang 1/2" in first
    assert len(_names(first, "ca-nhan")) == 50
    assert _names(second, "ca-nhan") == [f"Vũ Thị Hoa {i}" for i in range(50, 60)]
    overview = client.get(URL, {"q": "vu thi hoa"}).content.decode()
    assert "Cá nhân (60)" in overview and "Xem tất cả 60 kết quả" in overview


def test_a_person_is_found_by_the_code_beside_the_name_and_by_cccd_only_where_it_may_be_seen(
        client, secretariat, tree, person_a):
    login(client, secretariat)
    body = client.get(URL, {"q": str(person_a.pk)}).content.decode()
    assert "Nguyễn Văn Phóng" in body and f"mã {person_a.pk}" in body
    assert "Nguyễn Văn Phóng" in client.get(URL, {"q": "001085012345"}).content.decode()
    client.logout()
    council = make_user("hoidong", Role.COUNCIL_MEMBER, tree["root"], "Đặng Văn Hội")
    login(client, council)
    assert "Nguyễn Văn Phóng" not in client.get(URL, {"q": "001085012345"}).content.decode()


def test_documents_and_decisions_are_found_by_number_and_symbol(client, secretariat, tree):
    document = Document.objects.create(
        number="01/QĐ-UBND", kind="quyet_dinh", issuer="UBND tỉnh", issued_on=dt.date(2026, 1, 5),
        summary="Về việc khen thưởng năm 2025", unit=tree["root"],
        search_key=fold("01/QĐ-UBND Về việc khen thưởng năm 2025"))
    Decision.objects.create(authority=tree["root"], authority_name="UBND tỉnh", unit=tree["root"], symbol="QĐ-UBND",
                            year=2026, number=1, state="signed", issued_on=dt.date(2026, 1, 5),
                            summary="Tặng Bằng khen cho tập thể, cá nhân", document=document)
    body = login(client, secretariat).get(URL, {"q": "01/QĐ-UBND"}).content.decode()
    assert "Văn bản (1)" in body and "Quyết định khen thưởng (1)" in body
    assert "Quyết định số 01/QĐ-UBND" in body
    assert "Quyết định khen thưởng (1)" in client.get(URL, {"q": "1/qd-ubnd"}).content.decode()


def test_awards_are_found_by_the_name_of_whom_they_were_given_and_by_decision(client, secretariat, tree, person_a,
                                                                             catalog):
    Award.objects.create(subject_kind="individual", person=person_a, held_unit=tree["a1"], kind="LDTT", is_title=True,
                         year=2025, decided_on=dt.date(2025, 12, 20), decision_number="15/QĐ-SNV")
    login(client, secretariat)
    body = client.get(URL, {"q": "phong"}).content.decode()
    assert "Sổ khen thưởng (1)" in body and "Lao động tiên tiến năm 2025" in body
    assert "Sổ khen thưởng (1)" in client.get(URL, {"q": "15/QĐ-SNV"}).content.decode()
    assert "Sổ khen thưởng (1)" in client.get(URL, {"q": "lao dong tien tien"}).content.decode()


def test_a_user_finds_nothing_out_of_scope(client, officer_b, tree, person_a):
    Award.objects.create(subject_kind="individual", person=person_a, held_unit=tree["a1"], kind="LDTT", is_title=True,
                         year=2025, decided_on=dt.date(2025, 12, 20), decision_number="15/QĐ-SNV")
    Document.objects.create(number="02/KH-SNV", kind="ke_hoach", issuer="Sở Nội vụ", summary="Kế hoạch thi đua",
                            unit=tree["a"], search_key=fold("02/KH-SNV Kế hoạch thi đua"))
    login(client, officer_b)
    for q in ("phong", str(person_a.pk), "001085012345", "15/QĐ-SNV", "02/KH-SNV"):
        for loai in ("", "ca-nhan", "khen-thuong", "van-ban"):
            body = client.get(URL, {"q": q, "loai": loai}).content.decode()
            found = body[body.index('id="results"'):].replace(q, "")  # the query is echoed back
            assert "Nguyễn Văn Phóng" not in found and "02/KH-SNV" not in found and "15/QĐ-SNV" not in found
