import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from thidua.awards.models import Award
from thidua.exemplars import services
from thidua.movements import services as movement_services

STORY = "<p>Chị đã <strong>đổi mới</strong> cách làm, tiết kiệm 20% chi phí.</p>"


@pytest.fixture
def award_a(person_a, tree):
    """A standing award of the person in Sở A's subtree."""
    return Award.objects.create(subject_kind="individual", person=person_a, held_unit=tree["a1"], kind="LDTT",
                                is_title=True, year=2025, decided_on=dt.date(2025, 12, 20),
                                decision_number="15/QĐ-SNV")


@pytest.fixture
def award_b(person_b, tree):
    return Award.objects.create(subject_kind="individual", person=person_b, held_unit=tree["b"], kind="LDTT",
                                is_title=True, year=2025, decided_on=dt.date(2025, 12, 20),
                                decision_number="16/QĐ-SYT")


@pytest.fixture
def movement(tree, secretariat):
    return movement_services.movement_create(
        actor=secretariat, organiser=tree["root"], name="Phong trào thi đua yêu nước năm 2025", kind="thuong_xuyen",
        year=2025, starts_on=dt.date(2025, 1, 2), ends_on=dt.date(2025, 12, 31))


@pytest.fixture
def review(movement, secretariat, person_a, tree):
    return movement_services.review_create(actor=secretariat, movement=movement, kind="tong_ket",
                                           held_on=dt.date(2025, 12, 28), exemplar_people=[person_a],
                                           exemplar_units=[tree["a1"]])


@pytest.fixture
def nominated(officer_a, award_a):
    return services.exemplar_nominate(actor=officer_a, award=award_a, field="hanh_chinh", year=2025, story=STORY)


@pytest.fixture
def approved(nominated, secretariat):
    return services.exemplar_approve(actor=secretariat, exemplar=nominated)


def png(width=10, height=10) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def bomb_png(width=100_000, height=100_000) -> bytes:
    """A small valid-looking PNG whose header declares WIDTH × HEIGHT pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def upload(data: bytes, name="anh.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)
