"""Which part of the site each page belongs to: the site builds as one MkDocs site per region folder (a province by
default, or a city), each rendered and built apart, plus a site-wide part (home, glossary, findings, downloads and
the region pages above the shards). A shard is only a folder of today's URLs, so sharding changes no address.

A shard of more reports than `MOST_REPORTS` is split into the folders one level down (a province into its cities):
one MkDocs build holds all its pages in memory, so the largest shard, not the site, sets a build's peak.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from generator.render.urls import report_path

# The site-wide part's name among the shards.
SITE_WIDE = ""
LEVELS = {"province": 1, "city": 2}
# Reports one shard holds at most before it is split (~2.5 MB of memory a report in its MkDocs build).
MOST_REPORTS = 200


@dataclass(frozen=True)
class Sharding:
    """Shards are the region folders `level` deep (1 a province, `anhui`; 2 a city, `anhui/huaibei`), and one
    level deeper inside the folders `split` (see `fitted`)."""

    level: int = LEVELS["province"]
    most: int = MOST_REPORTS
    split: tuple[str, ...] = ()

    def of_record(self, record: dict[str, Any]) -> str:
        """The shard of a record's pages; one whose region stops above its shard's level (a province's own
        department under city shards) is site-wide."""
        regions = report_path(record).regions
        depth = self._depth(regions)
        return "/".join(regions[:depth]) if len(regions) >= depth else SITE_WIDE

    def of_page(self, path: str, shards: frozenset[str]) -> str:
        """The shard holding a page or file at `path` under content/: the shard folder it is in, else site-wide."""
        parts = path.split("/")
        folder = "/".join(parts[: self._depth(parts)])
        return folder if folder in shards else SITE_WIDE

    def above_shards(self, record: dict[str, Any]) -> bool:
        """Whether a record's region stops at or above the shard level: site-wide, or so were its shard split."""
        return len(report_path(record).regions) <= self.level

    def fitted(self, records: Iterable[dict[str, Any]]) -> Sharding:
        """These shards for these records: each of more than `most` of them split one level down."""
        unsplit = replace(self, split=())
        counts = Counter(unsplit.of_record(record) for record in records)
        return replace(self, split=tuple(sorted(s for s, n in counts.items() if n > self.most and s != SITE_WIDE)))

    def _depth(self, parts: tuple[str, ...] | list[str]) -> int:
        return self.level + ("/".join(parts[: self.level]) in self.split)


BY_PROVINCE = Sharding()
