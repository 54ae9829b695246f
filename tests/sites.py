"""Setting up a site to build and serving a built one to headless Chromium: shared by the tests (conftest,
test_browser) and the search benchmark (`python -m benchmarks.search_index`)."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HAND_WRITTEN = Path(__file__).resolve().parents[1] / "content"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium calls home, which would leave localhost.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def hand_written_only(folder: str, names: list[str]) -> list[str]:
    """Names copytree skips: hidden files and folders an earlier local build generated."""
    return [name for name in names if name.startswith(".") or (Path(folder) / name / ".generated").exists()]


def copy_hand_written(content: Path) -> Path:
    """A fresh content folder holding only the committed hand-written pages, as a build on a clean checkout sees."""
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(HAND_WRITTEN, content, ignore=hand_written_only)
    return content


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site on a localhost port while the block runs; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()
