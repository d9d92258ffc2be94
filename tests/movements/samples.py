"""A provincial directive as an officer would paste it: header, legal bases, theme, end date."""

DIRECTIVE = """ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM
-------
Số: 01/CT-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Thử Nghiệm, ngày 02 tháng 01 năm 2026

CHỈ THỊ
Về việc phát động phong trào thi đua yêu nước năm 2026

Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;
Thực hiện Chỉ thị số 39-CT/TW ngày 21/5/2004 của Ban Bí thư,
Chủ tịch UBND tỉnh phát động phong trào thi đua yêu nước năm 2026 với chủ đề “Đoàn kết, kỷ cương, sáng tạo, về đích”,
từ nay đến ngày 31/12/2026.
"""
