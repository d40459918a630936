"""The explorer in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium).

The server is ``claimledger serve`` in a subprocess on a free loopback port, over
ledgers built by the real ingest (the demo corpus, the founding Kursk article,
and a hostile article full of markup) and by Ledger.store (payloads in every
field).  Set CLAIMLEDGER_SCREENSHOTS=1 to write docs/screenshots/*.png.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("datasette")
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from web_ledger import build, expulsion_analysis, hostile_analysis  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CLAIMLEDGER_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CLAIMLEDGER_CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = ROOT / "docs" / "screenshots"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,900")

# The hostile article: ingested as plain text, so every tag below is article *text*.
HOSTILE_TXT = """---
title: Officials <script>window.__pwned='title'</script> warn <img src=x onerror="window.__pwned='title-img'">
source: Hostile <b>Wire
published: 2025-05-02
---

Officials in Kharkiv said on Friday that <script>window.__pwned = 'body'; document.title = 'PWNED'</script> the bridge was destroyed.
The governor denied that the bridge <img src=x onerror="window.__pwned='img'"> had been hit, calling the report <a href="javascript:window.__pwned='link'">fake news</a>.
Residents said </textarea></script><div><b>unclosed <td></table>"'><svg onload="window.__pwned='svg'"> was heard overnight in Kharkiv.
"""


def _have_chromium() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


pytestmark = [pytest.mark.browser, pytest.mark.skipif(not _have_chromium(), reason=(
    f"headless Chromium not installed ({CHROMIUM}, {CHROMEDRIVER}): apt-get install -y chromium chromium-driver "
    "(.ci/run does this)"))]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: str, *extra: str):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "claimledger.cli", "serve", "--db", db, "--port", str(self.port), *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                urllib.request.urlopen(self.base + "/-/ledger", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("server did not start in 60 s")

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory, request):
    """The demo corpus (the Kursk article and the Wikinews files) plus the hostile article, by the real ingest.

    CLAIMLEDGER_WEB_LEDGER names a folder to keep the ledger in between runs (it is rebuilt when absent)."""
    from claimledger.ingest import ingest_paths

    keep = os.environ.get("CLAIMLEDGER_WEB_LEDGER")
    folder = Path(keep) if keep else tmp_path_factory.mktemp("demo")
    folder.mkdir(parents=True, exist_ok=True)
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE_TXT, encoding="utf-8")
    db = folder / "demo.db"
    if not (keep and db.exists()):
        nlp = request.getfixturevalue("nlp")
        report = ingest_paths([str(ROOT / "examples"), str(hostile)], str(db), progress=False, nlp=nlp)
        assert report.added >= 3 and not report.errors, report.errors
    return str(db)


@pytest.fixture(scope="module")
def demo_server(demo_ledger):
    server = Server(demo_ledger)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory):
    db = build(tmp_path_factory.mktemp("fixture") / "fixture.db", [expulsion_analysis(), hostile_analysis()])
    server = Server(db, "--tiles", "http://127.0.0.1:9/{z}/{x}/{y}.png", "--tiles-attribution", "<b>tiles</b>")
    yield server
    server.stop()


def screenshot(driver, name: str) -> None:
    if os.environ.get("CLAIMLEDGER_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def page_errors(driver) -> list[str]:
    """Severe console entries (script errors, CSP violations), the favicon aside."""
    return [e["message"] for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and "favicon" not in e["message"] and "127.0.0.1:9/" not in e["message"]]


def injected_elements(driver) -> list[str]:
    """Elements of the kinds the payloads carry (img, svg, b, td, iframe) in the page body, outside Leaflet's map."""
    return driver.execute_script("""
        return [...document.querySelectorAll('main img, main svg, main b, main td:not(.cl-claims td), main iframe')]
          .filter(el => !el.closest('.leaflet-container')).map(el => el.outerHTML.slice(0, 80));""")


def wait_for_url(driver, part: str, seconds: float = 10) -> None:
    """A click that submits a form navigates asynchronously: wait for the new page's URL
    (a TimeoutException fails the test if it never comes)."""
    WebDriverWait(driver, seconds).until(lambda d: part in d.current_url)


def no_script_ran(driver) -> None:
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.title != "PWNED"


# -- the analyst's path through the demo ledger ---------------------------------

@pytest.mark.model  # demo_ledger: the real ingest
def test_board_to_disputed_claim_to_evidence_in_the_article(browser, demo_server):
    browser.get(demo_server.url("/-/ledger"))
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.claim-row")
    assert rows, "the board lists claims"
    statuses = [r.get_attribute("data-status") for r in rows]
    assert statuses[0] == "disputed", "disputed claims come first"
    screenshot(browser, "board")

    browser.find_element(By.CSS_SELECTOR, ".cl-tabs a.tab-disputed").click()
    wait_for_url(browser, "status=disputed")
    assert "status=disputed" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.claim-row")
    assert rows and {r.get_attribute("data-status") for r in rows} == {"disputed"}

    # the Kursk expulsion claim: the disputed claim whose evidence says the Ukrainians were expelled
    # (found by its evidence, not by its wording, which is the claims component's choice)
    browser.find_element(By.NAME, "place").send_keys("Kursk")
    browser.find_element(By.CSS_SELECTOR, ".cl-filters button").click()
    wait_for_url(browser, "place=Kursk")
    assert "status=disputed" in browser.current_url and "place=Kursk" in browser.current_url
    candidates = [(a.get_attribute("href"), a.find_element(By.XPATH, "./ancestor::tr"))
                  for a in browser.find_elements(By.CSS_SELECTOR, "a.claim-link")]
    counts = {href: (int(tr.find_element(By.CSS_SELECTOR, ".n-for").text),
                     int(tr.find_element(By.CSS_SELECTOR, ".n-against").text)) for href, tr in candidates}
    assert candidates, "disputed claims about Kursk are on the board"
    for href, _row in candidates:
        browser.get(href)
        evidence = browser.find_element(By.CSS_SELECTOR, "section.evidence").text.lower()
        if "expelled" in evidence and "kursk" in evidence:
            break
    else:
        pytest.fail("no disputed Kursk claim carries the expulsion evidence")
    n_for, n_against = counts[href]
    assert n_for >= 1 and n_against >= 1, "a disputed claim has sources on both sides"
    assert browser.find_element(By.CSS_SELECTOR, ".claim-status .status").text == "disputed"
    against = browser.find_element(By.CSS_SELECTOR, ".sources-against").text
    assert "Ukraine" in against or "Kyiv" in against or "Zelensky" in against
    assert browser.find_elements(By.CSS_SELECTOR, ".cl-history li")
    assert browser.find_elements(By.CSS_SELECTOR, ".contradiction .reason")
    denial = next(e for e in browser.find_elements(By.CSS_SELECTOR, ".evidence-item.side-against")
                  if e.find_elements(By.CSS_SELECTOR, "mark.hl-cue"))
    cue = denial.find_element(By.CSS_SELECTOR, "mark.hl-cue").text
    assert cue and denial.find_elements(By.CSS_SELECTOR, "mark.hl-content")
    screenshot(browser, "claim")

    denial.find_element(By.CSS_SELECTOR, "a.evidence-link").click()
    wait_for_url(browser, "/-/ledger/article/")
    assert "/-/ledger/article/" in browser.current_url and "#st-" in browser.current_url
    anchor_id = browser.current_url.split("#", 1)[1]
    # the first cue after the statement's anchor is the one the claim page showed, and it is highlighted
    found = browser.execute_script("""
        const anchor = document.getElementById(arguments[0]);
        const cues = [...document.querySelectorAll('.article-text mark.hl-cue')];
        const next = cues.find(m => anchor.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
        if (!next) return null;
        const r = next.getBoundingClientRect();
        return {text: next.textContent, bg: getComputedStyle(next).backgroundColor,
                visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.top < window.innerHeight};
    """, anchor_id)
    assert found and found["text"] == cue
    assert found["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert found["visible"], "the link scrolls the statement into view"
    assert browser.find_elements(By.CSS_SELECTOR, ".article-text mark.hl-place")
    assert browser.find_elements(By.CSS_SELECTOR, ".article-text mark.hl-date")
    screenshot(browser, "article")
    assert page_errors(browser) == []


@pytest.mark.model  # demo_ledger: the real ingest
def test_map_and_timeline_of_the_demo_ledger(browser, demo_server):
    browser.get(demo_server.url("/-/ledger/map"))
    holder = browser.find_element(By.ID, "map")
    assert int(holder.get_attribute("data-markers")) > 0
    assert browser.find_elements(By.CSS_SELECTOR, "#map .leaflet-interactive")
    screenshot(browser, "map")
    browser.get(demo_server.url("/-/ledger/timeline?from=2025-01-01&to=2025-12-31"))
    days = browser.find_elements(By.CSS_SELECTOR, ".cl-timeline-days > li.day")
    assert days and browser.find_elements(By.CSS_SELECTOR, ".t-event mark.hl-date")
    screenshot(browser, "timeline")
    assert page_errors(browser) == []


@pytest.mark.model  # demo_ledger: the real ingest
def test_hostile_article_ingested_is_shown_as_text(browser, demo_server, demo_ledger):
    import sqlite3

    with sqlite3.connect(demo_ledger) as conn:
        article_id = conn.execute("SELECT id FROM articles WHERE text LIKE '%__pwned%'").fetchone()[0]
        db_name = Path(demo_ledger).stem
    pages = [f"/-/ledger/article/{article_id}", "/-/ledger?place=Kharkiv", "/-/ledger/timeline?from=2025-05-01",
             "/-/ledger/map", f"/{db_name}/articles/{article_id}", f"/{db_name}/statements?article_id={article_id}"]
    for path in pages:
        browser.get(demo_server.url(path))
        no_script_ran(browser)
    browser.get(demo_server.url(f"/-/ledger/article/{article_id}"))
    text = browser.find_element(By.CSS_SELECTOR, ".article-text").text
    assert "<script>window.__pwned = 'body'; document.title = 'PWNED'</script>" in text
    assert "<img src=x onerror=\"window.__pwned='img'\">" in text
    assert "<a href=\"javascript:window.__pwned='link'\">fake news</a>" in text
    assert "</textarea></script><div><b>unclosed <td></table>" in text
    assert "<script>" in browser.find_element(By.CSS_SELECTOR, "h1.article-title").text
    assert injected_elements(browser) == []
    assert not browser.find_elements(By.CSS_SELECTOR, ".article-text a, .article-text script")
    no_script_ran(browser)


# -- every page of a ledger with payloads in every field ------------------------

def test_no_payload_runs_on_any_page(browser, fixture_server):
    browser.get(fixture_server.url("/-/ledger"))
    hostile_id = hostile_analysis().article.id
    key = next(a.get_attribute("href").rsplit("/", 1)[1] for a in browser.find_elements(By.CSS_SELECTOR, "a.claim-link")
               if a.text.startswith("Something <script>"))
    for path in ("/-/ledger", "/-/ledger?actor=Evil", f"/-/ledger/claim/{key}", f"/-/ledger/article/{hostile_id}",
                 "/-/ledger/map", "/-/ledger/timeline"):
        browser.get(fixture_server.url(path))
        no_script_ran(browser)
        body = browser.find_element(By.TAG_NAME, "body").text
        assert "window.__pwned" in body or path.endswith("/map") or path.endswith("/timeline"), path
        assert injected_elements(browser) == [], path
    errors = page_errors(browser)
    assert not [e for e in errors if "Content Security Policy" in e or "Uncaught" in e], errors


def test_map_works_without_tiles_and_shows_names_as_text(browser, fixture_server):
    browser.get(fixture_server.url("/-/ledger/map"))  # tiles point at a closed port: none load
    holder = browser.find_element(By.ID, "map")
    assert holder.get_attribute("data-markers") == "2"
    assert "Mariupol <script>" in browser.find_element(By.CSS_SELECTOR, ".place-list").text
    markers = browser.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")
    assert len(markers) == 2
    # each marker's tooltip (hover) shows the name as text
    names = []
    for marker in markers:
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", marker)
        tooltip = browser.find_elements(By.CSS_SELECTOR, ".leaflet-tooltip")
        assert tooltip and not tooltip[-1].find_elements(By.CSS_SELECTOR, "img, svg, script, a, b, div")
        names.append(tooltip[-1].get_attribute("textContent"))
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseout', {bubbles: true}))", marker)
    assert "Kursk" in names and any(n.startswith("Mariupol <script>") for n in names), names
    # and its popup too
    for marker in markers:
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker)
        popup = browser.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content .map-popup")
        assert popup, "clicking a marker opens its popup"
        assert not popup[0].find_elements(By.CSS_SELECTOR, "img, svg, script, b")
        text = popup[0].get_attribute("textContent")
        assert "Kursk" in text or "Mariupol <script>" in text
    attribution = browser.find_element(By.CSS_SELECTOR, ".leaflet-control-attribution").text
    assert "<b>tiles</b>" in attribution  # configured attribution shown as text
    no_script_ran(browser)
