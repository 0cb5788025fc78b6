"""The app in headless Chromium: the plot renders with data and a sector choice narrows the tickers."""
from __future__ import annotations

import os
import struct

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
)
BARS = "#pnl-graph .barlayer .point path"
# Plotly keeps the plotted data on the graph div; reading it checks what was drawn, not what was sent.
GRAPH_TRACES_JS = """
const gd = document.querySelector('#pnl-graph .js-plotly-plot');
return gd && gd.data ? gd.data.map(t => [t.name, Array.from(t.y || [])]) : null;
"""
OPTION_LABELS_JS = """
return Array.from(document.querySelectorAll('[role=listbox] [role=option]')).map(el => el.textContent.trim());
"""


@pytest.fixture
def browser(tmp_path):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not found; install with `apt-get install -y chromium chromium-driver`")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (*CHROME_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _dropdown_options(driver, wait, dropdown_id: str, settles_on: list[str] | None = None) -> list[str]:
    """Open a Dash dropdown, read its option labels, close it again.

    The labels are read in one script call: a callback may redraw the list between a Selenium lookup and
    reading each element's text (a stale element). With `settles_on`, read until the list shows those labels,
    since the options callback can land after the graph's.
    """
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.find_element(By.ID, dropdown_id).click()
    labels: list[str] = []

    def listed(d) -> bool:
        labels[:] = d.execute_script(OPTION_LABELS_JS) or []
        return bool(labels) and (settles_on is None or labels == settles_on)

    try:
        wait.until(listed)
    except TimeoutException:
        pass  # the assertion on the returned labels names what was shown instead
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[role=listbox]"))
    return labels


def _choose(driver, wait, dropdown_id: str, label: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.find_element(By.ID, dropdown_id).click()
    xpath = f"//*[@role='listbox']//*[@role='option'][normalize-space()='{label}']"
    wait.until(lambda d: d.find_element(By.XPATH, xpath)).click()
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[role=listbox]"))


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_sector_choice_narrows_tickers_in_chromium(served_dashboard, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 30)
    browser.get(served_dashboard)

    # The first strategy (alphabetically) is preselected: mean_reversion, NVDA (Tech) and DUK (Utilities).
    wait.until(lambda d: d.execute_script(GRAPH_TRACES_JS))
    assert browser.execute_script(GRAPH_TRACES_JS) == [["all selected", [10, -5]], ["DUK", [-5]], ["NVDA", [10]]]
    assert len(browser.find_elements(By.CSS_SELECTOR, BARS)) == 2
    assert _dropdown_options(browser, wait, "sectors") == ["Tech", "Utilities"]
    assert _dropdown_options(browser, wait, "tickers") == ["DUK", "NVDA"]

    _choose(browser, wait, "sectors", "Tech")
    wait.until(lambda d: d.execute_script(GRAPH_TRACES_JS) == [["all selected", [10]], ["NVDA", [10]]])
    assert _dropdown_options(browser, wait, "tickers", settles_on=["NVDA"]) == ["NVDA"]
    assert len(browser.find_elements(By.CSS_SELECTOR, BARS)) == 1
    assert browser.find_element(By.ID, "summary-trades").text == "1"
    assert browser.find_element(By.ID, "summary-pnl").text == "10.00"

    screenshot = tmp_path / "dashboard.png"
    assert browser.save_screenshot(str(screenshot))
    width, height = _png_size(screenshot)
    assert width >= 800 and height >= 600 and screenshot.stat().st_size > 20_000
