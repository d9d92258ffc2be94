"""The story's allowlist against what the story editor (static/thidua/story-editor.js) writes:
the editor's output is stored as it is, and what it never writes is stripped."""

import pytest

from thidua.exemplars.richtext import plain, sanitise

# What the editor posts for a story using every button of its toolbar: headings, bold,
# italic, underline, both lists, a quotation, a link (with the rel nh3 puts on links, which
# the editor writes too), a line break and a non-breaking space the browser keeps.
EDITOR_OUTPUT = [
    "<h3>Gương sáng ở bộ phận một cửa</h3>",
    "<p>Chị đã <strong>đổi mới</strong> cách làm, <em>tiết kiệm</em> 20% chi phí, <u>không để</u> hồ sơ trễ hạn.</p>",
    "<ul><li>Rút ngắn thời gian từ 7 ngày xuống 3 ngày</li><li>Trả kết quả qua <strong>bưu điện</strong></li></ul>",
    "<ol><li>Năm 2024</li><li>Năm 2025</li></ol>",
    "<blockquote><p>Làm việc vì người dân.</p></blockquote>",
    "<h4>Ghi nhận</h4>",
    '<p>Xem <a href="https://baochinhphu.vn/bai-viet?id=1&amp;trang=2" rel="noopener noreferrer nofollow">'
    "bài báo</a>.<br>Dòng sau&nbsp;cùng đoạn.</p>",
    "<p><strong><em><u>Cả ba</u></em></strong></p>",
]


@pytest.mark.parametrize("html", [*EDITOR_OUTPUT, "".join(EDITOR_OUTPUT)])
def test_what_the_editor_writes_is_stored_unchanged(html):
    assert sanitise(html) == html


@pytest.mark.parametrize(("dirty", "kept"), [
    ('<p onclick="alert(1)">Gương <strong onmouseover="x()">sáng</strong></p>', "<p>Gương <strong>sáng</strong></p>"),
    ('<p>a</p><script>alert("x")</script>', "<p>a</p>"),
    ('<p style="color:red">đỏ</p><style>p{}</style>', "<p>đỏ</p>"),
    ('<p><a href="javascript:alert(3)">xấu</a></p>', '<p><a rel="noopener noreferrer nofollow">xấu</a></p>'),
    ('<p><a href="JaVaScRiPt:alert(3)" onclick="x()">xấu</a></p>',
     '<p><a rel="noopener noreferrer nofollow">xấu</a></p>'),
    ('<p><a href="data:text/html,&lt;script&gt;">xấu</a></p>', '<p><a rel="noopener noreferrer nofollow">xấu</a></p>'),
    ('<p>ảnh<img src="x" onerror="alert(2)"></p>', "<p>ảnh</p>"),
    ('<p>ảnh<img src="data:image/png;base64,AAAA"></p><figure><img src="/media/a.png"></figure>', "<p>ảnh</p>"),
    ('<p>khung</p><iframe src="https://evil"></iframe><object data="x"></object><embed src="x">', "<p>khung</p>"),
    ('<svg><script>alert(1)</script></svg><p>svg</p>', "<p>svg</p>"),
    ('<h3 class="x" id="y" style="color:red">Tiêu đề</h3>', "<h3>Tiêu đề</h3>"),
])
def test_what_could_run_style_or_embed_is_stripped(dirty, kept):
    assert sanitise(dirty) == kept


def test_plain_text_keeps_the_words_of_two_blocks_apart():
    assert plain("<h3>Một</h3><p>hai&nbsp;<u>ba</u><br>bốn</p><ul><li>năm</li><li>sáu</li></ul>") == (
        "Một hai ba bốn năm sáu")
