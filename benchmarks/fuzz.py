"""Thousands of damaged reports through the parser: each must give a record or a ReportError naming its file.

    python -m benchmarks.fuzz [--examples N]

The same strategies and property as tests/test_fuzz.py, which runs a few hundred cases in every test run. A
failure prints hypothesis's smallest failing input and exits non-zero.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from hypothesis import HealthCheck, given, settings

from tests.fuzzing import damaged_bytes, damaged_text, docx_bytes, parses_or_names_the_file, report_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=5000, help="damaged texts; half as many byte-level, a tenth as DOCX (5000)"
    )
    examples = parser.parse_args().examples
    ran: Counter[str] = Counter()
    options = settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    @options
    @given(damaged_text())
    def report_text(text: str) -> None:
        ran["text"] += 1
        with report_file(text.encode("utf-8", errors="surrogatepass"), "damaged.txt") as path:
            parses_or_names_the_file(path)

    @settings(options, max_examples=max(examples // 2, 1))
    @given(damaged_bytes())
    def report_bytes(data: bytes) -> None:
        ran["bytes"] += 1
        with report_file(data, "damaged.txt") as path:
            parses_or_names_the_file(path)

    @settings(options, max_examples=max(examples // 10, 1))
    @given(damaged_text())
    def word_reports(text: str) -> None:
        ran["docx"] += 1
        with report_file(docx_bytes(text), "damaged.docx") as path:
            parses_or_names_the_file(path)

    for name, run in (("text", report_text), ("bytes", report_bytes), ("docx", word_reports)):
        start = time.perf_counter()
        run()
        print(f"{name}: {ran[name]} damaged reports, no crash, {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
