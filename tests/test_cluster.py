"""The build's work done by 1 or 2 local processes or by the workers of a Dask cluster gives the same site, byte for
byte."""

from __future__ import annotations

from pathlib import Path

from distributed import LocalCluster

from generator.workers import Workers
from tests.conftest import SEEDS, build_into


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
