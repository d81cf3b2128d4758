"""Leases in durable dispatch: a ward worker that stops answering loses its delivery to another worker,
and its late FINAL is recorded nowhere twice."""

import json
import os
import signal
import sys
import time

from conftest import HERE, ManagedProcess
from test_crash import call

import zmq


def test_frozen_worker_loses_its_lease_and_its_late_final_is_ignored(dispatcher, tmp_path):
    d = dispatcher("--data", str(tmp_path), "--heartbeat-interval", "0.25")
    script = str(HERE / "ward_worker_proc.py")
    slow = ManagedProcess("ward worker A (slow, frozen)", [sys.executable, "-u", script, "--endpoint", d.endpoint,
                                                           "--ward", "00286", "--outcome", "FAILED", "--delay", "2"])
    fast = None
    try:
        assert slow.wait_for_line("READY", timeout=10)
        ctx = zmq.Context.instance()
        body = json.dumps({"ward": "00286", "procedure": "1.001193", "helpType": "vneid_recovery",
                           "channel": "hotline", "priority": {"elderly": True}}).encode()
        request_id = call(ctx, d.endpoint, b"xk.submit", body)["id"]
        assert slow.wait_for_line("GOT %s 1" % request_id, timeout=10), slow.output()
        os.kill(slow.pid, signal.SIGSTOP)  # holds the delivery, stops heartbeating

        fast = ManagedProcess("ward worker B", [sys.executable, "-u", script, "--endpoint", d.endpoint,
                                                "--ward", "00286", "--outcome", "SUBMITTED_FULL_ONLINE"])
        assert fast.wait_for_line("GOT %s 2" % request_id, timeout=15), fast.output() + d.output()
        assert fast.wait_for_line("DONE %s" % request_id, timeout=10)

        os.kill(slow.pid, signal.SIGCONT)  # wakes up and answers, far too late
        assert slow.wait_for_line("DONE %s" % request_id, timeout=10), slow.output()
        time.sleep(0.5)

        status = call(ctx, d.endpoint, b"xk.status", request_id.encode())
        assert status["state"] == "RESOLVED" and status["outcome"] == "SUBMITTED_FULL_ONLINE", status
        kinds = [e["kind"] for e in status["history"]]
        assert kinds.count("resolved") == 1, kinds
        assert "redelivery" in kinds and status["attempts"] == 2, status
        d.check_alive()
    finally:
        for p in (slow, fast):
            if p is not None:
                try:
                    os.kill(p.pid, signal.SIGCONT)
                except OSError:
                    pass
                p.kill()


def test_ward_without_worker_overflows_to_a_neighbour(dispatcher, tmp_path):
    """Bạch Mai (00286) has no worker; after --overflow-after-no-worker its request goes to a worker of a
    configured neighbour (Bách Khoa, 00277), and the overflow is journaled."""
    from test_durable_cli import WardWorker

    d = dispatcher("--data", str(tmp_path), "--overflow-after-no-worker", "0.5", "--heartbeat-interval", "0.25")
    ctx = zmq.Context.instance()
    body = json.dumps({"ward": "00286", "procedure": "1.004222", "helpType": "submit_dossier",
                       "channel": "door_to_door"}).encode()
    request_id = call(ctx, d.endpoint, b"xk.submit", body)["id"]
    stranger = WardWorker(d.endpoint, ward="00241")  # Nguyễn Du: not a neighbour of Bạch Mai
    neighbour = WardWorker(d.endpoint, ward="00277")
    stranger.start()
    neighbour.start()
    try:
        deadline = time.time() + 10
        status = {}
        while time.time() < deadline:
            status = call(ctx, d.endpoint, b"xk.status", request_id.encode())
            if status["state"] == "RESOLVED":
                break
            time.sleep(0.1)
        assert status.get("state") == "RESOLVED", status
        overflow = [e for e in status["history"] if e["kind"] == "overflow"]
        assert len(overflow) == 1 and overflow[0]["detail"]["to"] == "00277", status["history"]
        assert [x["id"] for x in neighbour.deliveries] == [request_id]
        assert not stranger.deliveries, "a ward that is not a neighbour got the request"
        assert status["ward"] == "00286", "the request still belongs to its own ward"
    finally:
        stranger.stopping.set()
        neighbour.stopping.set()


def test_accepted_event_carries_what_statistics_group_by_and_nothing_personal(dispatcher, tmp_path):
    d = dispatcher("--data", str(tmp_path))
    ctx = zmq.Context.instance()
    body = json.dumps({"ward": "00289", "procedure": "1.001193", "helpType": "vneid_recovery", "channel": "zalo",
                       "citizen": {"shortName": "Cụ Hòa", "phone": "0912345678", "ageBand": "80_plus"},
                       "consent": {"given": True, "textVersion": "v1"}}).encode()
    request_id = call(ctx, d.endpoint, b"xk.submit", body)["id"]
    replay = call(ctx, d.endpoint, b"xk.events", json.dumps({"after": 0}).encode())
    accepted = [e for e in replay["events"] if e["requestId"] == request_id and e["kind"] == "accepted"]
    assert len(accepted) == 1, replay
    detail = accepted[0]["detail"]
    assert detail["channel"] == "zalo" and detail["ageBand"] == "80_plus" and detail["helpType"] == "vneid_recovery"
    assert detail["field"] == "G15-TP07" and accepted[0]["ward"] == "00289"
    text = json.dumps(replay, ensure_ascii=False)
    assert "Hòa" not in text and "0912345678" not in text and "345678" not in text


def test_a_ward_whose_oldest_request_waits_too_long_overflows_even_with_a_worker(dispatcher, tmp_path):
    """Bạch Mai's only worker (one request at a time) is busy for seconds; the next request waits past
    --overflow-age and goes to a neighbour's worker (the oldest-waiting clock), while the first stays with
    Bạch Mai. The neighbour is a worker of the previous release's shapes (FINAL {"outcome": …} only)."""
    d = dispatcher("--data", str(tmp_path), "--overflow-age", "0.5", "--overflow-after-no-worker", "3600",
                   "--heartbeat-interval", "0.25")
    script = str(HERE / "ward_worker_proc.py")
    own = ManagedProcess("ward 00286 worker", [sys.executable, "-u", script, "--endpoint", d.endpoint, "--ward", "00286",
                                               "--outcome", "GUIDED_ONLY", "--delay", "4"], cwd=str(HERE))
    neighbour = ManagedProcess("ward 00298 worker", [sys.executable, "-u", script, "--endpoint", d.endpoint,
                                                     "--ward", "00298", "--outcome", "VNEID_ONLY"], cwd=str(HERE))
    try:
        own.expect_line("READY")
        neighbour.expect_line("READY")
        time.sleep(0.5)  # both registered before the requests arrive
        ctx = zmq.Context.instance()
        ids = []
        for _ in range(2):
            body = json.dumps({"ward": "00286", "procedure": "1.004222", "helpType": "submit_dossier",
                               "channel": "walk_in"}).encode()
            ids.append(call(ctx, d.endpoint, b"xk.submit", body)["id"])
        first, second = ids
        assert own.wait_for_line("GOT %s" % first, timeout=5) is not None, own.tail()
        assert neighbour.wait_for_line("GOT %s" % second, timeout=10) is not None, neighbour.tail()
        deadline = time.time() + 15
        states = {}
        while time.time() < deadline:
            states = {i: call(ctx, d.endpoint, b"xk.status", i.encode()) for i in ids}
            if all(s["state"] == "RESOLVED" for s in states.values()):
                break
            time.sleep(0.2)
        assert states[first]["outcome"] == "GUIDED_ONLY" and states[second]["outcome"] == "VNEID_ONLY", states
        assert not [e for e in states[first]["history"] if e["kind"] == "overflow"]
        overflow = [e for e in states[second]["history"] if e["kind"] == "overflow"]
        assert len(overflow) == 1 and overflow[0]["detail"]["to"] == "00298", states[second]["history"]
    finally:
        for p in (own, neighbour):
            p.kill()
            p.finish()
