"""Words that let the browser's query segmentation meet the index's, for Chinese search with Pagefind.

Pagefind segments a query in the browser with Intl.Segmenter (ICU: 住房公积金 → 住房|公|积|金, 蜀山区 → 蜀|山|区)
and looks each piece up as a word prefix, but its build segments the page with another dictionary
(住房公积金 stays one word), so a page stating 住房公积金 was not found. Each page therefore carries, hidden,
every dictionary word of its text (jieba's search mode, with the genre's terms and the site's names) and
every single character: any ICU piece then starts some word of the page.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

import jieba

GENRE_TERMS = Path(__file__).resolve().parents[2] / "search" / "jieba-user-dict.txt"
DEFAULT_CACHE = Path(".cache/search-terms")
CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
TAG = re.compile(r"<[^>]+>")


class Segmenter:
    """jieba with the genre's terms (三公经费, 住房公积金 …) and the site's place and department names.

    A page's words are kept in `cache_dir` by its text, the names and the dictionaries, so a rebuild segments
    only pages that changed; jieba (0.7 s to load) is loaded only then."""

    def __init__(self, names: Iterable[str] = (), cache_dir: Path | None = DEFAULT_CACHE) -> None:
        self.names = sorted(set(names))
        self.cache_dir = cache_dir
        self.tokenizer: jieba.Tokenizer | None = None
        self.segmented: dict[str, frozenset[str]] = {}
        self.dictionaries = hashlib.sha256(f"{jieba.__version__}\n{GENRE_TERMS.read_text(encoding='utf-8')}".encode())
        self.dictionaries.update("\n".join(self.names).encode())

    def terms(self, text: str) -> str:
        """The hidden search words of a page's text: CJK words and characters, sorted, space-separated."""
        if self.cache_dir is None:
            return self.segment(text)
        key = self.dictionaries.copy()
        key.update(text.encode())
        entry = self.cache_dir / f"{key.hexdigest()}.txt"
        if entry.exists():
            return entry.read_text(encoding="utf-8")
        words = self.segment(text)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(words, encoding="utf-8")
        partial.replace(entry)
        return words

    def segment(self, text: str) -> str:
        words: set[str] = set()
        for run in set(CJK_RUN.findall(TAG.sub(" ", text))):
            words.update(self.run_words(run))
        return " ".join(sorted(words))

    def run_words(self, run: str) -> frozenset[str]:
        """A run of CJK text's words and characters. Pages share most of their runs (labels, headings, names), so
        each run is segmented once per Segmenter."""
        if run not in self.segmented:
            found = {word for word in self.loaded().cut_for_search(run) if CJK_RUN.fullmatch(word)}
            self.segmented[run] = frozenset(found | set(run))
        return self.segmented[run]

    def loaded(self) -> jieba.Tokenizer:
        """jieba with the genre's terms and the site's names, loaded the first time a page is segmented."""
        if self.tokenizer is None:
            jieba.setLogLevel(logging.WARNING)
            self.tokenizer = jieba.Tokenizer()
            self.tokenizer.load_userdict(str(GENRE_TERMS))
            for name in self.names:
                self.tokenizer.add_word(name)
        return self.tokenizer
