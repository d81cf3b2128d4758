"""Durable dispatch under SIGKILL: many requests submitted concurrently while the dispatcher is killed at
random moments and restarted on the same journal.

Afterwards: every id handed out is in the journal, every request is resolved exactly once (one
"resolved" event), and the ward worker never saw a request whose id no client was given.
"""

import json
import random
import signal
import tempfile
import threading
import time

import zmq

from mdp_peers import MDPC02, MDPW02

SERVICE = b"ward.00286"


def body(key):
    return json.dumps({
        "ward": "00286", "procedure": "1.001193", "helpType": "submit_dossier", "channel": "walk_in",
        "priority": {"elderly": True}, "citizen": {"ageBand": "70_79"}, "idempotencyKey": key,
    }).encode()


def call(ctx, endpoint, service, payload, timeout=2.0, attempts=60):
    """RFC 18 request with Lazy Pirate retries (fresh socket each time); returns the JSON answer."""
    for _ in range(attempts):
        sock = ctx.socket(zmq.DEALER)
        sock.setsockopt(zmq.LINGER, 0)
        sock.connect(endpoint)
        try:
            sock.send_multipart([MDPC02, b"\x01", service, payload])
            if sock.poll(int(timeout * 1000)):
                frames = sock.recv_multipart()
                assert frames[0] == MDPC02 and frames[1] == b"\x03", frames
                return json.loads(frames[-1])
        finally:
            sock.close()
    raise AssertionError("no answer from %s for %r after %d attempts" % (endpoint, service, attempts))


class ReconnectingWorker(threading.Thread):
    """An RFC 18 ward worker that re-registers whenever the dispatcher goes away, and records every
    request id it is given."""

    def __init__(self, endpoint):
        threading.Thread.__init__(self, daemon=True)
        self.endpoint = endpoint
        self.seen = []
        self.stopping = threading.Event()

    def run(self):
        ctx = zmq.Context.instance()
        while not self.stopping.is_set():
            sock = ctx.socket(zmq.DEALER)
            sock.setsockopt(zmq.LINGER, 0)
            sock.connect(self.endpoint)
            sock.send_multipart([MDPW02, b"\x01", SERVICE, b"4"])
            last_heard, last_sent = time.time(), time.time()
            while not self.stopping.is_set():
                if sock.poll(100):
                    frames = sock.recv_multipart()
                    last_heard = time.time()
                    if frames[1] == b"\x06":
                        break  # DISCONNECT: register again
                    if frames[1] == b"\x02":
                        delivery = json.loads(frames[-1])
                        self.seen.append(delivery["id"])
                        time.sleep(random.uniform(0, 0.02))
                        sock.send_multipart([MDPW02, b"\x04", frames[2], b"",
                                             json.dumps({"outcome": "GUIDED_ONLY"}).encode()])
                        last_sent = time.time()
                if time.time() - last_sent > 0.2:
                    sock.send_multipart([MDPW02, b"\x05"])
                    last_sent = time.time()
                if time.time() - last_heard > 1.5:
                    break  # dispatcher silent: it died; reconnect
            sock.close()


def test_requests_survive_sigkill_and_resolve_exactly_once(dispatcher):
    data = tempfile.mkdtemp(prefix="xk-crash-")
    args = ("--data", data, "--heartbeat-interval", "0.25")
    d = dispatcher(*args)
    endpoint, port = d.endpoint, d.port
    worker = ReconnectingWorker(endpoint)
    worker.start()

    ids, lock = {}, threading.Lock()
    ctx = zmq.Context.instance()

    def submitter(n, count):
        for i in range(count):
            key = "crash-%d-%d" % (n, i)
            answer = call(ctx, endpoint, b"xk.submit", body(key))
            assert "id" in answer, answer
            with lock:
                assert ids.setdefault(key, answer["id"]) == answer["id"], "one key, two ids: %r" % key
    threads = [threading.Thread(target=submitter, args=(n, 40), daemon=True) for n in range(6)]
    for t in threads:
        t.start()

    rng = random.Random()
    current = d
    for _ in range(4):
        time.sleep(rng.uniform(0.3, 1.2))
        current.signal(signal.SIGKILL)
        current.wait(10)
        current = dispatcher(*args, port=port)
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "submitters did not finish"
    assert len(ids) == 6 * 40
    assert len(set(ids.values())) == len(ids), "two keys got the same id"

    deadline = time.time() + 60
    pending = set(ids.values())
    while pending and time.time() < deadline:
        for request_id in list(pending):
            status = call(ctx, endpoint, b"xk.status", request_id.encode())
            assert "error" not in status, "an id was handed out for a request not in the journal: %r" % status
            if status["state"] == "RESOLVED":
                resolved = [e for e in status["history"] if e["kind"] == "resolved"]
                assert len(resolved) == 1, "resolved %d times: %r" % (len(resolved), status)
                assert status["outcome"] == "GUIDED_ONLY"
                pending.discard(request_id)
        time.sleep(0.2)
    assert not pending, "%d requests never resolved, e.g. %r" % (len(pending), sorted(pending)[:5])
    unknown = set(worker.seen) - set(ids.values())
    assert not unknown, "the worker got requests whose id no client was given: %r" % sorted(unknown)[:5]
    worker.stopping.set()
