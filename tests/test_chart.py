"""diff --chart: each group's reports drawn against the day they were reported, as
HTML, SVG or PNG. The chart is opened in a real headless browser (Chromium, driven by
Playwright), which must show every group's label and verdict and every report's
interval, outlet and source as text on the page. Every name, outlet and number here is
invented (tests/desk.py)."""

from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from desk import LONG_OUTLET, build_desk_store

runner = CliRunner()
# The browser as this machine has it (Debian: apt-get install chromium); .ci/run installs it.
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    return build_desk_store(tmp_path_factory.mktemp("desk") / "desk.db")


@pytest.fixture(scope="module")
def groups(desk) -> list[dict]:
    result = runner.invoke(app, ["diff", "--db", str(desk), "--all", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def expected_texts(groups: list[dict]) -> list[str]:
    """What the chart must say of each group: its label, verdict, id and each report's
    interval, outlet and source."""
    texts = []
    for group in groups:
        texts += [group["label"], group["verdict"], group["id"][:8]]
        for claim in group["figures"]:
            texts += [claim["article"]["source"], claim["text"]]
            texts.append(claim["speaker"]["name"] if claim["speaker"] else "the outlet itself")
    return texts + [">40,000", "10,000–99,999", "12,000"]


def draw(desk: Path, path: Path) -> None:
    result = runner.invoke(app, ["diff", "--db", str(desk), "--all", "--chart", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Drew 1 group to {path}.\n"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    assert executable, "Chromium is needed for the chart tests (Debian: apt-get install chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


VISIBLE_SVG_TEXT = """() => Array.from(document.querySelectorAll('svg text')).filter(t => {
    const box = t.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
        && box.right <= document.documentElement.scrollWidth + 1;
}).map(t => t.textContent)"""


@pytest.mark.parametrize("suffix", ["html", "svg"])
def test_the_chart_shows_every_group_and_report_in_a_browser(desk, groups, browser, tmp_path, suffix):
    path = tmp_path / f"diff.{suffix}"
    draw(desk, path)
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(path.as_uri())
    shown = " ".join(" ".join(page.evaluate(VISIBLE_SVG_TEXT)).split())
    for text in expected_texts(groups):
        assert " ".join(text.split()) in shown, text
    # The long outlet's name is wrapped over lines in the list, never cut.
    assert "…" not in shown
    screenshot = tmp_path / f"diff-{suffix}.png"
    page.screenshot(path=str(screenshot), full_page=suffix == "html")  # an SVG document is one viewport
    assert screenshot.stat().st_size > 20_000
    if suffix == "html":
        # The page's tables say the same for those who cannot see the chart.
        cells = page.evaluate("() => Array.from(document.querySelectorAll('td')).map(td => td.textContent)")
        assert {">40,000", "10,000–99,999", "12,000", LONG_OUTLET} <= set(cells)
    page.close()


def test_the_svg_keeps_its_text_as_text(desk, groups, tmp_path):
    path = tmp_path / "diff.svg"
    draw(desk, path)
    root = ElementTree.parse(path).getroot()
    texts = " ".join(" ".join(node.text or "" for node in root.iter("{http://www.w3.org/2000/svg}text")).split())
    for text in expected_texts(groups):
        assert " ".join(text.split()) in texts, text


def test_the_png_is_a_picture(desk, tmp_path):
    path = tmp_path / "diff.png"
    draw(desk, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--chart", "diff.txt"], "Error: --chart 'diff.txt': a chart is written as .html, .svg or .png, not .txt."),
        (["--chart", "diff"], "Error: --chart 'diff': a chart is written as .html, .svg or .png, not a file"),
        (["--chart", "diff.svg", "--quotes"], "Error: --chart draws figure groups; it cannot draw --quotes."),
    ],
)
def test_a_chart_that_cannot_be_drawn_is_refused_before_anything_is_written(desk, tmp_path, monkeypatch, args,
                                                                            message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "--db", str(desk), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert list(tmp_path.iterdir()) == []


def test_without_matplotlib_the_chart_is_one_error_with_a_hint(desk, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    result = runner.invoke(app, ["diff", "--db", str(desk), "--chart", str(tmp_path / "diff.png")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: drawing a chart needs matplotlib, which is not installed.",
        "Hint: Install the chart extra: pip install 'claimtrack[chart]'",
    ]
    assert not (tmp_path / "diff.png").exists()


def test_a_chart_is_written_whole_or_not_at_all(desk, tmp_path):
    target = tmp_path / "no-such-folder" / "diff.png"
    result = runner.invoke(app, ["diff", "--db", str(desk), "--chart", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot write {target}: No such file or directory")
    assert not target.parent.exists()
