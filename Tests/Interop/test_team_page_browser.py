"""The team page in a real browser at a phone's size (headless Chromium from Debian, 390×844): a team member logs
in, sees their team's case, opens it, finds the call link with the full number, and submits a dossier code by
tapping through the same forms a volunteer would; `xk status` then shows the outcome and who submitted it."""

import json
import re
import shutil
import subprocess

import pytest

from conftest import REPO_ROOT, xk_binary
from test_durable_cli import xk
from test_team_page import WARD, ward_with_page

PHONE = "0912345678"
DOSSIER = "000.00.07.H26-251130-0042"


@pytest.fixture
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.fail("Chromium and its driver are missing: scripts/bootstrap --browser installs them", pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844"):
        options.add_argument(flag)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3}})
    b = webdriver.Chrome(service=Service(driver), options=options)
    b.set_page_load_timeout(30)
    yield b
    b.quit()


def test_on_a_phone_sized_browser_a_member_submits_a_dossier(dispatcher, tmp_path, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    d = dispatcher("--data", tmp_path / "d")
    worker, control, port = ward_with_page(d.endpoint, tmp_path)
    try:
        out = xk("enqueue", "--dispatcher", d.endpoint, "--ward", WARD, "--procedure", "1.001193", "--name", "Bà Lan",
                 "--phone", PHONE, "--consent", "--elderly")
        assert out.returncode == 0, out.stderr
        request_id = out.stdout.strip()
        team = None
        for _ in range(100):
            cases = json.loads(xk("cases", "--ward", WARD, "--control", control, "--json").stdout)["cases"]
            team = next((c.get("team") for c in cases if c["id"] == request_id), None)
            if team:
                break
        added = subprocess.run([str(xk_binary()), "team", "member", "add", "lan", "--team", team, "--control", control],
                               input="mat-khau-tot\n", capture_output=True, text=True, timeout=60, cwd=str(REPO_ROOT))
        assert added.returncode == 0, added.stderr

        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        def heading(text):
            """Waits for the page whose heading says `text` (a tap loads a new page)."""
            def found(b):
                try:
                    return text in b.find_element(By.TAG_NAME, "h1").text
                except (StaleElementReferenceException, WebDriverException):
                    return False  # the old page went away mid-read
            WebDriverWait(browser, 15).until(found, "no page headed %r; at %s" % (text, browser.current_url))

        base = "http://127.0.0.1:%d" % port
        browser.get(base + "/")
        assert browser.execute_script("return window.innerWidth") == 390
        browser.find_element(By.NAME, "ten").send_keys("lan")
        browser.find_element(By.NAME, "mat_khau").send_keys("mat-khau-tot")
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        heading("Hồ sơ đang mở")
        card = browser.find_element(By.CSS_SELECTOR, "a.card")
        # Large touch targets: every button at least 44 px high, the card as wide as the phone allows.
        assert card.size["width"] >= 300, card.size
        card.click()
        heading(request_id)
        call = browser.find_element(By.CSS_SELECTOR, "a.call")
        assert call.get_attribute("href") == "tel:" + PHONE and call.size["height"] >= 44, call.size

        def tap(step, **fields):
            form = browser.find_element(By.XPATH, "//form[input[@name='buoc' and @value='%s']]" % step)
            for name, value in fields.items():
                element = form.find_element(By.NAME, name)
                if element.tag_name == "select":
                    Select(element).select_by_value(value)
                else:
                    element.send_keys(value)
            button = form.find_element(By.TAG_NAME, "button")
            assert button.size["height"] >= 44, (step, button.size)
            button.click()
        tap("accept")
        heading("Tổ đã nhận")
        tap("contact", ghi_chu="gọi lúc 9 giờ")
        heading("Đang hỗ trợ")
        tap("submit", hinh_thuc="toan-trinh", ma_ho_so=DOSSIER)
        heading("Đã xong")
        for _ in range(50):
            st = json.loads(xk("status", request_id, "--dispatcher", d.endpoint, "--json").stdout)
            if st["state"] == "RESOLVED":
                break
        resolved = [e for e in st["history"] if e["kind"] == "resolved"][0]["detail"]
        assert resolved["outcome"] == "SUBMITTED_FULL_ONLINE" and resolved["member"] == "lan", resolved
        assert resolved["dossiers"] == [DOSSIER], resolved
        human = xk("status", request_id, "--dispatcher", d.endpoint).stdout
        assert re.search(r"resolved .*member=lan", human), human
    finally:
        worker.signal(15)
        worker.wait(10)
