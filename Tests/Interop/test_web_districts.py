"""`xk web` beyond one plain district: one web over two districts (two real dispatchers, one coordinator following
both) lists and acts on each district's requests through that district's own dispatcher; and a web holding the
officer key (`--keys`) requeues and cancels on a keyed dispatcher, as `xk requeue` / `xk cancel` with that key do."""

import json
import re
import subprocess

from conftest import CONFIG, ManagedProcess, REPO_ROOT, free_port, run_xk, wait_until, xk_binary
from test_keys_coordinator import keyed  # noqa: F401 (fixture)
from test_web import OFFICER, PASSWORD, UNSERVED, Browser, csrf_of

ML = str(REPO_ROOT / "config" / "me-linh.yaml")
ML_UNSERVED = "08973"  # Chi Đông: no worker, so its requests wait


def start_web(tmp_path, configs, dispatchers, coordinator, *extra):
    users = str(tmp_path / "web-users.yaml")
    added = subprocess.run([str(xk_binary()), "web", "user", "add", OFFICER, "--role", "officer", "--users", users],
                           input=PASSWORD + "\n", capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    port = free_port()
    argv = [str(xk_binary()), "web"] + sum((["--config", c] for c in configs), []) + [
        "--dispatcher", ",".join(dispatchers), "--coordinator", coordinator, "--listen", "127.0.0.1:%d" % port,
        "--users", users, "--sla-hours", "0.0003"] + list(extra)
    web = ManagedProcess("xk web", argv, cwd=str(REPO_ROOT))
    assert web.wait_for_line("web listening", key="stderr", timeout=30), web.output()
    return web, "http://127.0.0.1:%d" % port


def requeue_from_the_page(officer, request_id):
    page = wait_until(lambda: (lambda p: p if request_id in p else None)(officer.open("/can-xu-ly")[1]), 30,
                      "%s on the needs-attention page (past the 1 s SLA)" % request_id)
    status, page, _ = officer.open("/can-xu-ly/" + request_id, {"thao_tac": "requeue", "csrf": csrf_of(page)})
    assert status == 200 and "%s → TRIAGED" % request_id in page, page[:3000]
    return csrf_of(page)


def history(request_id, dispatcher_endpoint, *extra):
    out = run_xk("status", request_id, "--dispatcher", dispatcher_endpoint, "--json", *extra).stdout
    return [e["kind"] for e in json.loads(out)["history"]]


def test_one_web_over_two_districts_acts_on_each_districts_dispatcher(dispatcher, tmp_path):
    events = ["tcp://127.0.0.1:%d" % free_port() for _ in range(2)]
    hbt = dispatcher("--data", str(tmp_path / "d007"), "--events", events[0])
    ml = dispatcher("--data", str(tmp_path / "d250"), "--events", events[1], config=ML)
    stats = "tcp://127.0.0.1:%d" % free_port()
    coordinator = ManagedProcess("xk coordinator", [
        str(xk_binary()), "coordinator", "--config", CONFIG, "--config", ML, "--dispatcher", hbt.endpoint + "," + ml.endpoint,
        "--events", ",".join(events), "--store", "sqlite:" + str(tmp_path / "stats.sqlite"), "--endpoint", stats],
        cwd=str(REPO_ROOT))
    assert coordinator.wait_for_line("coordinator starting", key="stderr", timeout=30), coordinator.output()
    web, base = start_web(tmp_path, [CONFIG, ML], [hbt.endpoint, ml.endpoint], stats)
    try:
        ids = {}
        for d, ward in ((hbt, UNSERVED), (ml, ML_UNSERVED)):
            ids[d.endpoint] = run_xk("enqueue", "--dispatcher", d.endpoint, "--ward", ward, "--procedure", "1.001193").stdout.strip()
        assert ids[hbt.endpoint].startswith("007-") and ids[ml.endpoint].startswith("250-"), ids

        officer = Browser(base)
        status, page, _ = officer.login(OFFICER)
        assert status == 200, page[:2000]
        for name in ("Quỳnh Mai", "Chi Đông", "Huyện Mê Linh"):
            assert name in page, name
        assert re.search(r'id="d-250-received"', page) and re.search(r'id="d-007-received"', page)
        # Each request is requeued by its own district's dispatcher, and only there.
        for endpoint, request_id in ids.items():
            requeue_from_the_page(officer, request_id)
            assert history(request_id, endpoint).count("requeued") == 1, request_id
        status, page, _ = officer.open("/phuong/" + ML_UNSERVED)
        assert status == 200 and "Chi Đông" in page, page[:2000]
        assert officer.open("/phuong/99999")[0] == 404 and officer.open("/api/v1/wards/99999")[0] == 404
    finally:
        for p in (web, coordinator):
            p.signal(15)
            p.wait(10)


def test_a_web_with_the_officer_key_requeues_and_cancels_on_a_keyed_dispatcher(keyed, tmp_path):  # noqa: F811
    d, _, keys, stats = keyed
    web, base = start_web(tmp_path, [CONFIG], [d.endpoint], stats, "--keys", str(keys))
    try:
        request_id = run_xk("enqueue", "--dispatcher", d.endpoint, "--ward", UNSERVED, "--procedure", "1.001193",
                            "--keys", str(keys)).stdout.strip()
        officer = Browser(base)
        assert officer.login(OFFICER)[0] == 200
        token = requeue_from_the_page(officer, request_id)
        status, body, _ = officer.open("/api/v1/requests/%s/cancel" % request_id, {}, headers={"X-CSRF-Token": token})
        assert status == 200 and json.loads(body)["state"] == "CANCELLED", body
        kinds = history(request_id, d.endpoint, "--keys", str(keys))
        assert kinds.count("requeued") == 1 and "cancelled" in kinds, kinds
        # The dispatcher let the web in by the officer key (the test's own `xk` calls use the intake key).
        assert re.search(r"identity=officer role=officer .*connection authenticated", d.text()), d.text()[-2000:]
    finally:
        web.signal(15)
        web.wait(10)
