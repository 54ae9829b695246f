"""Reading: encodings, conversion debris, and refusing what is not a report."""

from __future__ import annotations

import pytest

from generator.errors import ReportError
from generator.read import read_report
from generator.read.document import normalise
from tests.conftest import seed


def test_gb18030_copy_reads_the_same_lines(tmp_path):
    """A report saved as GB18030 reads exactly like its UTF-8 original."""
    original = seed("000")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
    assert read_report(copy).lines == read_report(original).lines


def test_utf8_bom_is_not_part_of_the_first_line(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff第一部分 部门概况\n".encode())
    assert read_report(path).lines[0].text == "第一部分 部门概况"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "行政编制人数  1 6 人,参照公务员管理的事业编制人数  0  人",
            "行政编制人数  16 人,参照公务员管理的事业编制人数  0  人",
        ),
        ("全部补助事业编制人数__19__人", "全部补助事业编制人数 19 人"),
        ("[bookmark: _GoBack]3、严格遵守", "3、严格遵守"),
        ("MERGEFIELD ${page400644146.ds215660413_REP_BGT_T_HC1100002019_DXQ02_XMZCQK}项目支出 48.5", "项目支出 48.5"),
        ("１．负责区政府会议", "1.负责区政府会议"),
        ("收入预算总额为 ４６２.４８ 万元，占１００％", "收入预算总额为 462.48 万元，占100%"),
    ],
)
def test_debris_is_removed_from_real_lines(raw, expected):
    """Conversion debris seen in the seeds is blanked without touching the figures."""
    assert normalise(raw) == expected


def test_table_codes_split_by_spaces_stay_apart():
    """Only counts followed by a unit are rejoined: table codes keep their columns."""
    assert normalise("201   03   01   行政运行") == "201   03   01   行政运行"


def test_line_numbers_are_the_source_lines():
    document = read_report(seed("000"))
    assert document.text(53).startswith("1、一般公共服务支出（类）人大事务（款）行政运行（项）")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary\x00", "binary"), (b"\xff\xfe\xfa" * 50, "")],
)
def test_bad_files_get_a_clear_error(tmp_path, content, message):
    """Empty, binary and undecodable files raise ReportError naming the file."""
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReportError) as error:
        read_report(path)
    assert "bad.txt" in str(error.value)
    assert message in str(error.value)
