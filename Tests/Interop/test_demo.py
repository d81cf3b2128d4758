"""`xk demo`, the README's main run command: it starts a dispatcher per district, the ward workers in simulate
mode and a coordinator as child processes, feeds made-up help requests and prints a table per ward. Checked
here: it ends by itself (--duration) or on SIGTERM with exit code 0, its final table has figures for every
ward, some cases were submitted online, no process it started is left behind, no invented name or phone number
reaches its output, and every process ran with the demo's throwaway keys: its dispatcher's ipc endpoint answers
a peer holding the demo's intake key and gives a plaintext peer nothing, and its dashboard (`xk web`, with the
printed throwaway login) shows the district read with those keys."""

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import zmq

from conftest import REPO_ROOT, ManagedProcess, xk_binary
from test_keys import read_key

HBT = REPO_ROOT / "config" / "hai-ba-trung.yaml"
ML = REPO_ROOT / "config" / "me-linh.yaml"
ROW = re.compile(r"^(\d{5}) (.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+(?: \(\d+/\d+\))?)\s+(.+)$")


def ward_codes(config):
    return re.findall(r'^\s*- \{code: "(\d{5})", name: "[^"]+", kind:', config.read_text(encoding="utf-8"), re.M)


def final_table(out):
    """The rows of the final table, by ward code: (name, received, open, toàn trình, một phần, conversion)."""
    assert "— final" in out, out[-3000:]
    tail = out[out.rindex("— final"):]
    rows = {}
    for line in tail.splitlines():
        m = ROW.match(line)
        if m:
            rows[m.group(1)] = (m.group(2), int(m.group(3)), int(m.group(4)), int(m.group(5)), int(m.group(6)),
                                m.group(7))
    return rows


def demo_folder(out):
    m = re.search(r"data, sockets and logs in (\S+)", out)
    assert m, out[:2000]
    return m.group(1)


def leftover_processes(folder):
    """Processes whose command line names the demo's folder (every child's does)."""
    out = subprocess.run(["pgrep", "-af", folder], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if "pgrep" not in line]


def check_run(out, folder, configs):
    rows = final_table(out)
    for config in configs:
        for code in ward_codes(config):
            assert code in rows, "ward %s missing from the final table:\n%s" % (code, out[-6000:])
            assert rows[code][1] > 0, "ward %s received nothing:\n%s" % (code, out[-6000:])
    assert sum(r[3] + r[4] for r in rows.values()) > 0, "no case was submitted online"
    m = re.search(r"fed for \S+ · (\d+) requests submitted", out)
    assert m and int(m.group(1)) == sum(r[1] for r in rows.values()), out[-6000:]
    # Invented citizens carry names "Công dân thử N" and numbers 0999000NNN; neither may be shown.
    assert "Công dân thử" not in out and "0999000" not in out
    assert "temporary folder removed" in out
    assert re.search(r"^keys: %s/keys \(throwaway\) — every process runs with keys" % re.escape(folder), out, re.M), out[:2000]
    deadline = time.time() + 5
    while leftover_processes(folder) and time.time() < deadline:
        time.sleep(0.2)
    assert leftover_processes(folder) == []


def run_demo(*args, timeout=90, env=None):
    proc = subprocess.run([str(xk_binary()), "demo"] + list(args), cwd=str(REPO_ROOT), capture_output=True,
                          text=True, timeout=timeout, env=dict(os.environ, **(env or {})))
    return proc.returncode, proc.stdout, proc.stderr


def test_demo_with_two_districts_ends_by_itself_with_figures_for_every_ward(xk_bin):
    rc, out, err = run_demo("--duration", "12", "--rate", "30", "--config", str(HBT), "--config", str(ML))
    assert rc == 0, out[-4000:] + err[-4000:]
    assert "Quận Hai Bà Trưng (007)" in out and "Huyện Mê Linh (250)" in out
    assert "total, 2 districts" in out
    check_run(out, demo_folder(out), [HBT, ML])


def test_demo_stops_every_process_on_sigterm_and_prints_the_final_table(xk_bin):
    proc = subprocess.Popen([str(xk_bin), "demo", "--config", str(HBT)], cwd=str(REPO_ROOT), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(15)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, out[-4000:] + err[-4000:]
    # At 20 requests/s every ward has had requests after the few seconds left once the processes are up.
    check_run(out, demo_folder(out), [HBT])


def test_demo_runs_with_keys_and_its_dispatcher_gives_a_plaintext_peer_nothing(xk_bin):
    demo = ManagedProcess("xk demo", [xk_bin, "demo", "--config", HBT, "--duration", "10"], cwd=str(REPO_ROOT))
    try:
        folder = re.search(r"data, sockets and logs in (\S+)", demo.expect_line("data, sockets and logs in")).group(1)
        demo.expect_line("ward workers connected", timeout=120)
        endpoint = "ipc://%s/d-007.ipc" % folder
        dispatcher_log = open("%s/dispatcher-007.log" % folder, encoding="utf-8").read()
        assert "keys on" in dispatcher_log and "connection authenticated" in dispatcher_log, dispatcher_log[-3000:]

        def ask(pair):
            s = zmq.Context.instance().socket(zmq.DEALER)
            s.setsockopt(zmq.LINGER, 0)
            s.setsockopt(zmq.SNDTIMEO, 1000)  # a refused peer's DEALER would block on send for good
            if pair is not None:
                s.curve_serverkey = read_key(Path(folder) / "keys" / "dispatcher.pub")["publicKey"].encode()
                s.curve_publickey, s.curve_secretkey = pair
            s.connect(endpoint)
            try:
                s.send_multipart([b"MDPC02", b"\x01", b"mmi.service", b"xk.submit"])
            except zmq.Again:
                return None
            try:
                return s.recv_multipart()[-1] if s.poll(2500) else None
            finally:
                s.close()

        assert ask(None) is None, "a plaintext peer was answered by the demo's dispatcher"
        assert ask(zmq.curve_keypair()) is None, "a random key was answered by the demo's dispatcher"
        intake = read_key(Path(folder) / "keys" / "intake.key")
        assert ask((intake["publicKey"].encode(), intake["secretKey"].encode())) == b"200"
        # The dashboard, reading the coordinator and the dispatcher with the demo's keys, with the printed login.
        m = re.search(r"web: (http://127\.0\.0\.1:\d+/) — log in as (\S+) / (\S+) ", demo.expect_line("web: http", timeout=60))
        assert m, demo.output()[-3000:]
        from test_web import Browser
        viewer = Browser(m.group(1).rstrip("/"))
        status, page, _ = viewer.login(m.group(2), m.group(3))
        assert status == 200 and "Tổng quan quận" in page and "Bạch Mai" in page and 'id="overview"' in page, page[:2000]
        assert viewer.open("/api/v1/overview")[0] == 200
        assert demo.wait(120) == 0, demo.output()[-4000:]
        check_run(demo.text("stdout"), folder, [HBT])
    finally:
        if demo.alive():
            demo.signal(signal.SIGTERM)
            if demo.wait(30) is None:
                demo.kill()
        demo.finish()


def test_demo_of_ha_noi_units_with_several_units_per_worker_process(xk_bin):
    """Hà Nội since 2025-07-01: a few of its units (one with moved teams, two without teams, which the demo
    staffs with made-up ones in its own copy of the config) served by one `xk worker --ward A,B,C` process."""
    units = ["00256", "00082", "00070"]
    code, out, err = run_demo("--config", str(REPO_ROOT / "config" / "ha-noi.yaml"), "--units", ",".join(units),
                              "--units-per-worker", "3", "--duration", "4", "--simulate-step-seconds", "0.05")
    assert code == 0, out[-3000:] + err[-3000:]
    rows = final_table(out)
    assert sorted(rows) == sorted(units), out[-3000:]
    assert all(r[1] > 0 for r in rows.values()), out[-3000:]
    assert sum(r[1] - r[2] for r in rows.values()) > 0, "nothing was resolved"
    assert "total Thành phố Hà Nội" in out
    # dispatcher, one worker for the three units, coordinator, dashboard
    assert "processes 4/4 running" in out, out[-3000:]
    assert "temporary folder removed" in out
    folder = demo_folder(out)
    assert leftover_processes(folder) == []
    assert not (REPO_ROOT / "config" / "ha-noi.rosters").exists(), "the demo wrote into config/"


def test_demo_speaks_vietnamese_with_xk_lang(xk_bin):
    """XK_LANG=vi: the demo's notes, title line and table in Vietnamese; codes, names and figures unchanged."""
    units = ["00256", "00082"]
    code, out, err = run_demo("--config", str(REPO_ROOT / "config" / "ha-noi.yaml"), "--units", ",".join(units),
                              "--units-per-worker", "2", "--duration", "3", "--simulate-step-seconds", "0.05",
                              "--no-web", env={"XK_LANG": "vi"})
    assert code == 0, out[-3000:] + err[-3000:]
    assert "— kết thúc" in out and "tiến trình 3/3 đang chạy" in out, out[-3000:]
    assert "phường/xã" in out and "tiếp nhận" in out and "tổng Thành phố Hà Nội" in out, out[-3000:]
    assert "đã dừng tất cả trong" in out and "requests submitted" not in out, out[-3000:]
    tail = out[out.rindex("— kết thúc"):]
    assert all(re.search(r"^%s \S" % unit, tail, re.M) for unit in units), tail
