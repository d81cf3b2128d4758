"""The dashboard in a real browser at a phone's size (headless Chromium from Debian): a viewer logs in and sees
all 18 Hai Bà Trưng wards by their Vietnamese names, the numbers change as the simulated team resolves new
requests without the page reloading (the overview and a ward's page), and the charts are SVG with data points; a screenshot is kept as a test
artefact. An officer then requeues a waiting request with the page's button, while the viewer's own form post
and a post without the CSRF token are refused (403)."""

import os
import re

from conftest import REPO_ROOT
from test_team_page_browser import browser  # noqa: F401 (fixture)
from test_web import HBT_WARDS, OFFICER, PASSWORD, SIMULATED, UNSERVED, VIEWER, web  # noqa: F401 (fixture)

ARTEFACTS = REPO_ROOT / ".build" / "interop-artefacts"


def test_the_dashboard_in_a_phone_browser_lives_and_acts(web, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    for _ in range(8):
        web.enqueue(SIMULATED)
    waiting = web.enqueue(UNSERVED)

    def log_in(name):
        browser.get(web.base + "/dang-nhap")
        browser.find_element(By.NAME, "ten").send_keys(name)
        browser.find_element(By.NAME, "mat_khau").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.ID, "overview"), "no overview after logging in")

    def cell(code, column):
        return browser.find_element(By.ID, "w-%s-%s" % (code, column)).text

    browser.get(web.base + "/ngon-ngu/vi?ve=/dang-nhap")  # the browser asks for English; the switch says Vietnamese
    log_in(VIEWER)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tổng quan quận"
    names = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#overview td.name")]
    for code, name in HBT_WARDS:
        assert name in names, (name, names)
    assert len(HBT_WARDS) == 18 and "Bạch Mai" in names and "Phố Huế" in names
    # Numbers come in as the team resolves; the page is never reloaded (the marker survives).
    WebDriverWait(browser, 20).until(lambda b: cell(SIMULATED, "received") not in ("0", "<5"), "no figures for Bạch Mai")
    def rises_without_reload(marker, page):
        """Six more requests raise the page's received count, and the page is not reloaded (the marker survives)."""
        browser.execute_script("window.xkMarker = %d" % marker)
        before = cell(SIMULATED, "received")
        for _ in range(6):
            web.enqueue(SIMULATED)
        WebDriverWait(browser, 20).until(lambda b: cell(SIMULATED, "received") != before, "%s: the received count did not change" % page)
        assert int(cell(SIMULATED, "received")) > int(before)
        assert browser.execute_script("return window.xkMarker") == marker, "%s reloaded" % page
    rises_without_reload(1, "the page")

    # The ward page lives the same way, from its own API answer.
    browser.get(web.base + "/phuong/" + SIMULATED)
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.ID, "ward"), "no ward page")
    rises_without_reload(2, "the ward page")

    browser.get(web.base + "/")  # the charts are drawn when the page is made: fetch it with today's data
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) >= 3, len(charts)
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")) > 0
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart circle.point")) > 0
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTEFACTS / "web-overview.png"))

    # The viewer sees the waiting request but no buttons; a post made anyway is refused.
    browser.get(web.base + "/can-xu-ly")
    WebDriverWait(browser, 20).until(lambda b: waiting in b.page_source or b.refresh(), "the waiting request is not listed")
    assert not browser.find_elements(By.CSS_SELECTOR, "button[data-action]")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', browser.page_source).group(1)
    post = "return fetch('/can-xu-ly/%s', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, " \
           "body: arguments[0]}).then(r => r.status)" % waiting
    assert browser.execute_script(post, "thao_tac=requeue&csrf=" + token) == 403
    browser.find_element(By.CSS_SELECTOR, "nav form button").click()

    log_in(OFFICER)
    browser.get(web.base + "/can-xu-ly")
    assert browser.execute_script(post, "thao_tac=requeue") == 403, "a post without the CSRF token was taken"
    row = browser.find_element(By.CSS_SELECTOR, "tr[data-id='%s']" % waiting)
    button = row.find_element(By.CSS_SELECTOR, "button[data-action=requeue]")
    assert button.size["height"] >= 40
    button.click()
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.ID, "message"), "no answer to the requeue")
    assert "%s → TRIAGED" % waiting in browser.find_element(By.ID, "message").text
    if os.environ.get("XK_WEB_SCREENSHOT"):
        browser.get(web.base + "/")
        browser.save_screenshot(os.environ["XK_WEB_SCREENSHOT"])
