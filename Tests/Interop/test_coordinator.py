"""The coordinator follows a dispatcher's events: SIGKILLed and restarted during a simulated run (events
it missed are replayed), its totals per ward and outcome equal what the dispatcher says of each request."""

import collections
import json
import signal
import subprocess
import time

import zmq

from conftest import ManagedProcess, REPO_ROOT, free_port, run_xk, wait_all_resolved, xk_binary
from test_crash import call

CONFIG = str(REPO_ROOT / "config" / "hai-ba-trung.yaml")
WARDS = ("00286", "00289")


def xk(*args):
    return run_xk(*args).stdout


def start_coordinator(dispatcher_ep, events_ep, store, endpoint):
    """`xk coordinator` for one Hai Bà Trưng dispatcher; `store` as --store takes it (sqlite:PATH, postgres://…)."""
    argv = [str(xk_binary()), "coordinator", "--config", CONFIG, "--dispatcher", dispatcher_ep, "--events", events_ep,
            "--store", store, "--endpoint", endpoint]
    c = ManagedProcess("xk coordinator", argv, cwd=str(REPO_ROOT))
    assert c.wait_for_line("coordinator starting", key="stderr", timeout=30), c.output()
    return c


def test_coordinator_killed_and_restarted_ends_with_the_dispatchers_numbers(dispatcher, tmp_path):
    events_ep = "tcp://127.0.0.1:%d" % free_port()
    d = dispatcher("--data", str(tmp_path / "d"), "--events", events_ep)
    workers = []
    for ward in WARDS:
        argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", ward, "--dispatcher", d.endpoint,
                "--data", str(tmp_path / ("w" + ward)), "--control", "ipc://%s/%s.ipc" % (tmp_path, ward),
                "--simulate", "--simulate-step-seconds", "0.05"]
        w = ManagedProcess("xk worker " + ward, argv, cwd=str(REPO_ROOT))
        assert w.wait_for_line("worker connected", key="stderr", timeout=30), w.output()
        workers.append(w)
    stats_ep = "tcp://127.0.0.1:%d" % free_port()
    store = "sqlite:" + str(tmp_path / "stats.sqlite")
    coordinator = start_coordinator(d.endpoint, events_ep, store, stats_ep)
    ctx = zmq.Context.instance()
    ids = []
    try:
        def submit(n):
            body = json.dumps({"ward": WARDS[n % 2], "procedure": "1.001193", "helpType": "submit_dossier",
                               "channel": "walk_in"}).encode()
            ids.append(call(ctx, d.endpoint, b"xk.submit", body)["id"])

        for n in range(20):
            submit(n)
        coordinator.signal(signal.SIGKILL)
        coordinator.wait(10)
        for n in range(20, 40):
            submit(n)
        time.sleep(0.5)
        coordinator = start_coordinator(d.endpoint, events_ep, store, stats_ep)

        truth = wait_all_resolved(lambda i: call(ctx, d.endpoint, b"xk.status", i.encode()), ids)
        want_wards = collections.Counter(s["ward"] for s in truth.values())
        want_outcomes = collections.Counter(s["outcome"] for s in truth.values())

        rows = {}
        for _ in range(50):
            by_ward = json.loads(xk("stats", "--coordinator", stats_ep, "--by", "ward", "--format", "json"))["rows"]
            by_outcome = json.loads(xk("stats", "--coordinator", stats_ep, "--by", "outcome", "--format", "json"))["rows"]
            # Ward rows key on the unit, CODE@first day (codes were reused in 2025); these wards are all of 2020-01-01.
            got_wards = {r["key"].split("@")[0]: r.get("received") for r in by_ward}
            resolved = sum(r.get("resolved", 0) for r in by_ward)
            if got_wards == dict(want_wards) and resolved == len(ids):
                break
            time.sleep(0.2)
        assert got_wards == dict(want_wards), (got_wards, want_wards)
        assert resolved == len(ids)
        got_outcomes = {r["key"]: r.get("received") for r in by_outcome if not r.get("suppressed")}
        for outcome, n in want_outcomes.items():
            if n >= 5:
                assert got_outcomes.get(outcome) == n, (outcome, got_outcomes, want_outcomes)
            else:
                assert outcome not in got_outcomes, "a cell under 5 citizens was exported"
        table = xk("stats", "--coordinator", stats_ep, "--by", "ward")
        assert "Bạch Mai" in table and "Quỳnh Mai" in table
        verify = xk("stats", "verify", "--coordinator", stats_ep, "--config", CONFIG, "--dispatcher", d.endpoint)
        assert "no difference" in verify, verify

        # Against journals that do not match (another, empty dispatcher), verify reports the differences.
        other = dispatcher("--data", str(tmp_path / "other"))
        out = subprocess.run([str(xk_binary()), "stats", "verify", "--coordinator", stats_ep, "--config", CONFIG,
                              "--dispatcher", other.endpoint], cwd=str(REPO_ROOT), capture_output=True, text=True,
                             timeout=60)
        assert out.returncode != 0, out.stdout
        assert "ward 00286@2020-01-01 received: journals 0, coordinator %d" % want_wards["00286"] in out.stdout, out.stdout
    finally:
        for p in workers + [coordinator]:
            p.signal(signal.SIGTERM)
            p.wait(10)
            p.kill()


def test_a_coordinator_whose_dispatcher_is_down_still_stops_on_sigterm(tmp_path):
    # Nothing listens on these ports: the coordinator keeps asking for a replay until it is told to stop.
    dead = "tcp://127.0.0.1:%d" % free_port()
    coordinator = start_coordinator(dead, "tcp://127.0.0.1:%d" % free_port(), "sqlite:" + str(tmp_path / "stats.sqlite"),
                                    "tcp://127.0.0.1:%d" % free_port())
    time.sleep(2.5)  # past the first replay attempts
    coordinator.signal(signal.SIGTERM)
    try:
        assert coordinator.wait(10) == 0, coordinator.output()
    finally:
        coordinator.kill()
