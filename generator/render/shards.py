"""Which part of the site each page belongs to: the site builds as one MkDocs site per region folder (a province by
default, or a city), each rendered and built apart, plus a site-wide part (home, glossary, findings, downloads and
the region pages above the shards). A shard is only a folder of today's URLs, so sharding changes no address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.render.urls import report_path

# The site-wide part's name among the shards.
SITE_WIDE = ""
LEVELS = {"province": 1, "city": 2}


@dataclass(frozen=True)
class Sharding:
    """Shards are the region folders `level` deep: 1 a province (`anhui`), 2 a city (`anhui/huaibei`)."""

    level: int = LEVELS["province"]

    def of_record(self, record: dict[str, Any]) -> str:
        """The shard of a record's pages; one whose region stops above the level (a province's own department under
        city shards) is site-wide."""
        regions = report_path(record).regions
        return "/".join(regions[: self.level]) if len(regions) >= self.level else SITE_WIDE

    def of_page(self, path: str, shards: frozenset[str]) -> str:
        """The shard holding a page or file at `path` under content/: the shard folder it is in, else site-wide."""
        folder = "/".join(path.split("/")[: self.level])
        return folder if folder in shards else SITE_WIDE


BY_PROVINCE = Sharding()
