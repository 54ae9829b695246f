"""Stage 4: a Report checked against itself, each rule a named arithmetic invariant of the genre.

Rules take a typed Report and yield Findings; `years.py` checks reports of one department against each other.
"""

from __future__ import annotations

from generator.check import agreement, changes, codes, conflicts, shares, sums
from generator.records import Finding, Report

RULES = (*sums.RULES, *shares.RULES, *changes.RULES, *conflicts.RULES, *codes.RULES, *agreement.RULES)


def check_report(report: Report) -> list[Finding]:
    """Every finding of every per-report rule, in rule order."""
    return [found for rule in RULES for found in rule(report)]
