"""The issue's acceptance fault test for the coordinator.

In ONE simulated run (two wards of Hai Bà Trưng, simulated teams): every event reaches the coordinator twice,
older batches come again later and a few events are lost on the way (a relay between the dispatcher's PUB and
the coordinator, so the coordinator must fetch them with `xk.events`); the coordinator
is SIGKILLed while requests keep flowing and is restarted ("stopped for an hour", compressed); the dispatcher
is restarted on the same journal, once with SIGTERM and once with SIGKILL, while requests are being submitted.

Afterwards the coordinator's figures per ward, per outcome and per (ward, outcome) equal what the dispatcher
says of each request, `xk stats verify` finds no difference, and a coordinator started fresh on an empty store
(one that never stopped, so to speak) ends with identical rows.

Per (ward, outcome): there is no grouping by both, so each ward's simulated teams reach only three outcomes
whose counts its `--by ward` row determines (full-process, failed and the rest; partial, failed and the rest).
"""

import collections
import json
import queue
import signal
import threading
import time

import zmq

from conftest import ManagedProcess, REPO_ROOT, as_exported, free_port, run_xk, xk_binary
from test_crash import call

CONFIG = str(REPO_ROOT / "config" / "hai-ba-trung.yaml")
# ward → the outcome mix its simulated teams play (three outcomes each, see the module's docstring).
MIXES = {
    "00286": "SUBMITTED_FULL_ONLINE=40,FAILED=30,VNEID_ONLY=30",
    "00289": "SUBMITTED_PARTIAL_ONLINE=40,FAILED=30,GUIDED_ONLY=30",
}
WARDS = sorted(MIXES)
NOT_RESOLVED = {"CANCELLED", "DUPLICATE", "OUT_OF_SCOPE"}  # StatsRow's definition of "resolved"
FIELDS = ("received", "resolved", "open", "onlineSubmissions", "fullProcess", "failed")


class DuplicatingRelay(threading.Thread):
    """Between the dispatcher's events PUB and the coordinator: forwards every multipart message twice, every
    20th message also re-sends an older batch (10 messages from 20–30 back), and on `resend_all()` sends the
    whole history once more. While `dropping` is set it loses every `drop_every`th message (as PUB does for a
    slow or disconnected subscriber): never forwarded, never re-sent. Counts what it did, so the test can show
    the duplicates and losses really happened."""

    def __init__(self, upstream, drop_every=0):
        threading.Thread.__init__(self, daemon=True)
        self.upstream = upstream
        self.endpoint = None
        self.ready = threading.Event()
        self.stopping = threading.Event()
        self.commands = queue.Queue()
        self.lock = threading.Lock()
        self.received = 0      # messages from the dispatcher
        self.sent = 0          # messages to the coordinator(s)
        self.late = 0          # of those, re-sent later out of order
        self.seqs = collections.Counter()  # sequence number → times sent downstream
        self.history = []
        self.error = None
        self.drop_every = drop_every
        self.dropping = threading.Event()
        self.dropped = []      # sequence numbers lost on purpose

    def run(self):
        ctx = zmq.Context.instance()
        sub = ctx.socket(zmq.SUB)
        pub = ctx.socket(zmq.PUB)
        try:
            for s in (sub, pub):
                s.setsockopt(zmq.LINGER, 0)
            sub.setsockopt(zmq.RCVHWM, 0)
            pub.setsockopt(zmq.SNDHWM, 0)
            sub.setsockopt(zmq.SUBSCRIBE, b"")
            sub.connect(self.upstream)
            for _ in range(5):
                port = free_port()
                try:
                    pub.bind("tcp://127.0.0.1:%d" % port)
                except zmq.ZMQError:
                    continue
                self.endpoint = "tcp://127.0.0.1:%d" % port
                break
            self.ready.set()
            while not self.stopping.is_set():
                if sub.poll(50):
                    while True:
                        try:
                            frames = sub.recv_multipart(zmq.NOBLOCK)
                        except zmq.Again:
                            break
                        self._forward(pub, frames)
                while True:
                    try:
                        command = self.commands.get_nowait()
                    except queue.Empty:
                        break
                    with self.lock:
                        batch = list(self.history)
                    for frames in batch:
                        self._send(pub, frames, late=True)
                    command.set()
        except Exception as e:  # reported by the test, not lost in a thread
            self.error = e
            self.ready.set()
        finally:
            sub.close()
            pub.close()

    def _send(self, pub, frames, late=False):
        pub.send_multipart(frames)
        seq = json.loads(frames[1])["seq"]
        with self.lock:
            self.sent += 1
            self.late += 1 if late else 0
            self.seqs[seq] += 1

    def _forward(self, pub, frames):
        assert len(frames) == 2 and frames[0] == b"event", frames  # the dispatcher's framing: topic, JSON
        with self.lock:
            self.received += 1
            n = self.received
            if self.dropping.is_set() and self.drop_every and n % self.drop_every == 0:
                self.dropped.append(json.loads(frames[1])["seq"])
                return
            self.history.append(frames)
            older = self.history[-30:-20] if n % 20 == 0 and n >= 30 else []
        self._send(pub, frames)
        self._send(pub, frames)
        for old in older:
            self._send(pub, old, late=True)

    def resend_all(self, timeout=10):
        done = threading.Event()
        self.commands.put(done)
        assert done.wait(timeout), "the relay did not re-send its history"

    def counts(self):
        with self.lock:
            return self.received, self.sent, self.late, collections.Counter(self.seqs), list(self.dropped)


def xk(*args, check=True):
    return run_xk(*args, check=check)


def query(ctx, endpoint, by):
    """The coordinator's rows, as it answers them (nothing suppressed), keyed by group."""
    sock = ctx.socket(zmq.REQ)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(endpoint)
    try:
        sock.send(json.dumps({"by": by}).encode())
        assert sock.poll(10000), "the coordinator on %s did not answer" % endpoint
        answer = json.loads(sock.recv())
    finally:
        sock.close()
    assert "rows" in answer, answer
    # A group of requests without the value (open ones, by outcome) has no "key": it is the None row. Ward rows key
    # on the unit (CODE@first day); this test's wards are of one period, so by their code.
    return {(row.get("key") or "").split("@")[0] if by == "ward" else row.get("key"): row for row in answer["rows"]}


def counts_of(rows):
    return {key: {f: row.get(f, 0) for f in FIELDS} for key, row in rows.items()}


def expected(outcomes, key):
    """Per-group counts of FIELDS from the dispatcher's per-request (ward, outcome), grouped by `key`."""
    want = {}
    for ward, outcome in outcomes.values():
        group = want.setdefault(key(ward, outcome), dict.fromkeys(FIELDS, 0))
        group["received"] += 1
        group["resolved"] += 0 if outcome in NOT_RESOLVED else 1
        group["onlineSubmissions"] += outcome in ("SUBMITTED_FULL_ONLINE", "SUBMITTED_PARTIAL_ONLINE")
        group["fullProcess"] += outcome == "SUBMITTED_FULL_ONLINE"
        group["failed"] += outcome == "FAILED"
    return want


def cells_from_ward_rows(rows):
    """(ward, outcome) → count, read off the coordinator's `--by ward` rows for this test's outcome mixes."""
    a, b = rows.get("00286"), rows.get("00289")
    cells = {}
    if a:
        cells[("00286", "SUBMITTED_FULL_ONLINE")] = a["fullProcess"]
        cells[("00286", "FAILED")] = a["failed"]
        cells[("00286", "VNEID_ONLY")] = a["resolved"] - a["fullProcess"] - a["failed"]
    if b:
        cells[("00289", "SUBMITTED_PARTIAL_ONLINE")] = b["onlineSubmissions"] - b["fullProcess"]
        cells[("00289", "FAILED")] = b["failed"]
        cells[("00289", "GUIDED_ONLY")] = b["resolved"] - b["onlineSubmissions"] - b["failed"]
    return {cell: n for cell, n in cells.items() if n}


class Run(object):
    """The processes of one run; everything started is stopped at the end."""

    def __init__(self, dispatcher_factory, tmp_path):
        self.dispatcher_factory = dispatcher_factory
        self.tmp_path = tmp_path
        self.events_ep = "tcp://127.0.0.1:%d" % free_port()
        self.dispatcher_args = ("--data", str(tmp_path / "dispatcher"), "--events", self.events_ep,
                                "--heartbeat-interval", "0.25")
        self.d = dispatcher_factory(*self.dispatcher_args)
        self.ctx = zmq.Context.instance()
        self.processes = []
        self.ids = {}  # idempotency key → request id
        self.lock = threading.Lock()

    def start(self, name, argv, ready):
        p = ManagedProcess(name, argv, cwd=str(REPO_ROOT))
        self.processes.append(p)
        assert p.wait_for_line(ready, key="stderr", timeout=30), p.output()
        return p

    def worker(self, ward):
        argv = [xk_binary(), "worker", "--config", CONFIG, "--ward", ward, "--dispatcher", self.d.endpoint,
                "--data", self.tmp_path / ("w" + ward), "--control", "ipc://%s/%s.ipc" % (self.tmp_path, ward),
                "--simulate", "--simulate-step-seconds", "0.05", "--simulate-outcomes", MIXES[ward]]
        return self.start("xk worker " + ward, argv, "worker connected")

    def coordinator(self, name, events_ep, store, endpoint):
        argv = [xk_binary(), "coordinator", "--config", CONFIG, "--dispatcher", self.d.endpoint, "--events", events_ep,
                "--store", "sqlite:" + str(store), "--endpoint", endpoint]
        return self.start(name, argv, "coordinator starting")

    def submit(self, n):
        key = "coordinator-faults-%d" % n
        body = json.dumps({"ward": WARDS[n % 2], "procedure": "1.001193", "helpType": "submit_dossier",
                           "channel": "walk_in", "idempotencyKey": key}).encode()
        answer = call(self.ctx, self.d.endpoint, b"xk.submit", body)
        assert "id" in answer, answer
        with self.lock:
            assert self.ids.setdefault(key, answer["id"]) == answer["id"], "one key, two ids: %r" % key

    def restart_dispatcher_while_submitting(self, sig, numbers, pause=0.05):
        """Submits `numbers` from a thread and, a few requests in, stops the dispatcher with `sig` and starts
        it again on its journal and port; the thread's submissions retry until the new one answers.
        Returns how many of `numbers` were submitted before the signal."""
        before = len(self.ids)
        failure = []

        def submit_all():
            try:
                for n in numbers:
                    self.submit(n)
                    time.sleep(pause)
            except BaseException as e:
                failure.append(e)
        t = threading.Thread(target=submit_all, daemon=True)
        t.start()
        deadline = time.time() + 20
        while len(self.ids) - before < 4 and t.is_alive() and time.time() < deadline:
            time.sleep(0.01)
        done_at_signal = len(self.ids) - before
        self.restart_dispatcher(sig)
        t.join(60)
        assert not t.is_alive() and not failure, "submissions across the restart failed: %r" % failure
        assert len(self.ids) - before == len(numbers)
        return done_at_signal

    def restart_dispatcher(self, sig):
        port = self.d.port
        self.d.signal(sig)
        rc = self.d.wait(15)
        assert rc is not None, "the dispatcher did not exit on %s" % sig
        if sig == signal.SIGTERM:
            assert rc == 0, "the dispatcher exited with %r on SIGTERM" % rc
        self.d = self.dispatcher_factory(*self.dispatcher_args, port=port)

    def resolved_outcomes(self, timeout):
        """Waits until every submitted request is resolved at the dispatcher: id → (ward, outcome)."""
        deadline = time.time() + timeout
        pending = set(self.ids.values())
        outcomes = {}
        while pending and time.time() < deadline:
            for request_id in sorted(pending):
                status = call(self.ctx, self.d.endpoint, b"xk.status", request_id.encode())
                assert "error" not in status, status
                if status["state"] == "RESOLVED":
                    resolved = [e for e in status["history"] if e["kind"] == "resolved"]
                    assert len(resolved) == 1, "resolved %d times: %r" % (len(resolved), status["history"])
                    outcomes[request_id] = (status["ward"], status["outcome"])
                    pending.discard(request_id)
            if pending:
                time.sleep(0.3)
        assert not pending, "%d requests never resolved, e.g. %r" % (len(pending), sorted(pending)[:5])
        return outcomes

    def stop(self):
        for p in self.processes:
            p.signal(signal.SIGTERM)
        for p in self.processes:
            p.wait(10)
            p.kill()
            p.finish()


def wait_for_rows(ctx, endpoint, want_wards, want_outcomes, timeout=30):
    """Polls the coordinator until its counts by ward and by outcome equal the expected ones; returns the last
    rows seen (by ward, by outcome) either way."""
    deadline = time.time() + timeout
    while True:
        by_ward, by_outcome = query(ctx, endpoint, "ward"), query(ctx, endpoint, "outcome")
        if (counts_of(by_ward) == want_wards and counts_of(by_outcome) == want_outcomes) or time.time() > deadline:
            return by_ward, by_outcome
        time.sleep(0.25)


def test_duplicates_coordinator_kill_and_dispatcher_restarts_end_with_the_journals_numbers(dispatcher, tmp_path):
    run = Run(dispatcher, tmp_path)
    relay = DuplicatingRelay(run.events_ep, drop_every=37)
    relay.dropping.set()
    relay.start()
    try:
        assert relay.ready.wait(10) and relay.endpoint, "relay did not start: %r" % relay.error
        for ward in WARDS:
            run.worker(ward)
        stats_ep = "tcp://127.0.0.1:%d" % free_port()
        store = tmp_path / "stats.sqlite"
        coordinator = run.coordinator("xk coordinator (first life)", relay.endpoint, store, stats_ep)

        # 1. Requests flow, every event delivered twice.
        for n in range(16):
            run.submit(n)
        time.sleep(1.0)

        # 2. The coordinator is SIGKILLed; requests keep flowing (and resolving) while it is down.
        coordinator.signal(signal.SIGKILL)
        assert coordinator.wait(10) is not None
        relayed_before = relay.counts()[0]
        down_since = len(run.ids)
        for n in range(16, 32):
            run.submit(n)
        time.sleep(1.5)
        submitted_while_down = len(run.ids) - down_since
        events_while_down = relay.counts()[0] - relayed_before
        assert submitted_while_down == 16
        assert events_while_down >= 2 * submitted_while_down, \
            "too few events flowed while the coordinator was down: %d" % events_while_down
        coordinator = run.coordinator("xk coordinator (second life)", relay.endpoint, store, stats_ep)

        # 3. The dispatcher is stopped (SIGTERM) and restarted on its journal while requests are submitted.
        done = run.restart_dispatcher_while_submitting(signal.SIGTERM, range(32, 48))
        assert 4 <= done < 16, "SIGTERM did not fall among the submissions (%d of 16 before it)" % done
        for n in range(48, 56):
            run.submit(n)
        time.sleep(0.5)

        # 4. The dispatcher is SIGKILLed and restarted while requests are submitted.
        done = run.restart_dispatcher_while_submitting(signal.SIGKILL, range(56, 72))
        assert 4 <= done < 16, "SIGKILL did not fall among the submissions (%d of 16 before it)" % done
        for n in range(72, 80):
            run.submit(n)
        relay.dropping.clear()  # lost events are noticed when a later one arrives: from here on, none is lost
        assert len(run.ids) == 80 and len(set(run.ids.values())) == 80

        # 5. Everything resolves; the coordinator catches up.
        outcomes = run.resolved_outcomes(timeout=45)
        assert relay.error is None, relay.error
        want_wards = expected(outcomes, lambda ward, outcome: ward)
        want_outcomes = expected(outcomes, lambda ward, outcome: outcome)
        want_cells = collections.Counter(outcomes.values())
        for (ward, outcome) in want_cells:
            assert outcome in MIXES[ward], "ward %s's teams reached %s, not in their mix" % (ward, outcome)
        by_ward, by_outcome = wait_for_rows(run.ctx, stats_ep, want_wards, want_outcomes)
        assert counts_of(by_ward) == want_wards
        assert counts_of(by_outcome) == want_outcomes
        assert cells_from_ward_rows(by_ward) == dict(want_cells)

        # The relay really duplicated: every event forwarded twice, older batches again later.
        received, sent, late, seqs, dropped = relay.counts()
        assert received >= 5 * 80, "fewer events than 80 requests make: %d" % received
        assert sent == 2 * (received - len(dropped)) + late and late > 0, (received, sent, late, len(dropped))
        assert min(seqs.values()) >= 2
        assert dropped and not set(dropped) & set(seqs), "the relay lost nothing, or re-sent what it lost"

        # Late duplicates of the whole run change nothing.
        relay.resend_all()
        time.sleep(1.0)
        assert counts_of(query(run.ctx, stats_ep, "ward")) == want_wards
        assert counts_of(query(run.ctx, stats_ep, "outcome")) == want_outcomes

        # What `xk stats` exports: groups of 5 or more exactly (counts of 1–4 citizens suppressed as None),
        # smaller groups suppressed whole.
        def exported_counts(counts):
            return {f: as_exported(n) for f, n in counts.items()}

        exported = json.loads(xk("stats", "--coordinator", stats_ep, "--by", "ward", "--format", "json").stdout)
        assert {r["key"].split("@")[0]: {f: r[f] for f in FIELDS} for r in exported["rows"]} == {
            k: exported_counts(v) for k, v in want_wards.items()}
        exported = json.loads(xk("stats", "--coordinator", stats_ep, "--by", "outcome", "--format", "json").stdout)
        for r in exported["rows"]:
            if want_outcomes[r["key"]]["received"] >= 5:
                assert {f: r[f] for f in FIELDS} == exported_counts(want_outcomes[r["key"]]), r
            else:
                assert r.get("suppressed") and "received" not in r, r
        assert sorted(r["key"] for r in exported["rows"]) == sorted(want_outcomes)

        # The journals' recount agrees, and it recounted every event of the journal.
        verify = xk("stats", "verify", "--coordinator", stats_ep, "--config", CONFIG, "--dispatcher", run.d.endpoint,
                    check=False)
        assert verify.returncode == 0 and "no difference" in verify.stdout, verify.stdout + verify.stderr
        last = call(run.ctx, run.d.endpoint, b"xk.events", json.dumps({"after": 1 << 40}).encode())["last"]
        recounted = int(verify.stdout.split("007: ")[1].split(" events")[0])
        assert recounted == last, "the journal's events are numbered 1…%d, verify recounted %d" % (last, recounted)
        assert len(seqs) + len(dropped) <= last
        print("relay: %d events in, %d lost, %d out (%d late); %d requests, %d while the coordinator was down (%d events); "
              "journal events %d" % (received, len(dropped), sent, late, len(run.ids), submitted_while_down, events_while_down, last))

        # A coordinator that never stopped: started now on an empty store, it replays from 0.
        fresh_ep = "tcp://127.0.0.1:%d" % free_port()
        run.coordinator("xk coordinator (fresh)", relay.endpoint, tmp_path / "fresh.sqlite", fresh_ep)
        fresh_ward, fresh_outcome = wait_for_rows(run.ctx, fresh_ep, want_wards, want_outcomes)
        assert fresh_ward == query(run.ctx, stats_ep, "ward")
        assert fresh_outcome == query(run.ctx, stats_ep, "outcome")
    finally:
        relay.stopping.set()
        run.stop()
        relay.join(5)
    assert relay.error is None, relay.error


def test_events_lost_at_the_end_of_a_burst_are_fetched_without_waiting_for_a_later_event(dispatcher, tmp_path):
    """PUB loses what it sends while a subscriber is away (a network blip, a dispatcher restart before the
    subscriber reconnects). A gap shows only when a later event arrives; when the lost events are the last ones
    for a while, the coordinator must still fetch them (zguide Clone: the subscriber does not wait for traffic
    to learn it is behind)."""
    run = Run(dispatcher, tmp_path)
    relay = DuplicatingRelay(run.events_ep, drop_every=1)
    relay.start()
    try:
        assert relay.ready.wait(10) and relay.endpoint, "relay did not start: %r" % relay.error
        stats_ep = "tcp://127.0.0.1:%d" % free_port()
        run.coordinator("xk coordinator", relay.endpoint, tmp_path / "stats.sqlite", stats_ep)

        def received():
            return sum(row["received"] for row in query(run.ctx, stats_ep, "ward").values())

        for n in range(6):
            run.submit(n)
        deadline = time.time() + 10
        while received() < 6 and time.time() < deadline:
            time.sleep(0.1)
        assert received() == 6

        relay.dropping.set()  # from here on every event is lost on the way: nothing later reveals the gap
        for n in range(6, 11):
            run.submit(n)
        deadline = time.time() + 15
        while received() < 11 and time.time() < deadline:
            time.sleep(0.2)
        dropped = relay.counts()[4]
        assert len(dropped) >= 5, "the relay lost only %r" % dropped
        assert received() == 11, "the coordinator never fetched the %d events lost at the end" % len(dropped)
        verify = xk("stats", "verify", "--coordinator", stats_ep, "--config", CONFIG, "--dispatcher", run.d.endpoint,
                    check=False)
        assert verify.returncode == 0 and "no difference" in verify.stdout, verify.stdout + verify.stderr
    finally:
        relay.stopping.set()
        run.stop()
        relay.join(5)
    assert relay.error is None, relay.error
