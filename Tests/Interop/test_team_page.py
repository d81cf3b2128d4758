"""The team page a ward's worker serves, driven over real HTTP the way a phone's browser does: a member logs in,
sees only their team's open cases with the most urgent first, opens one and finds the `tel:` link (none for an
anonymous case), submits a dossier code, and `xk status` at the dispatcher shows the outcome and the member."""

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

from conftest import CONFIG, ManagedProcess, REPO_ROOT, free_port, wait_until, xk_binary
from test_durable_cli import xk

WARD = "00286"
PHONE = "0912345678"


def ward_with_page(endpoint, tmp_path):
    """The ward's worker serving its team page on a free port; returns (process, control endpoint, port)."""
    port = free_port()
    control = "ipc://%s/control.ipc" % tmp_path
    argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", WARD, "--dispatcher", endpoint,
            "--data", str(tmp_path / "w"), "--control", control, "--http", "127.0.0.1:%d" % port]
    worker = ManagedProcess("xk worker " + WARD, argv, cwd=str(REPO_ROOT))
    assert worker.wait_for_line("team page listening", key="stderr", timeout=30), worker.output()
    assert worker.wait_for_line("worker connected", key="stderr", timeout=30), worker.output()
    return worker, control, port


class Phone(object):
    """A browser with its own cookies; redirects followed, as a phone's browser does."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path, **fields):
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(self.base + path, data=data))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")


def test_a_team_member_logs_in_calls_the_citizen_and_submits_a_dossier(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path / "d")
    worker, control, port = ward_with_page(d.endpoint, tmp_path)
    try:
        add = ["team", "member", "add", "lan", "--team", WARD + "-T01", "--control", control]
        res = subprocess_input(add, "mat-khau-tot\n")
        assert res.returncode == 0, res.stderr

        # Only team T01 takes new cases, so both requests land with it.
        known = xk("cases", "--ward", WARD, "--control", control, "--team", "none").stderr
        for team in re.findall(r"%s-T\d+" % WARD, known):
            if team != WARD + "-T01":
                assert xk("team", "unavailable", team, "--control", control).returncode == 0

        def enqueue(*extra):
            out = xk("enqueue", "--dispatcher", d.endpoint, "--ward", WARD, "--procedure", "1.001193", *extra)
            assert out.returncode == 0, out.stderr
            return out.stdout.strip()
        anonymous = enqueue()
        elderly = enqueue("--name", "Bà Lan", "--phone", PHONE, "--consent", "--elderly", "--note", "Quên mật khẩu VNeID")
        teams = {}
        for _ in range(100):
            cases = json.loads(xk("cases", "--ward", WARD, "--control", control, "--json").stdout)["cases"]
            teams = {c["id"]: c.get("team") for c in cases}
            if len(teams) == 2:
                break
        assert teams[anonymous] == teams[elderly] == WARD + "-T01", teams

        phone = Phone("http://127.0.0.1:%d" % port)
        status, page = phone.get("/")
        assert "Đăng nhập" in page, "an anonymous visitor sees the login, not cases"
        status, page = phone.post("/dang-nhap", ten="lan", mat_khau="sai-mat-khau")
        assert status == 401 and "Sai tên đăng nhập" in page
        status, page = phone.post("/dang-nhap", ten="lan", mat_khau="mat-khau-tot")
        assert status == 200 and "Hồ sơ đang mở của tổ %s-T01" % WARD in page, page
        # The elderly citizen first, though the anonymous request is older.
        assert page.index(elderly) < page.index(anonymous), page

        status, page = phone.get("/ho-so/%s" % elderly)
        assert 'href="tel:%s"' % PHONE in page and "Quên mật khẩu VNeID" in page and "Đăng ký khai sinh" in page, page
        status, other = phone.get("/ho-so/%s" % anonymous)
        assert "tel:" not in other and "Ẩn danh" in other, other
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        status, refused = phone.post("/ho-so/%s" % elderly, csrf="forged", buoc="accept")
        assert status == 403, "a step without the session's token was taken"
        for step in (dict(buoc="accept"), dict(buoc="contact", ghi_chu="gọi lúc 9 giờ"),
                     dict(buoc="submit", hinh_thuc="toan-trinh", ma_ho_so="000.00.07.H26-251130-0001")):
            status, page = phone.post("/ho-so/%s" % elderly, csrf=csrf, **step)
            assert status == 200 and '<p class="msg">' not in page, page
        assert "Đã xong" in page, page

        for _ in range(50):
            st = json.loads(xk("status", elderly, "--dispatcher", d.endpoint, "--json").stdout)
            if st["state"] == "RESOLVED":
                break
        assert st["outcome"] == "SUBMITTED_FULL_ONLINE", st
        resolved = [e for e in st["history"] if e["kind"] == "resolved"][0]
        assert resolved["detail"]["member"] == "lan" and resolved["detail"]["dossiers"] == ["000.00.07.H26-251130-0001"], resolved
        audit = xk("audit", "--data", tmp_path / "w", "--json").stdout
        assert '"who":"lan (%s-T01)"' % WARD in audit and elderly in audit, audit

        # A cancel reaches the page: the case leaves the team's list, its page says so, a step is refused.
        assert xk("cancel", anonymous, "--dispatcher", d.endpoint).returncode == 0
        def gone():
            return anonymous not in phone.get("/")[1]
        wait_until(gone, 10, "the cancelled case leaving the team's list")
        status, page = phone.get("/ho-so/%s" % anonymous)
        assert "Đã huỷ" in page and 'name="buoc"' not in page, page
        status, page = phone.post("/ho-so/%s" % anonymous, csrf=csrf, buoc="contact")
        assert "CANCELLED" in page, page

        # The team members' commands speak Vietnamese on request.
        listed = subprocess_input(["cases", "--ward", WARD, "--control", control, "--all"], "", env={"XK_LANG": "vi"})
        assert "tổ %s-T01" % WARD in listed.stdout and "đã chờ" in listed.stdout, listed.stdout
    finally:
        worker.signal(15)
        worker.wait(10)


def subprocess_input(args, text, env=None):
    import os
    import subprocess
    return subprocess.run([str(xk_binary())] + args, input=text, capture_output=True, text=True, timeout=60,
                          cwd=str(REPO_ROOT), env=dict(os.environ, **(env or {})))
