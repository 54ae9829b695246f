"""绩效目标管理: "N个项目实行了绩效目标管理，涉及一般公共预算当年财政拨款X万元、政府性基金…Y万元…".

The sentence states how many projects the 绩效目标 cover and the funds involved by source; the sources are
summed, so the check stage can hold them against the projects' own amounts.
"""

from __future__ import annotations

import re

from generator.extract.patterns import AMOUNT
from generator.figures import clean, to_wan
from generator.records import Fact, ManagedProjects
from generator.segment.prose import Passage

# "3个项目实行了绩效目标管理，涉及…", "编报绩效目标的项目11个，涉及项目预算资金…", or every project without a count:
# "项目支出均实行了绩效目标管理，涉及…".
MANAGED = re.compile(
    r"(?:(?P<count>\d+)个(?:项目|预算项目)(?:实行了?|纳入了?|开展了?)绩效目标管理|项目支出均实行了?绩效目标管理"
    r"|编报绩效目标的项目共?(?P<reported>\d+)个)[，,]?涉及(?P<body>[^。；;\n]+)"
)
# Every wording names this, and none spans two lines of the passage.
MANAGED_WORD = "绩效目标"


def performance_managed(passage: Passage) -> ManagedProjects | None:
    match = managed_sentence(passage.text)
    if match is None:
        return None
    amounts = [to_wan(found["num"], found["unit"]) for found in AMOUNT.finditer(match["body"])]
    evidence = passage.evidence(match.start(), match.end())
    return ManagedProjects(
        count=Fact(int(count), evidence) if (count := match["count"] or match["reported"]) else None,
        amount=Fact(clean(sum(amounts)), evidence) if amounts else None,
    )


def managed_sentence(text: str) -> re.Match[str] | None:
    """MANAGED's first match in `text`, searched for only in the lines naming MANAGED_WORD: searching the whole
    text tries the pattern's three openings at every character."""
    found = text.find(MANAGED_WORD)
    while found != -1:
        line_end = text.find("\n", found)
        line_end = len(text) if line_end == -1 else line_end
        match = MANAGED.search(text, text.rfind("\n", 0, found) + 1, line_end)
        if match:
            return match
        found = text.find(MANAGED_WORD, line_end)
    return None
