"""`xk web` over real HTTP against a real dispatcher, a simulated ward worker and a coordinator: the public
Open311 GeoReport v2 feed has every field the specification lists and nothing about the citizens; a visitor
without a login sees only that feed; an officer requeues a request from the needs-attention page while a
viewer, a form without its CSRF token and a guessed password are refused; the pages speak English on request."""

import datetime
import http.cookiejar
import json
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import CONFIG, ManagedProcess, REPO_ROOT, free_port, run_xk, wait_until, xk_binary
from test_coordinator import start_coordinator

SIMULATED = "00286"  # Bạch Mai: a simulated team resolves its requests
UNSERVED = "00289"   # Quỳnh Mai: no worker, so its requests wait in the dispatcher's queue
CITIZENS = [("Nguyễn Thị Thử Một", "0912000111"), ("Trần Văn Thử Hai", "0987000222")]
HBT_WARDS = re.findall(r'^\s*- \{code: "(\d{5})", name: "([^"]+)", kind:', (REPO_ROOT / "config" / "hai-ba-trung.yaml")
                       .read_text(encoding="utf-8"), re.M)
OFFICER, VIEWER, PASSWORD = "lan", "minh", "mat-khau-tot"


class Web(object):
    """The district with its dashboard: dispatcher, one simulated worker, coordinator and `xk web`."""

    def __init__(self, dispatcher, tmp_path, sla_hours="0.0003"):
        events = "tcp://127.0.0.1:%d" % free_port()
        self.d = dispatcher("--data", str(tmp_path / "d"), "--events", events)
        argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", SIMULATED, "--dispatcher", self.d.endpoint,
                "--data", str(tmp_path / "w"), "--control", "ipc://%s/w.ipc" % tmp_path,
                "--simulate", "--simulate-step-seconds", "0.05", "--simulate-outcomes", "SUBMITTED_FULL_ONLINE=60,SUBMITTED_PARTIAL_ONLINE=20,FAILED=20"]
        self.worker = ManagedProcess("xk worker", argv, cwd=str(REPO_ROOT))
        assert self.worker.wait_for_line("worker connected", key="stderr", timeout=30), self.worker.output()
        stats = "tcp://127.0.0.1:%d" % free_port()
        self.coordinator = start_coordinator(self.d.endpoint, events, "sqlite:" + str(tmp_path / "stats.sqlite"), stats)
        self.users = str(tmp_path / "web-users.yaml")
        for name, role in ((OFFICER, "officer"), (VIEWER, "viewer")):
            added = subprocess.run([str(xk_binary()), "web", "user", "add", name, "--role", role, "--users", self.users],
                                   input=PASSWORD + "\n", capture_output=True, text=True, timeout=60)
            assert added.returncode == 0, added.stderr
        port = free_port()
        self.base = "http://127.0.0.1:%d" % port
        argv = [str(xk_binary()), "web", "--config", CONFIG, "--dispatcher", self.d.endpoint, "--coordinator", stats,
                "--listen", "127.0.0.1:%d" % port, "--users", self.users, "--sla-hours", sla_hours]
        self.web = ManagedProcess("xk web", argv, cwd=str(REPO_ROOT))
        assert self.web.wait_for_line("web listening", key="stderr", timeout=30), self.web.output()

    def enqueue(self, ward, name=None, phone=None):
        args = ["enqueue", "--dispatcher", self.d.endpoint, "--ward", ward, "--procedure", "1.001193",
                "--residential-group", "TDP 7", "--note", "gọi sau 9 giờ"]
        if name:
            args += ["--name", name, "--phone", phone, "--consent"]
        return run_xk(*args).stdout.strip()

    def stop(self):
        for p in (self.web, self.coordinator, self.worker):
            p.signal(15)
            p.wait(10)


@pytest.fixture
def web(dispatcher, tmp_path):
    w = Web(dispatcher, tmp_path)
    yield w
    w.stop()


class Browser(object):
    """An HTTP client with its own cookies, following redirects as a browser does."""

    def __init__(self, base, language=None):
        self.base = base
        self.language = language
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, path, form=None, headers=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers=dict(headers or {}))
        if self.language:
            request.add_header("Accept-Language", self.language)
        try:
            with self.opener.open(request, timeout=15) as r:
                return r.status, r.read().decode("utf-8"), r.geturl()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8"), e.geturl()

    def login(self, name, password=PASSWORD):
        return self.open("/dang-nhap", {"ten": name, "mat_khau": password})


def csrf_of(page):
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert m, page[:2000]
    return m.group(1)


def open311(base, path):
    with urllib.request.urlopen(base + path, timeout=15) as r:
        assert r.headers["Content-Type"].startswith("application/json")
        return json.loads(r.read().decode("utf-8"))


REQUIRED = {"service_request_id": str, "status": str, "service_name": str, "service_code": str,
            "agency_responsible": str, "requested_datetime": str, "updated_datetime": str}
NULLABLE = ("status_notes", "description", "service_notice", "expected_datetime", "address", "address_id", "zipcode",
            "lat", "long", "media_url")


def test_the_open311_feed_has_every_field_and_nothing_about_the_citizens(web):
    ids = {web.enqueue(SIMULATED, *CITIZENS[0]): "closed", web.enqueue(UNSERVED, *CITIZENS[1]): "open"}
    for _ in range(6):
        ids[web.enqueue(SIMULATED)] = "closed"

    def settled():
        feed = {r["service_request_id"]: r for r in open311(web.base, "/open311/v2/requests.json")}
        return feed if all(i in feed and feed[i]["status"] == s for i, s in ids.items()) else None
    feed = wait_until(settled, 30, "the feed to list every request with its final status")
    names = dict(HBT_WARDS)
    for request_id, status in ids.items():
        item = feed[request_id]
        for key, kind in REQUIRED.items():
            assert isinstance(item.get(key), kind) and item[key], (key, item)
        for key in NULLABLE:
            assert key in item, (key, item)
        assert item["status"] == status and item["service_code"] == "1.001193", item
        assert item["service_name"] == "Đăng ký khai sinh", item
        assert item["agency_responsible"] == names[SIMULATED if status == "closed" else UNSERVED], item
        requested = datetime.datetime.fromisoformat(item["requested_datetime"])
        updated = datetime.datetime.fromisoformat(item["updated_datetime"])
        assert requested.utcoffset() == datetime.timedelta(hours=7) and updated >= requested, item
        assert open311(web.base, "/open311/v2/requests/%s.json" % request_id) == [item]
    services = open311(web.base, "/open311/v2/services.json")
    birth = [s for s in services if s["service_code"] == "1.001193"]
    assert birth and all(k in birth[0] for k in ("service_name", "description", "metadata", "type", "keywords", "group"))
    only_open = open311(web.base, "/open311/v2/requests.json?status=open")
    assert [r["service_request_id"] for r in only_open] == [i for i, s in ids.items() if s == "open"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(web.base + "/open311/v2/requests/007-9999999.json", timeout=15)
    assert missing.value.code == 404

    # Nothing the citizens said about themselves, in any answer, logged in or not.
    visitor = Browser(web.base)
    status, page, url = visitor.open("/")
    assert url.endswith("/dang-nhap") and "mat_khau" in page
    assert visitor.open("/api/v1/overview")[0] == 401
    viewer = Browser(web.base)
    viewer.login(VIEWER)
    bodies = [json.dumps(feed, ensure_ascii=False), json.dumps(services, ensure_ascii=False)]
    for path in ("/", "/phuong/" + SIMULATED, "/phuong/" + UNSERVED, "/can-xu-ly", "/api/v1/overview",
                 "/api/v1/wards/" + SIMULATED, "/api/v1/attention"):
        status, body, _ = viewer.open(path)
        assert status == 200, (path, body[:1000])
        bodies.append(body)
    for body in bodies:
        for name, phone in CITIZENS:
            assert name not in body, (name, body[:500])
            assert phone not in body and "*" + phone[-3:] not in body, (phone, body[:500])
        assert "TDP 7" not in body and "gọi sau 9 giờ" not in body


def test_an_officer_requeues_while_a_viewer_a_forged_form_and_a_guesser_are_refused(web):
    waiting = web.enqueue(UNSERVED)
    officer = Browser(web.base)
    status, page, _ = officer.login(OFFICER)
    assert status == 200 and "Tổng quan quận" in page
    page = wait_until(lambda: (lambda p: p if waiting in p else None)(officer.open("/can-xu-ly")[1]), 20,
                      "the waiting request on the needs-attention page (past the 1 s SLA)")
    assert 'data-action="requeue"' in page
    token = csrf_of(page)

    # A form from another site has no token: refused, and the request is untouched.
    status, page, _ = officer.open("/can-xu-ly/" + waiting, {"thao_tac": "requeue"})
    assert status == 403
    status, page, _ = officer.open("/can-xu-ly/" + waiting, {"thao_tac": "requeue", "csrf": "0" * 64})
    assert status == 403

    viewer = Browser(web.base)
    viewer.login(VIEWER)
    viewer_page = viewer.open("/can-xu-ly")[1]
    assert waiting in viewer_page and 'data-action="requeue"' not in viewer_page
    status, page, _ = viewer.open("/can-xu-ly/" + waiting, {"thao_tac": "requeue", "csrf": csrf_of(viewer_page)})
    assert status == 403 and "cán bộ" in page

    status, page, _ = officer.open("/can-xu-ly/" + waiting, {"thao_tac": "requeue", "csrf": token})
    assert status == 200 and re.search(r"%s → TRIAGED" % waiting, page), page[:3000]
    history = json.loads(run_xk("status", waiting, "--dispatcher", web.d.endpoint, "--json").stdout)["history"]
    assert [e["kind"] for e in history].count("requeued") == 1, history
    # The JSON API does the same with the token in a header, and refuses without it.
    status, body, _ = officer.open("/api/v1/requests/%s/cancel" % waiting, {}, headers={"X-CSRF-Token": token})
    assert status == 200 and json.loads(body)["state"] == "CANCELLED", body
    assert officer.open("/api/v1/requests/%s/cancel" % waiting, {})[0] == 403
    assert "web admin action" in web.web.text() and "user=lan" in web.web.text().replace('"', "")

    # Five wrong passwords lock the name: the right one is refused too, for a while.
    guesser = Browser(web.base)
    for _ in range(5):
        assert guesser.login(VIEWER, "sai-mat-khau")[0] == 401
    status, page, _ = guesser.login(VIEWER)
    assert status == 429 and "5 phút" in page


def test_the_pages_speak_english_when_asked(web):
    english = Browser(web.base, language="en-GB,en;q=0.9")
    status, page, _ = english.login(OFFICER)
    assert status == 200 and "District overview" in page and 'lang="en"' in page
    for code, name in HBT_WARDS:
        assert name in page
    back = Browser(web.base, language="en")
    back.login(OFFICER)
    status, page, _ = back.open("/ngon-ngu/vi?ve=/")
    assert status == 200 and "Tổng quan quận" in page and 'lang="vi"' in page
    # The switch goes back to pages of this site only.
    status, page, url = back.open("/ngon-ngu/en?ve=//evil.example/")
    assert url == web.base + "/"
