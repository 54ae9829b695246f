"""Words that let the browser's query segmentation meet the index's, for Chinese search with Pagefind.

Pagefind segments a query in the browser with Intl.Segmenter (ICU: 住房公积金 → 住房|公|积|金, 杜集区 → 杜|集|区)
and looks each piece up as a word prefix, but its build segments the page with another dictionary
(住房公积金 stays one word), so a page stating 住房公积金 was not found. Each page therefore carries, hidden,
every dictionary word of its text (jieba's search mode, with the genre's terms and the site's names) and
every single character: any ICU piece then starts some word of the page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

import jieba

GENRE_TERMS = Path(__file__).resolve().parents[2] / "search" / "jieba-user-dict.txt"
CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
TAG = re.compile(r"<[^>]+>")


class Segmenter:
    """jieba with the genre's terms (三公经费, 住房公积金 …) and the site's place and department names."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.load_userdict(str(GENRE_TERMS))
        for name in sorted(set(names)):
            self.tokenizer.add_word(name)

    def terms(self, text: str) -> str:
        """The hidden search words of a page's text: CJK words and characters, sorted, space-separated."""
        words: set[str] = set()
        for run in CJK_RUN.findall(TAG.sub(" ", text)):
            words.update(word for word in self.tokenizer.cut_for_search(run) if CJK_RUN.fullmatch(word))
            words.update(run)
        return " ".join(sorted(words))
