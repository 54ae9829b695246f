"""The build's work done by 1 or 2 local processes or by the workers of a Dask cluster gives the same site, byte for
byte."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from distributed import LocalCluster

from generator.workers import Workers
from tests.conftest import ROOT, SEEDS, build_into
from tests.sites import copy_hand_written


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_one_process_two_processes_and_a_dask_cluster_build_the_same_site(tmp_path):
    """`--jobs 1`, `--jobs 2` and a LocalCluster of two worker processes (`--scheduler`), each into folders of its
    own: site/ is identical to the byte, pages, search index and open data alike."""
    reports = sorted(SEEDS.glob("*.txt"))
    sites = {}
    for name, workers in (("one", Workers(jobs=1)), ("two", Workers(jobs=2))):
        _, _, sites[name] = build_into(tmp_path / name, reports, workers=workers)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        _, _, sites["dask"] = build_into(tmp_path / "dask", reports, workers=Workers(scheduler=cluster.scheduler_address))
    trees = {name: tree(site) for name, site in sites.items()}
    assert len(trees["one"]) > 100
    assert trees["one"] == trees["two"] == trees["dask"]


def test_the_readmes_cluster_commands_build_the_site(tmp_path):
    """`dask scheduler`, `dask worker … --nworkers 2 --nthreads 1` and `python -m generator build --scheduler …`, as
    the README gives them, run as separate processes: the build ends with every seed's page and its search index."""
    address_file = tmp_path / "scheduler.json"
    dask = str(Path(sys.executable).parent / "dask")  # the command the dask package installs beside python
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(address_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        for _ in range(300):
            if address_file.exists() and address_file.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(address_file.read_text())["address"]
        worker = subprocess.Popen(
            [dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        content = copy_hand_written(tmp_path / "content")
        built = subprocess.run(
            [sys.executable, "-m", "generator", "build", str(SEEDS), "--budgets", str(tmp_path / "budgets"),
             "--content", str(content), "--site", str(tmp_path / "site"), "--scheduler", address],
            cwd=tmp_path, capture_output=True, text=True, timeout=600,
        )
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=60)
    assert built.returncode == 0, built.stderr
    assert "5 reports built, 0 failed" in built.stdout
    assert (tmp_path / "site" / "anhui" / "huaibei" / "duji" / "zhengfuban" / "2025" / "index.html").exists()
    assert json.loads((tmp_path / "site" / "search-shards.json").read_text()) == ["anhui", "henan", "jiangxi"]
