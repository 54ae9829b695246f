"""The parse command on real and bad input: one bad report never stops the others."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import SEEDS, seed


def run_parse(*args):
    result = CliRunner().invoke(main, ["parse", *map(str, args)])
    return result.exit_code, result.output


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_bad_files_are_named_and_the_good_ones_still_parse(tmp_path):
    """Empty and binary reports each get an error, a copy of a report a warning naming both files (see
    test_merge.py), a file of another type in the folder a warning that it is left out; the seeds are all written."""
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    (reports / "empty.txt").write_bytes(b"")
    (reports / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (reports / "notes.md").write_text("# notes", encoding="utf-8")
    shutil.copy(seed("000"), reports / "zz-duplicate.txt")
    out = tmp_path / "out"
    code, output = run_parse(reports, "--out", out)
    assert code == 1
    for name in ("empty.txt", "binary.txt"):
        assert f"error {name}" in output
    assert "warning notes.md: left out, not a report file (.md; reports are .txt, .pdf" in output
    assert f"warning {seed('000').name} and zz-duplicate.txt are two copies of one report" in output
    assert "they differ on 0 run(s) of lines: none" in output
    assert "5 parsed, 2 failed" in output
    assert len(list(out.glob("*.yaml"))) == 5


def test_a_folder_of_reports_with_a_source_list_beside_them_parses_cleanly(tmp_path):
    """The real corpus keeps a SOURCES.md beside its PDFs: a folder's other files are left out, with a warning, and
    the parse succeeds; named directly, such a file is still an error."""
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    (reports / "SOURCES.md").write_text("# where each report came from", encoding="utf-8")
    code, output = run_parse(reports, "--out", tmp_path / "out")
    assert code == 0 and "warning SOURCES.md: left out" in output and "5 parsed, 0 failed" in output
    code, output = run_parse(reports / "SOURCES.md", "--out", tmp_path / "out")
    assert code == 1 and "error SOURCES.md: unknown file type .md" in output


def test_gb18030_copy_gives_the_same_figures(tmp_path):
    original, copy = tmp_path / "a", tmp_path / "b"
    original.mkdir()
    copy.mkdir()
    text = seed("002").read_text(encoding="utf-8")
    (original / "report.txt").write_text(text, encoding="utf-8")
    (copy / "report.txt").write_bytes(text.encode("gb18030"))
    assert run_parse(original / "report.txt", "--out", tmp_path / "out-a")[0] == 0
    assert run_parse(copy / "report.txt", "--out", tmp_path / "out-b")[0] == 0
    [a] = (tmp_path / "out-a").glob("*.yaml")
    [b] = (tmp_path / "out-b").glob("*.yaml")
    first, second = load(a), load(b)
    first["source"].pop("sha256")
    second["source"].pop("sha256")
    assert first == second


def test_truncated_report_gives_a_correct_partial_parse(tmp_path):
    """The first 45 lines of 000 still give its totals, and nothing from the missing part."""
    lines = seed("000").read_text(encoding="utf-8").split("\n")[:45]
    path = tmp_path / "truncated.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, _ = run_parse(path, "--out", tmp_path / "out")
    [written] = (tmp_path / "out").glob("*.yaml")
    record = load(written)
    assert code == 0
    assert record["totals"]["expenditure"] == 657.88
    assert record["expenditure"]["basic"]["amount"] == 402.88
    assert "line_items" not in record
    assert "operating_costs" not in record


def test_text_without_sections_or_figures_is_not_a_report(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("各位同事：\n下周一上午开会，请准时参加。\n谢谢。\n", encoding="utf-8")
    code, output = run_parse(path, "--out", tmp_path / "out")
    assert code == 1
    assert "letter.txt" in output
    assert "no budget figures" in output


def test_every_figure_has_evidence_quoting_its_line(tmp_path):
    """Each evidence entry points at a source line that contains its quote (spaces aside)."""
    run_parse(SEEDS, "--out", tmp_path)
    for written in tmp_path.glob("*.yaml"):
        record = load(written)
        source = (SEEDS / record["source"]["file"]).read_text(encoding="utf-8").split("\n")
        for path, where in record["evidence"].items():
            line = "".join(source[where["line"] - 1].split()).replace("_", "")
            head = "".join(where["quote"].split())[:6]
            assert head and head in line.translate(str.maketrans("０１２３４５６７８９", "0123456789")), (
                written.name,
                path,
            )


def test_bad_department_mapping_is_reported_by_file_and_line(tmp_path):
    """A hand-kept site_data/departments.yaml with a bad key fails the run, naming its line; the reports still parse."""
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        Path("site_data").mkdir()
        Path("site_data/departments.yaml").write_text("# links\nhuaibei-duji-zhengfuban-2024: 杜集\n", encoding="utf-8")
        result = runner.invoke(main, ["parse", str(seed("003")), "--out", "out"])
        assert result.exit_code == 1
        assert "error departments.yaml:2: department key '杜集'" in result.output
        assert "1 parsed, 1 failed" in result.output
        assert Path("site_data/departments.yaml").read_text(encoding="utf-8").endswith("杜集\n")  # never rewritten


def test_check_names_a_stale_override_and_writes_nothing(tmp_path, monkeypatch):
    """`check` runs the whole parse with the maintainer's files in site_data/, but leaves no YAML behind."""
    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "site_data" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(seed("000"), reports)
    overrides = tmp_path / "site_data" / "overrides"
    overrides.mkdir()
    (overrides / "huaibei-xiangshan-zhengfuban-2024.yaml").write_text(
        "corrections:\n  - {path: totals.income, from: 650, to: 657.88}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "huaibei-xiangshan-zhengfuban-2024.yaml: correction of totals.income no longer fits" in result.output
    assert not (tmp_path / "site_data" / "budgets").exists()
    (overrides / "huaibei-xiangshan-zhengfuban-2024.yaml").write_text(
        "corrections:\n  - {path: totals.income, from: 657.88, to: 657.88}\n", encoding="utf-8"
    )
    assert CliRunner().invoke(main, ["check"]).exit_code == 0


def test_files_naming_no_report_fail_a_whole_parse_and_name_the_nearest_id(tmp_path, monkeypatch):
    """An overrides file or a department link left under an old id would correct nothing, silently: a parse of the
    whole reports folder fails on it and names the id it most likely meant; a parse of one file only warns."""
    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "site_data" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(seed("000"), reports)
    overrides = tmp_path / "site_data" / "overrides"
    overrides.mkdir()
    (overrides / "huaibei-xiangshan-zfb-2024.yaml").write_text("explained: []\n", encoding="utf-8")
    (overrides / "README.md").write_text("not an overrides file\n", encoding="utf-8")
    (tmp_path / "site_data" / "departments.yaml").write_text("huaibei-xiangshan-zfb-2024: x\n", encoding="utf-8")
    nearest = "the nearest current id is huaibei-xiangshan-zhengfuban-2024"
    for command in (["parse", "--out", "out"], ["parse", "site_data/reports", "--out", "out"], ["check"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1
        assert f"error huaibei-xiangshan-zfb-2024.yaml: huaibei-xiangshan-zfb-2024 names no report; {nearest}" in (
            result.output
        )
        assert f"error departments.yaml: huaibei-xiangshan-zfb-2024 names no report; {nearest}" in result.output
        assert "README" not in result.output
    result = CliRunner().invoke(main, ["parse", str(reports / seed("000").name), "--out", "out"])
    assert result.exit_code == 0
    assert "warning departments.yaml: huaibei-xiangshan-zfb-2024 names no report parsed here" in result.output


def test_readme_documents_every_command_and_option():
    """The README names each sub-command and each of its options, so the docs cannot fall behind the CLI."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"python -m generator {name}" in readme, name
        for option in command.params:
            for flag in option.opts:
                if flag.startswith("--"):
                    assert re.search(rf"{flag}\b", readme), f"{name} {flag}"
