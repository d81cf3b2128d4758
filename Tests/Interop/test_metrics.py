"""Prometheus metrics (`--metrics HOST:PORT`) of the dispatcher, a ward worker and the coordinator after a small
real run: every page passes prometheus_client's parser, the numbers agree with what `xk stats` and `xk attention`
say, and no citizen's name or phone is on any page. A non-loopback address is refused unless the operator says so."""

import json
import re
import signal
import socket
import subprocess

import zmq
from prometheus_client.parser import text_string_to_metric_families

from conftest import ManagedProcess, REPO_ROOT, free_port, run_xk, wait_all_resolved, wait_until, xk_binary
from metrics_scrape import metrics_url, names, scrape, scrape_text, total, value
from test_crash import call
from test_durable_cli import W_FINAL, WardWorker

CONFIG = str(REPO_ROOT / "config" / "hai-ba-trung.yaml")
RESOLVING, WAITING, STUCK = "00286", "00289", "00241"  # a simulated ward, one without a worker, one whose worker errs
NAME, PHONE = "Bà Lan", "0912 345 678"


def submit(ctx, endpoint, ward, n):
    body = {"ward": ward, "procedure": "1.001193", "helpType": "submit_dossier", "channel": "walk_in",
            "citizen": {"shortName": NAME, "phone": "0912 345 %03d" % n, "ageBand": "70_79"},
            "consent": {"given": True, "textVersion": "XK-HBT-2024-01"}}
    return call(ctx, endpoint, b"xk.submit", json.dumps(body).encode())["id"]


def stats_rows(endpoint, by):
    rows = json.loads(run_xk("stats", "--coordinator", endpoint, "--by", by, "--format", "json").stdout)["rows"]
    # Statistics key wards by unit (CODE@first day); the metrics by the ward's code (its service now).
    return {(row["key"] or "").split("@")[0] if by == "ward" else row["key"]: row for row in rows}


def test_metrics_of_every_role_parse_and_agree_with_stats_and_attention(dispatcher, tmp_path):
    events_ep = "tcp://127.0.0.1:%d" % free_port()
    d = dispatcher("--data", str(tmp_path / "d"), "--events", events_ep, "--max-attempts", "1",
                   "--metrics", "127.0.0.1:0")
    d_url = metrics_url(d)
    argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", RESOLVING, "--dispatcher", d.endpoint,
            "--data", str(tmp_path / "w"), "--control", "ipc://%s/w.ipc" % tmp_path, "--simulate",
            "--simulate-step-seconds", "0.02", "--simulate-outcomes", "GUIDED_ONLY=1", "--metrics", "127.0.0.1:0"]
    w = ManagedProcess("xk worker " + RESOLVING, argv, cwd=str(REPO_ROOT))
    stats_ep = "tcp://127.0.0.1:%d" % free_port()
    c = None
    erring = WardWorker(d.endpoint, ward=STUCK, credit=10, answer=lambda delivery: [(W_FINAL, {"outcome": 42})])
    try:
        assert w.wait_for_line("worker connected", key="stderr", timeout=30), w.output()
        w_url = metrics_url(w)
        argv = [str(xk_binary()), "coordinator", "--config", CONFIG, "--dispatcher", d.endpoint, "--events", events_ep,
                "--store", "sqlite:" + str(tmp_path / "stats.sqlite"), "--endpoint", stats_ep,
                "--metrics", "127.0.0.1:0"]
        c = ManagedProcess("xk coordinator", argv, cwd=str(REPO_ROOT))
        c_url = metrics_url(c)
        erring.start()

        ctx = zmq.Context.instance()
        resolving = [submit(ctx, d.endpoint, RESOLVING, n) for n in range(10)]
        waiting = [submit(ctx, d.endpoint, WAITING, n) for n in range(6)]
        stuck = [submit(ctx, d.endpoint, STUCK, n) for n in range(5)]
        wait_all_resolved(lambda i: call(ctx, d.endpoint, b"xk.status", i.encode()), resolving)
        attention = wait_until(lambda: (lambda a: a if len(a["requests"]) == len(stuck) else None)(
            json.loads(run_xk("attention", "--dispatcher", d.endpoint, "--json").stdout)), 20, "5 needing attention")
        assert sorted(r["id"] for r in attention["requests"]) == sorted(stuck)
        total_requests = len(resolving) + len(waiting) + len(stuck)
        wait_until(lambda: stats_rows(stats_ep, "ward").get(RESOLVING, {}).get("resolved") == len(resolving), 20,
                   "the coordinator counting every resolution")

        # Gauges are sampled once a second: wait for a sample after the run settled.
        def settled():
            dm, wm, cm = scrape(d_url), scrape(w_url), scrape(c_url)
            ready = (total(dm, "xk_dispatcher_needs_attention_requests") == len(stuck)
                     and value(wm, "xk_ward_cases", ward=RESOLVING, state="RESOLVED") == len(resolving)
                     and value(cm, "xk_coordinator_requests") == total_requests
                     and value(cm, "xk_coordinator_lag_events", district="007") == 0
                     and value(dm, "xk_dispatcher_waiting_requests", ward=WAITING) == len(waiting))
            return (dm, wm, cm) if ready else None
        dm, wm, cm = wait_until(settled, 15, "metrics after the run")

        by_ward = stats_rows(stats_ep, "ward")
        for ward, ids in ((RESOLVING, resolving), (WAITING, waiting), (STUCK, stuck)):
            assert value(dm, "xk_dispatcher_requests_accepted_total", ward=ward) == by_ward[ward]["received"] == len(ids)
            assert total(dm, "xk_dispatcher_requests_resolved_total", ward=ward) == by_ward[ward]["resolved"]
            assert value(dm, "xk_dispatcher_open_requests", ward=ward) == by_ward[ward]["open"]
        by_outcome = stats_rows(stats_ep, "outcome")
        assert total(dm, "xk_dispatcher_requests_resolved_total", outcome="GUIDED_ONLY") \
            == by_outcome["GUIDED_ONLY"]["resolved"] == len(resolving)
        assert value(dm, "xk_dispatcher_needs_attention_requests", ward=STUCK) == len(attention["requests"])
        assert value(dm, "xk_dispatcher_waiting_requests", ward=RESOLVING) == 0
        assert 0 < value(dm, "xk_dispatcher_oldest_waiting_age_seconds", ward=WAITING) < 120
        assert value(dm, "xk_dispatcher_oldest_waiting_age_seconds", ward=RESOLVING) == 0
        assert value(dm, "xk_dispatcher_connected_workers", service="ward." + RESOLVING) == 1
        assert value(dm, "xk_dispatcher_connected_workers", service="ward." + WAITING) == 0
        assert total(dm, "xk_dispatcher_deliveries_total", ward=RESOLVING) == len(resolving)
        assert total(dm, "xk_dispatcher_deliveries_total", ward=STUCK) == len(stuck)
        last = value(dm, "xk_dispatcher_last_event_seq")
        assert value(dm, "xk_dispatcher_events_published_total") == last > 0
        assert value(dm, "xk_dispatcher_journal_commit_duration_seconds_count") > 0
        # Buckets for an fsync: from a quarter of a millisecond, not swift-prometheus' web-request defaults.
        assert value(dm, "xk_dispatcher_journal_commit_duration_seconds_bucket", le="0.00025") >= 0
        assert value(dm, "xk_dispatcher_journal_commit_duration_seconds_bucket", le="+Inf") \
            == value(dm, "xk_dispatcher_journal_commit_duration_seconds_count")
        assert value(cm, "xk_coordinator_applied_event_seq", district="007") == last
        assert value(cm, "xk_coordinator_dispatcher_event_seq", district="007") == last
        assert total(wm, "xk_ward_open_cases", ward=RESOLVING) == 0
        assert value(wm, "xk_ward_open_cases", ward=RESOLVING, team="none") == 0

        # The Grafana dashboard shows exactly what the services export: each name it queries is on a page, and each
        # metric on a page is on the dashboard.
        exported = names(dm) | names(wm) | names(cm)
        dashboard = json.loads((REPO_ROOT / "deploy" / "grafana" / "xungkich-dashboard.json").read_text())
        queried = {name for panel in dashboard["panels"] for target in panel["targets"]
                   for name in re.findall(r"\bxk_[a-z_]+", target["expr"])}
        assert queried - exported == set(), "the dashboard queries metrics nobody exports"
        families = {re.sub(r"_(bucket|sum|count)$", "", n) if n.startswith("xk_dispatcher_journal_commit") else n
                    for n in exported if n.startswith("xk_")}
        shown = {re.sub(r"_(bucket|sum|count)$", "", n) for n in queried}
        assert families - shown == set(), "exported but on no dashboard panel"

        # No citizen on any page, however written.
        for url in (d_url, w_url, c_url):
            text = scrape_text(url)
            for secret in (NAME, "Lan", "0912 345", "0912345", "+84912"):
                assert secret not in text, "%r on %s" % (secret, url)
        # Each metric says what it is (a `# HELP` line), as Prometheus' conventions ask.
        for url in (d_url, w_url, c_url):
            undocumented = [family.name for family in text_string_to_metric_families(scrape_text(url))
                            if family.name.startswith("xk_") and not family.documentation]
            assert undocumented == [], "no # HELP on %s: %s" % (url, undocumented)
        # Each stops cleanly on SIGTERM (exit 0), its metrics listener and sampler with it.
        for p in (c, w):
            p.signal(signal.SIGTERM)
            assert p.wait(15) == 0, p.tail()
        assert d.stop() == 0, d.tail()
    finally:
        erring.stopping.set()
        for p in (c, w):
            if p is not None and p.alive():
                p.signal(15)
                p.wait(10)
            if p is not None:
                p.finish()


def test_metrics_beyond_loopback_are_refused_unless_allowed(tmp_path):
    argv = [str(xk_binary()), "dispatcher", "--config", CONFIG, "--endpoint", "tcp://127.0.0.1:%d" % free_port(),
            "--metrics", "0.0.0.0:%d" % free_port()]
    res = subprocess.run(argv, cwd=str(REPO_ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30,
                         encoding="utf-8")
    assert res.returncode != 0
    assert "--metrics 0.0.0.0" in res.stderr and "--metrics-allow-remote" in res.stderr, res.stderr
    res = subprocess.run(argv[:-2] + ["--metrics", "127.0.0.1"], cwd=str(REPO_ROOT), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=30, encoding="utf-8")
    assert res.returncode != 0 and "HOST:PORT" in res.stderr, res.stderr
    # A plain broker (no journal) has nothing of the district to show.
    res = subprocess.run(argv[:-2] + ["--metrics", "127.0.0.1:0"], cwd=str(REPO_ROOT), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=30, encoding="utf-8")
    assert res.returncode != 0 and "--metrics needs --data" in res.stderr, res.stderr


def test_a_taken_metrics_port_stops_each_role_with_what_to_do(tmp_path):
    """A daemon whose metrics port is taken exits at once, saying so; the ward worker used to hang instead (its
    control endpoint ignored the group's cancellation)."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    roles = {
        "dispatcher": ["--endpoint", "tcp://127.0.0.1:%d" % free_port(), "--data", tmp_path / "d"],
        "worker": ["--ward", RESOLVING, "--dispatcher", "tcp://127.0.0.1:%d" % free_port(), "--data", tmp_path / "w",
                   "--control", "ipc://%s/w.ipc" % tmp_path],
        "coordinator": ["--dispatcher", "tcp://127.0.0.1:%d" % free_port(), "--events",
                        "tcp://127.0.0.1:%d" % free_port(), "--store", "sqlite:%s" % (tmp_path / "s.sqlite"),
                        "--endpoint", "tcp://127.0.0.1:%d" % free_port()],
    }
    try:
        for role, args in roles.items():
            argv = [str(xk_binary()), role, "--config", CONFIG] + [str(a) for a in args] + [
                "--metrics", "127.0.0.1:%d" % port]
            try:
                res = subprocess.run(argv, cwd=str(REPO_ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     timeout=20, encoding="utf-8")
            except subprocess.TimeoutExpired:
                raise AssertionError("xk %s still running 20 s after its metrics port turned out taken" % role)
            assert res.returncode != 0, role
            assert "metrics listener on 127.0.0.1:%d" % port in res.stderr and "give --metrics another" in res.stderr, \
                (role, res.stderr[-800:])
    finally:
        taken.close()


def test_one_worker_process_for_several_wards_serves_one_metrics_page_with_each_ward(dispatcher, tmp_path):
    """Communes sharing a server run `xk worker --ward A,B`: one /metrics for the process, each ward's cases under
    its own label; a team page (one ward's, on its own address) is refused there rather than silently not served."""
    d = dispatcher("--data", str(tmp_path / "d"))
    wards = [RESOLVING, WAITING]
    argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", ",".join(wards), "--dispatcher", d.endpoint,
            "--data", str(tmp_path / "w"), "--control", "ipc://%s/w" % tmp_path, "--simulate",
            "--simulate-step-seconds", "0.02", "--simulate-outcomes", "GUIDED_ONLY=1", "--metrics", "127.0.0.1:0"]
    w = ManagedProcess("xk worker " + ",".join(wards), argv, cwd=str(REPO_ROOT))
    try:
        url = metrics_url(w)
        ctx = zmq.Context.instance()
        ids = {ward: [submit(ctx, d.endpoint, ward, n) for n in range(3)] for ward in wards}
        wait_all_resolved(lambda i: call(ctx, d.endpoint, b"xk.status", i.encode()), ids[RESOLVING] + ids[WAITING])
        samples = wait_until(lambda: (lambda s: s if all(value(s, "xk_ward_cases", ward=ward, state="RESOLVED") == 3
                                                         for ward in wards) else None)(scrape(url)),
                             15, "each ward's resolved cases on the one page")
        assert value(samples, "xk_ward_cases", ward=RESOLVING, state="RESOLVED") == 3
    finally:
        w.signal(signal.SIGTERM)
        assert w.wait(15) == 0, w.output()
    res = run_xk("worker", "--config", CONFIG, "--ward", ",".join(wards), "--dispatcher", d.endpoint,
                 "--data", str(tmp_path / "w2"), "--http", "127.0.0.1:0", check=False, timeout=30)
    assert res.returncode != 0 and "give one --ward with it" in res.stderr, res.stdout + res.stderr
