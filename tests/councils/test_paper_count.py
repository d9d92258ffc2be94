"""The paper count of a meeting: totals per case, never per member; nobody counted twice;
written opinions of absent members; the council's own regulation; tellers."""

import datetime as dt
from decimal import Decimal

import pytest

from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.councils import services
from thidua.councils.models import AgendaItem, Outcome
from thidua.dossiers.models import DossierItem, ItemState


def _open(meeting, secretariat, keys, opinions=None, tellers=None):
    members = meeting.council.test_members
    services.attendance_set(actor=secretariat, meeting=meeting, present={members[k].pk for k in keys},
                            opinions={members[k].pk: v for k, v in (opinions or {}).items()},
                            tellers={members[k].pk: v for k, v in (tellers or {}).items()})
    services.meeting_open(actor=secretariat, meeting=meeting)
    return AgendaItem.objects.filter(meeting=meeting).order_by("order")


def _paper(**counts):
    return {name: counts.get(name, 0) for name in services.PAPER_FIELDS}


def test_paper_totals_count_with_online_ballots(meeting, secretariat, council):
    _cstd, bk = _open(meeting, secretariat, ["chutich", "gd_snv", "gd_syt", "uyvien"])
    members = council.test_members
    services.ballot_cast(actor=members["chutich"].user, meeting=meeting, choices={bk.pk: "agree"})
    # Three present may vote on the Bằng khen (Sở A's director sits out): one online, two on paper.
    services.paper_count_set(actor=secretariat, meeting=meeting,
                             counts={bk.pk: _paper(paper_agree=1, paper_invalid=1)})
    services.meeting_close(actor=secretariat, meeting=meeting)
    bk.refresh_from_db()
    # An invalid ballot counts toward turnout, not as agreement: 2 of 3 is a majority.
    assert (bk.agree, bk.invalid, bk.voters, bk.outcome) == (2, 1, 3, Outcome.APPROVED)
    assert DossierItem.objects.get(pk=bk.item_id).state == ItemState.APPROVED


def test_paper_totals_never_exceed_the_present_voters_nor_count_online_voters_again(meeting, secretariat,
                                                                                    council):
    _cstd, bk = _open(meeting, secretariat, ["chutich", "gd_snv", "gd_syt", "uyvien"])
    members = council.test_members
    services.ballot_cast(actor=members["gd_syt"].user, meeting=meeting, choices={bk.pk: "agree"})
    with pytest.raises(ApplicationError, match=r"«Lý Văn Bảy.*3 phiếu giấy nhiều hơn.*\(2: 3 có mặt"):
        services.paper_count_set(actor=secretariat, meeting=meeting, counts={bk.pk: _paper(paper_agree=3)})
    bk.refresh_from_db()
    assert bk.paper_agree == 0  # nothing half-saved
    services.paper_count_set(actor=secretariat, meeting=meeting, counts={bk.pk: _paper(paper_agree=2)})
    # The paper count holds every present voter not online: nobody votes online on top.
    with pytest.raises(ApplicationError, match=r"Phiếu giấy của «Lý Văn Bảy.*đã được kiểm"):
        services.ballot_cast(actor=members["chutich"].user, meeting=meeting, choices={bk.pk: "agree"})


def test_written_opinions_only_of_absent_members_who_gave_one(meeting, secretariat, council):
    _cstd, bk = _open(meeting, secretariat, ["chutich", "gd_snv", "gd_syt", "uyvien"],
                      opinions={"nam": "Đồng ý đề nghị khen thưởng"})
    with pytest.raises(ApplicationError, match=r"«Lý Văn Bảy.*2 ý kiến bằng văn bản nhiều hơn.*\(1\)"):
        services.paper_count_set(actor=secretariat, meeting=meeting, counts={bk.pk: _paper(written_agree=2)})
    services.paper_count_set(actor=secretariat, meeting=meeting,
                             counts={bk.pk: _paper(paper_agree=1, paper_disagree=2, written_agree=1)})
    services.meeting_close(actor=secretariat, meeting=meeting)
    bk.refresh_from_db()
    # Written opinions count (rule set): 2 agree of 3 present + 1 written → 2/4 is not a majority.
    assert (bk.agree, bk.disagree, bk.outcome) == (2, 2, Outcome.REJECTED)
    assert "cộng 1 ý kiến bằng văn bản (3/4)" in bk.threshold


def test_no_lower_form_no_lower_votes(meeting, secretariat):
    _cstd, bk = _open(meeting, secretariat, ["chutich", "gd_snv", "gd_syt", "uyvien"])
    assert bk.lower_kind == ""
    with pytest.raises(ApplicationError, match=r"«Lý Văn Bảy.*không có hình thức thấp hơn"):
        services.paper_count_set(actor=secretariat, meeting=meeting, counts={bk.pk: _paper(paper_lower=1)})


def test_only_the_secretariat_enters_the_paper_count(meeting, secretariat, council):
    _cstd, bk = _open(meeting, secretariat, ["chutich", "gd_snv", "gd_syt", "uyvien"])
    with pytest.raises(PermissionDenied):
        services.paper_count_set(actor=council.test_members["chutich"].user, meeting=meeting,
                                 counts={bk.pk: _paper(paper_agree=1)})


def test_the_councils_regulation_replaces_the_general_majority(meeting, secretariat, council):
    with pytest.raises(ApplicationError, match="Nhập số và ngày ban hành quy chế"):
        services.council_regulation_set(actor=secretariat, council=council, regulation_number="",
                                        vote_share=Decimal("0.75"))
    services.council_regulation_set(actor=secretariat, council=council, regulation_number="15/QĐ-HĐTĐKT",
                                    regulation_date=dt.date(2025, 3, 1), vote_basis="members",
                                    vote_share=Decimal("0.75"), count_written=False)
    cstd, bk = _open(meeting, secretariat, ["chutich", "gd_snv", "gd_syt", "uyvien"],
                     opinions={"nam": "Đồng ý"})
    services.paper_count_set(actor=secretariat, meeting=meeting,
                             counts={bk.pk: _paper(paper_agree=3, written_agree=1),
                                     cstd.pk: _paper(paper_agree=3, written_agree=1)})
    services.meeting_close(actor=secretariat, meeting=meeting)
    bk.refresh_from_db()
    cstd.refresh_from_db()
    # 75 % of all members less the recused one (4): 3 needed; the written opinion does not count.
    assert (bk.agree, bk.outcome) == (3, Outcome.APPROVED)
    assert bk.threshold.startswith("75% tổng số thành viên, trừ 1 thành viên không bỏ phiếu (3/4)")
    assert "theo Quy chế hoạt động của Hội đồng số 15/QĐ-HĐTĐKT ngày 01/03/2025" in bk.threshold
    # The CSTĐ tỉnh keeps the rule set's 90 %, and no unconfirmed article is cited for it.
    assert cstd.threshold.startswith("90% tổng số thành viên") and "Quy chế" not in cstd.threshold
    assert "Điều 30" not in cstd.threshold and "theo mức luật định cho hình thức này" in cstd.threshold


def test_the_secretariat_picks_the_lower_form_among_those_the_authority_decides(meeting, secretariat):
    _cstd, bk = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    with pytest.raises(ApplicationError, match="không thuộc các hình thức cơ quan này được quyết định"):
        services.agenda_lower_set(actor=secretariat, meeting=meeting, lower={bk.pk: "GK"})
    services.agenda_lower_set(actor=secretariat, meeting=meeting, lower={bk.pk: ""})


def test_tellers_are_present_members_with_one_head(meeting, secretariat):
    members = meeting.council.test_members
    with pytest.raises(ApplicationError, match="Hoàng Văn Năm vắng mặt"):
        services.attendance_set(actor=secretariat, meeting=meeting, present={members["chutich"].pk},
                                tellers={members["nam"].pk: "member"})
    with pytest.raises(ApplicationError, match="chỉ có một Trưởng ban"):
        services.attendance_set(actor=secretariat, meeting=meeting,
                                present={members["chutich"].pk, members["uyvien"].pk},
                                tellers={members["chutich"].pk: "head", members["uyvien"].pk: "head"})
