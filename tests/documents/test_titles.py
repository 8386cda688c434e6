from documents.titles import document_title


def test_kind_heading_and_subject():
    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 501/QĐ-UBND Bắc Kạn, ngày 29 tháng 3 năm 2023\n"
            "QUYẾT ĐỊNH\nVề việc phê duyệt kết quả Chỉ số cải cách hành chính năm 2022\ncủa các sở, ban, ngành\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nCăn cứ Luật Tổ chức chính quyền địa phương;")
    assert document_title(text) == ("QUYẾT ĐỊNH Về việc phê duyệt kết quả Chỉ số cải cách hành chính năm 2022 "
                                    "của các sở, ban, ngành")


def test_paragraph_separated_heading_and_first_line_fallback():
    assert document_title("BÁO CÁO\n\nKết quả Chỉ số CCHC năm 2022\n\nI. KẾT QUẢ") == "BÁO CÁO Kết quả Chỉ số CCHC năm 2022"
    assert document_title("\n\nHiệp Hòa: 8 nhóm giải pháp\nNội dung") == "Hiệp Hòa: 8 nhóm giải pháp"
    assert document_title("") is None
