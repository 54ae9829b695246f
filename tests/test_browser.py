"""The built site in real headless Chromium on a phone-sized screen: offline, no errors, charts, search."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.sites import CHROMIUM, FLAGS, served

PHONE = {"width": 390, "height": 844}
REPORT_PAGE = "anhui/huaibei/xiangshan/zhengfuban/2024/"


@pytest.fixture(scope="module")
def served_site(seed_site):
    """The seeds' site on a localhost port for the duration of the module."""
    _, _, site = seed_site
    with served(site) as url:
        yield url


@pytest.fixture
def phone(served_site):
    """A Chromium page at 390×844 that records console errors and every request's host."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (CI installs it in .ci/run)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport=PHONE)
        page.errors, page.hosts = [], set()
        page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("request", lambda request: page.hosts.add(urlsplit(request.url).hostname))
        yield page
        browser.close()


def test_home_page_on_a_phone(phone, served_site, tmp_path):
    """The home page loads with no console error and nothing fetched from outside localhost."""
    phone.goto(served_site, wait_until="networkidle")
    phone.screenshot(path=tmp_path / "home.png", full_page=True)
    assert "部门预算" in phone.title()
    assert phone.errors == []
    assert phone.hosts <= {"127.0.0.1"}


def test_department_year_page_draws_its_chart_and_citations_land(phone, served_site, tmp_path):
    """The chart SVG has a size on a phone; a 原文第N行 link opens the source page at that line."""
    phone.goto(served_site + REPORT_PAGE, wait_until="networkidle")
    phone.screenshot(path=tmp_path / "report.png", full_page=False)
    box = phone.locator("figure.chart svg").first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    assert box["width"] <= PHONE["width"]
    cite = phone.locator("a.cite:visible").first
    line = cite.get_attribute("href").split("#L")[1]
    cite.click()
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith(f"/source/#L{line}")
    target = phone.locator(f"#L{line}")
    assert target.is_visible()
    phone.screenshot(path=tmp_path / "source.png")
    assert phone.errors == []
    assert phone.hosts <= {"127.0.0.1"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("住房公积金", {"/anhui/huaibei/xiangshan/zhengfuban/2024/", "/anhui/huaibei/duji/zhengfuban/2025/"}),
        ("三公经费", {"/henan/xinxiang/muye/weiban/2024/", "/jiangxi/nanchang/qingyunpu/zhengfuban/2024/"}),
        ("杜集区", {"/anhui/huaibei/duji/zhengfuban/2024/", "/anhui/huaibei/duji/zhengfuban/2025/"}),
    ],
)
def test_search_box_finds_the_right_pages(phone, served_site, tmp_path, query, expected):
    """A query typed into the theme's search box lists the pages that state it."""
    phone.goto(served_site, wait_until="networkidle")
    phone.locator("label.md-header__button[for='__search']").click()
    phone.locator("input.md-search__input").fill(query)
    phone.locator(".md-search-result__item").first.wait_for(timeout=15000)
    phone.screenshot(path=tmp_path / "search.png")
    links = {urlsplit(a.get_attribute("href")).path for a in phone.locator(".md-search-result__link").all()}
    assert expected <= links
    assert phone.errors == []
    assert phone.hosts <= {"127.0.0.1"}


def test_findings_filter_shows_only_the_chosen_group_with_javascript_off(served_site, tmp_path):
    """A severity-and-region link of a province's findings page hides every other group by CSS alone."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (CI installs it in .ci/run)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport=PHONE, java_script_enabled=False)
        page.goto(served_site + "anhui/findings/", wait_until="load")
        groups = page.locator(".finding-group")
        assert groups.count() > 1 and all(group.is_visible() for group in groups.all())
        chosen = page.locator(".findings-filter td a").first
        target = chosen.get_attribute("href")
        chosen.click()
        page.screenshot(path=tmp_path / "findings.png")
        shown = [group.get_attribute("id") for group in groups.all() if group.is_visible()]
        assert shown == [target.removeprefix("#")]
        browser.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("青云谱区", "/jiangxi/nanchang/qingyunpu/zhengfuban/2024/"), ("牧野区", "/henan/xinxiang/muye/weiban/2024/")],
)
def test_search_from_one_provinces_page_finds_departments_of_the_others(phone, served_site, tmp_path, query, expected):
    """The site is built one province at a time, each with its own index: a search typed on a page of 安徽's shard
    lists a department of 江西 or 河南, whose pages are in other shards, and its link opens the page."""
    phone.goto(served_site + REPORT_PAGE, wait_until="networkidle")
    phone.locator("label.md-header__button[for='__search']").click()
    phone.locator("input.md-search__input").fill(query)
    phone.locator(".md-search-result__item").first.wait_for(timeout=15000)
    links = {urlsplit(a.get_attribute("href")).path for a in phone.locator(".md-search-result__link").all()}
    assert expected in links, links
    phone.locator(f".md-search-result__link[href$='{expected}']").first.click()
    phone.wait_for_load_state("networkidle")
    assert urlsplit(phone.url).path == expected and "2024年" in phone.title()
    phone.screenshot(path=tmp_path / "cross-shard.png")
    assert phone.errors == []
