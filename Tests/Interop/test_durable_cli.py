"""Durable dispatch through its public faces: `xk.submit` / `xk.status` / `xk.admin` over Majordomo and the
`xk enqueue`, `xk status`, `xk requeue`, `xk cancel` and `xk attention` commands (issue 3,
docs/help-request.md).

Black-box: each test starts `xk dispatcher ... --data DIR`, talks to it only through ZeroMQ and the CLI,
and reads DIR/journal.sqlite with Python's sqlite3 where the journal's contents are the point.
"""

import json
import signal
import sqlite3
import subprocess
import threading
import time

import majortomo
import zmq

from conftest import REPO_ROOT, xk_binary
from mdp_peers import MDPW02, PeerTimeout, wait_for_mmi

WARD = "00286"  # Phường Bạch Mai
SERVICE = ("ward." + WARD).encode()

W_READY, W_REQUEST, W_PARTIAL, W_FINAL, W_HEARTBEAT, W_DISCONNECT = (bytes([i]) for i in range(1, 7))

PHONE = "0912 345 678"
PHONE_FORMS = ("0912345678", "912345678", "0912 345 678", "+84912345678")
NAME = "Bà Lan"


# ------------------------------------------------------------------------------------------------ helpers


def xk(*args, **kw):
    """Runs the xk CLI; returns the CompletedProcess (text mode)."""
    timeout = kw.get("timeout", 60)
    argv = [str(xk_binary())] + [str(a) for a in args]
    try:
        return subprocess.run(argv, cwd=str(REPO_ROOT), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout, encoding="utf-8", errors="replace")
    except subprocess.TimeoutExpired as exc:
        raise AssertionError("`xk %s` still running after %d s (stdout %r, stderr %r)"
                             % (" ".join(argv[1:]), timeout, exc.stdout, exc.stderr))


def xk_ok(*args, **kw):
    res = xk(*args, **kw)
    assert res.returncode == 0, "`xk %s` exited %d\nstdout: %s\nstderr: %s" % (
        " ".join(str(a) for a in args), res.returncode, res.stdout, res.stderr)
    return res


def xk_json(*args, **kw):
    res = xk_ok(*(list(args) + ["--json"]), **kw)
    try:
        return json.loads(res.stdout)
    except ValueError:
        raise AssertionError("`xk %s --json` printed no JSON: %r (stderr %r)"
                             % (" ".join(str(a) for a in args), res.stdout, res.stderr))


def enqueue(endpoint, *flags, **kw):
    """`xk enqueue --json` for ward 00286 unless --ward is among the flags; returns the request id."""
    args = ["enqueue", "--dispatcher", endpoint]
    if "--ward" not in flags:
        args += ["--ward", WARD]
    if "--procedure" not in flags:
        args += ["--procedure", "1.001193"]
    answer = xk_json(*(args + list(flags)), **kw)
    assert isinstance(answer.get("id"), str) and answer["id"], "enqueue --json printed %r" % (answer,)
    return answer


def status(endpoint, request_id):
    return xk_json("status", request_id, "--dispatcher", endpoint)


def wait_status(endpoint, request_id, predicate, what, timeout=15.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = status(endpoint, request_id)
        if predicate(last):
            return last
        time.sleep(0.1)
    raise AssertionError("status of %s: %s not seen within %.0f s; last status %s"
                         % (request_id, what, timeout, json.dumps(last, ensure_ascii=False)))


def kinds(st):
    return [event.get("kind") for event in st.get("history", [])]


def journal(data_dir, sql, args=()):
    """Rows of `sql` against DIR/journal.sqlite (WAL: a second reader sees what the dispatcher committed)."""
    path = data_dir / "journal.sqlite"
    assert path.is_file(), "no journal at %s; the dispatcher was started with --data %s" % (path, data_dir)
    conn = sqlite3.connect(str(path), timeout=10)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def as_text(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    return "" if value is None else str(value)


class WardWorker(threading.Thread):
    """An RFC 18 ward worker on a pyzmq DEALER: READY with a credit frame, heartbeats, and for each
    REQUEST calls `answer(delivery)`, which returns a list of (command, body-object) to send back, or
    "disconnect" to send DISCONNECT and go away holding the delivery. Records every delivery's JSON."""

    def __init__(self, endpoint, ward=WARD, credit=1, answer=None, heartbeat=0.2):
        threading.Thread.__init__(self, daemon=True)
        self.endpoint = endpoint
        self.service = ("ward." + ward).encode()
        self.credit = credit
        self.answer = answer or (lambda delivery: [(W_FINAL, {"outcome": "GUIDED_ONLY"})])
        self.heartbeat = heartbeat
        self.deliveries = []
        self.errors = []
        self.cond = threading.Condition()
        self.stopping = threading.Event()
        self.gone = threading.Event()

    def run(self):
        sock = zmq.Context.instance().socket(zmq.DEALER)
        sock.setsockopt(zmq.LINGER, 0)
        sock.connect(self.endpoint)
        try:
            sock.send_multipart([MDPW02, W_READY, self.service, str(self.credit).encode()])
            last_sent = time.monotonic()
            while not self.stopping.is_set():
                if time.monotonic() - last_sent >= self.heartbeat:
                    sock.send_multipart([MDPW02, W_HEARTBEAT])
                    last_sent = time.monotonic()
                if not sock.poll(20):
                    continue
                frames = sock.recv_multipart()
                if len(frames) < 2 or frames[0] != MDPW02:
                    self._error("not an MDPW02 message: %r" % (frames,))
                    continue
                if frames[1] == W_HEARTBEAT:
                    continue
                if frames[1] == W_DISCONNECT:
                    self._error("dispatcher sent DISCONNECT")
                    return
                if frames[1] != W_REQUEST or len(frames) < 5 or frames[3] != b"":
                    self._error("unexpected message: %r" % (frames,))
                    continue
                address = frames[2]
                try:
                    delivery = json.loads(frames[4].decode("utf-8"))
                except ValueError:
                    self._error("delivery body is not JSON: %r" % (frames[4][:200],))
                    continue
                with self.cond:
                    self.deliveries.append(delivery)
                    self.cond.notify_all()
                replies = self.answer(delivery)
                if replies == "disconnect":
                    sock.send_multipart([MDPW02, W_DISCONNECT])
                    return
                for command, body in replies:
                    sock.send_multipart([MDPW02, command, address, b"", json.dumps(body).encode("utf-8")])
                last_sent = time.monotonic()
        finally:
            sock.close(0)
            self.gone.set()

    def _error(self, text):
        with self.cond:
            self.errors.append(text)
            self.cond.notify_all()

    def ids(self):
        with self.cond:
            return [d.get("id") for d in self.deliveries]

    def wait_deliveries(self, n, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.deliveries) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PeerTimeout("worker for %r got %d deliveries, expected %d within %.0f s: %r (errors %r)"
                                      % (self.service, len(self.deliveries), n, timeout,
                                         [d.get("id") for d in self.deliveries], self.errors))
                self.cond.wait(min(left, 0.1))
            return list(self.deliveries)

    def close(self):
        self.stopping.set()
        self.join(5)


def mt_call(client, service, body, timeout=10):
    """One request through majortomo's own Client; the single reply frame parsed as JSON."""
    client.send(service, body)
    parts = client.recv_all_as_list(timeout=timeout)
    assert len(parts) == 1, "%s answered %d frames: %r" % (service, len(parts), parts)
    return json.loads(parts[0].decode("utf-8"))


# ------------------------------------------------------------------------------------------------ tests


def test_majortomo_client_submits_and_reads_status(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path)
    body = {
        "ward": WARD, "residentialGroup": "TDP 3", "procedure": "1.004194", "helpType": "vneid_recovery",
        "channel": "hotline", "priority": {"elderly": True},
        "note": "Quên mật khẩu VNeID, con gái đã đổi số điện thoại",
    }
    with majortomo.Client(d.endpoint) as client:
        answer = mt_call(client, b"xk.submit", json.dumps(body, ensure_ascii=False).encode("utf-8"))
        assert "error" not in answer, answer
        assert isinstance(answer.get("id"), str) and answer["id"], answer
        assert answer.get("duplicate") is False, answer
        request_id = answer["id"]

        st = mt_call(client, b"xk.status", request_id.encode("utf-8"))
        assert "error" not in st, st
        assert st["id"] == request_id
        assert st["ward"] == WARD and st["procedure"] == "1.004194" and st["field"] == "G01-CA05", st
        assert st["state"] == "TRIAGED", "no worker for %s, yet state %r" % (SERVICE, st["state"])
        assert st["priority"] is True and st["needsAttention"] is False and st["attempts"] == 0, st
        assert "outcome" not in st, st
        assert kinds(st) == ["accepted"], st

        # A refusal through the same client: the documented error shape, naming the field.
        refused = mt_call(client, b"xk.submit", json.dumps(dict(body, helpType="vneid")).encode("utf-8"))
        assert [p["field"] for p in refused["error"]["problems"]] == ["helpType"], refused
        unknown = mt_call(client, b"xk.status", b"007-9999999")
        assert "error" in unknown, unknown
    d.check_alive()


def test_enqueue_and_status_keep_the_phone_out_of_events_logs_and_status(dispatcher, tmp_path):
    # At trace level, so that no log line at any level may carry the number.
    d = dispatcher("--data", tmp_path, "--log-level", "trace")
    answer = enqueue(d.endpoint, "--procedure", "1.004194", "--help-type", "vneid_recovery", "--channel", "hotline",
                     "--name", NAME, "--phone", PHONE, "--age-band", "70_79", "--consent")
    assert answer.get("duplicate") is False, answer
    request_id = answer["id"]

    st = status(d.endpoint, request_id)
    assert st["id"] == request_id
    assert st["ward"] == WARD and st["procedure"] == "1.004194" and st["field"] == "G01-CA05", st
    assert st["state"] == "TRIAGED"
    assert st["priority"] is True, "age band 70_79 counts as priority: %r" % (st,)

    human = xk_ok("status", request_id, "--dispatcher", d.endpoint)
    assert request_id in human.stdout and "TRIAGED" in human.stdout, human.stdout

    # The ward team needs the number: it is in the stored request, sealed (AES-GCM, "XKP1" first), never plain.
    bodies = [bytes(b) for (b,) in journal(tmp_path, "SELECT body FROM request")]
    assert len(bodies) == 1 and bodies[0].startswith(b"XKP1"), bodies
    assert b"0912345678" not in bodies[0] and NAME.encode("utf-8") not in bodies[0], bodies

    events = journal(tmp_path, "SELECT seq, request_id, ward, kind, state, detail FROM event")
    assert events, "no event journaled for an accepted request"
    places = {
        "xk status --json": json.dumps(st, ensure_ascii=False),
        "xk status": human.stdout + human.stderr,
        "event table": "\n".join(" | ".join(as_text(c) for c in row) for row in events),
    }
    d.check_alive()
    places["dispatcher log"] = d.text("stderr") + d.text("stdout")
    for where, text in places.items():
        for form in PHONE_FORMS:
            assert form not in text, "the phone number (%r) appears in the %s:\n%s" % (form, where, text)
        assert NAME not in text, "the citizen's name appears in the %s:\n%s" % (where, text)


def test_name_without_consent_is_refused_and_nothing_is_stored(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path)
    res = xk("enqueue", "--dispatcher", d.endpoint, "--ward", WARD, "--procedure", "1.001193", "--name", NAME)
    assert res.returncode != 0, "accepted without consent: %r" % (res.stdout,)
    assert "consent" in res.stderr, "refusal does not name consent: %r" % (res.stderr,)
    assert res.stdout.strip() == "", "printed something like an id for a refused request: %r" % (res.stdout,)
    d.check_alive()
    assert journal(tmp_path, "SELECT id FROM request") == []
    assert journal(tmp_path, "SELECT seq FROM event") == []


def test_unknown_ward_is_refused_naming_the_ward(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path)
    res = xk("enqueue", "--dispatcher", d.endpoint, "--ward", "00999", "--procedure", "1.001193")
    assert res.returncode != 0, "accepted ward 00999: %r" % (res.stdout,)
    assert "ward" in res.stderr and "00999" in res.stderr, res.stderr
    # The problem is reported as `ward: "00999" is not a ward of ...` (ArgumentParser may put "Error: " first).
    assert 'ward: "00999" is not a ward of' in res.stderr, res.stderr
    d.check_alive()
    assert journal(tmp_path, "SELECT id FROM request") == []


CSV_HEADER = ("ward,residential_group,procedure,field,help_type,channel,elderly,disability,no_smartphone,deadline,"
              "name,phone,age_band,consent,consent_version,note,idempotency_key")

# (first line of the row, its text); line 1 is the header. Line 5 is the second line of row 4's note,
# line 8 is blank.
CSV_ROWS = [
    (2, "00286,TDP 3,1.004194,,vneid_recovery,hotline,có,,,,Bà Lan,0912 000 101,70_79,có,XK-HBT-2024-01,"
        "\"Quên mật khẩu VNeID, con gái đã đổi số điện thoại\","),
    (3, "00241,TDP 1,1.000656,,submit_dossier,door_to_door,có,có,có,2024-06-20,Ông Hùng,+84 912 000 103,60_69,"
        "có,XK-HBT-2024-01,Khai tử cho cụ bà,"),
    (4, "00244,TDP 2,1.004222,,vneid_setup,walk_in,yes,,x,,,,80_plus,,,\"Cụ ông chưa có điện thoại,\n"
        "cần hướng dẫn dùng VNeID trên máy của cháu\","),
    (6, "00999,TDP 1,1.001193,,submit_dossier,walk_in,,,,,,,18_39,,,Phường không có,"),
    (7, "00247,,2.000815,,information,hotline,có,,,,Bà Hoa,0912 000 105,60_69,có,XK-HBT-2024-01,Chứng thực sổ hưu,"),
    (8, ""),
    (9, "00256,TDP 4,1.002755,,submit_dossier,zalo,,,,2024-07-15,Chị Mai,0912 000 106,40_59,có,XK-HBT-2024-01,"
        "Gia hạn tạm trú,"),
    (10, "00259,TDP 6,1.001699,,submit_dossier,referral,maybe,có,,,,,70_79,,,Xác định mức độ khuyết tật,"),
    (11, "00262,,1.003677,,submit_dossier,hotline,,,,,,,40_59,,,Khai báo tạm vắng,"),
    (12, "00265,TDP 9,1.011607,,information,door_to_door,có,,có,,,,80_plus,,,Hỏi hộ cận nghèo,"),
    (13, "00268,TDP 11,1.004194,,vneid,walk_in,có,,,,,,60_69,,,Đổi điện thoại mới,"),
    (14, "00271,TDP 2,1.000894,,submit_dossier,zalo,,,,2024-08-01,Anh Dũng,0912 000 111,18_39,có,XK-HBT-2024-01,"
         "Kết hôn,"),
    (15, "00274,TDP 5,1.010038,,information,hotline,có,,,,,,70_79,,,Tách hộ,"),
    (16, "00286,TDP 10,1.004837,,submit_dossier,referral,có,,,2024-06-30,,,70_79,,,Giám hộ,csv-test-giam-ho"),
]
CSV_BAD = {6: "ward", 10: "elderly", 13: "help_type"}


def test_csv_bulk_reports_bad_rows_by_line_and_accepts_nothing_twice(dispatcher, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    d = dispatcher("--data", data)
    csv_path = tmp_path / "requests.csv"
    csv_path.write_text(CSV_HEADER + "\n" + "\n".join(text for _, text in CSV_ROWS) + "\n", encoding="utf-8")
    lines = csv_path.read_text(encoding="utf-8").split("\n")
    for line, text in CSV_ROWS:  # the table above says where each row starts: check it against the file
        assert lines[line - 1] == text.split("\n")[0], (line, lines[line - 1])

    def run_file(new, old):
        res = xk("enqueue", "--dispatcher", d.endpoint, "--file", csv_path)
        # Refused rows make the import fail for scripts, but every accepted row's id is printed.
        assert res.returncode != 0, "an import with refused rows exited 0:\n%s" % res.stdout
        out = res.stdout.splitlines()
        summary = "%s: 10 accepted (%d new, %d already submitted), 3 rows refused" % (csv_path, new, old)
        assert summary in out, "expected %r in:\n%s" % (summary, res.stdout)
        ids = [text for text in out if text.startswith("line ") and ": 007-" in text]
        assert len(ids) == 10, "expected a `line N: ID` line per accepted row:\n%s" % res.stdout
        assert sum("(already submitted)" in text for text in ids) == old, res.stdout
        reported = {}
        for text in out:
            if text.startswith("  line "):
                number, _, message = text[len("  line "):].partition(": ")
                reported.setdefault(int(number), []).append(message)
        assert sorted(reported) == sorted(CSV_BAD), "bad rows reported on lines %r, expected %r:\n%s" % (
            sorted(reported), sorted(CSV_BAD), res.stdout)
        for line, column in CSV_BAD.items():
            assert any(m.startswith(column + ":") for m in reported[line]), \
                "line %d should be refused for its %s cell: %r" % (line, column, reported[line])
        assert "00999" in " ".join(reported[6]) and "maybe" in " ".join(reported[10]), reported
        return res

    run_file(new=10, old=0)
    assert len(journal(data, "SELECT id FROM request")) == 10
    run_file(new=0, old=10)
    rows = journal(data, "SELECT ward, procedure FROM request ORDER BY number")
    assert len(rows) == 10, "after the same file twice the journal holds %d requests: %r" % (len(rows), rows)
    assert sorted(rows) == sorted((t[:5], t.split(",")[2]) for line, t in CSV_ROWS if t and line not in CSV_BAD)
    d.check_alive()


def test_ward_worker_resolves_a_request(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path)
    dossier = "000.00.07.H26-230519-0001"
    worker = WardWorker(d.endpoint, credit=4, answer=lambda delivery: [
        (W_PARTIAL, {"state": "ACCEPTED"}),
        (W_FINAL, {"outcome": "SUBMITTED_FULL_ONLINE", "dossiers": [dossier]}),
    ])
    worker.start()
    try:
        wait_for_mmi(d.endpoint, SERVICE)
        request_id = enqueue(d.endpoint, "--procedure", "1.001193", "--name", "Anh Tuấn", "--phone", "0912000102",
                             "--consent")["id"]
        delivery = worker.wait_deliveries(1)[0]
        assert delivery["id"] == request_id and delivery["attempt"] == 1, delivery
        request = delivery["request"]
        assert request["ward"] == WARD and request["procedure"] == "1.001193", delivery
        assert request["citizen"]["phone"] == "0912000102", "the ward team needs the number: %r" % (delivery,)

        st = wait_status(d.endpoint, request_id, lambda s: s["state"] == "RESOLVED", "state RESOLVED")
        assert st["outcome"] == "SUBMITTED_FULL_ONLINE", st
        assert st["attempts"] == 1 and st["needsAttention"] is False, st
        assert kinds(st) == ["accepted", "delivered", "progress", "resolved"], st
        seqs = [e["seq"] for e in st["history"]]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs), "history seqs not increasing: %r" % seqs
        progress = st["history"][2]
        assert progress.get("state") == "ACCEPTED", progress
        resolved = st["history"][3]
        assert resolved.get("state") == "RESOLVED", resolved
        assert resolved.get("detail", {}).get("dossiers") == [dossier], resolved
        human = xk_ok("status", request_id, "--dispatcher", d.endpoint).stdout
        assert "RESOLVED" in human and "SUBMITTED_FULL_ONLINE" in human, human
        assert worker.errors == [], worker.errors
    finally:
        worker.close()
    d.check_alive()


def test_needs_attention_requeue_and_cancel(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path, "--max-attempts", "2", "--heartbeat-interval", "0.25")
    request_id = enqueue(d.endpoint)["id"]
    other_id = enqueue(d.endpoint, "--ward", "00241", "--procedure", "1.000656")["id"]

    # Two workers in turn take the delivery and leave holding it.
    for attempt in (1, 2):
        quitter = WardWorker(d.endpoint, answer=lambda delivery: "disconnect")
        quitter.start()
        delivery = quitter.wait_deliveries(1, timeout=15)[0]
        assert delivery["id"] == request_id and delivery["attempt"] == attempt, delivery
        assert quitter.gone.wait(5)
    st = wait_status(d.endpoint, request_id, lambda s: s["needsAttention"], "needsAttention after 2 attempts")
    assert st["attempts"] == 2 and st["state"] != "RESOLVED", st

    listed = xk_json("attention", "--dispatcher", d.endpoint)
    assert [r["id"] for r in listed["requests"]] == [request_id], listed
    human = xk_ok("attention", "--dispatcher", d.endpoint).stdout
    assert request_id in human and other_id not in human, human

    # A well-behaved worker does not get a request that waits for an operator ...
    good = WardWorker(d.endpoint, answer=lambda delivery: [(W_FINAL, {"outcome": "GUIDED_ONLY"})])
    good.start()
    try:
        wait_for_mmi(d.endpoint, SERVICE)
        time.sleep(1.5)
        assert good.ids() == [], "a needs-attention request was delivered without requeue: %r" % good.ids()

        # ... until the operator requeues it.
        res = xk_ok("requeue", request_id, "--dispatcher", d.endpoint)
        assert request_id in res.stdout, res.stdout
        delivery = good.wait_deliveries(1, timeout=15)[0]
        assert delivery["id"] == request_id, delivery
        st = wait_status(d.endpoint, request_id, lambda s: s["state"] == "RESOLVED", "RESOLVED after requeue")
        assert st["outcome"] == "GUIDED_ONLY" and st["needsAttention"] is False, st
        assert kinds(st).count("resolved") == 1 and "requeued" in kinds(st), st
        assert xk_json("attention", "--dispatcher", d.endpoint)["requests"] == []
    finally:
        good.close()

    res = xk_ok("cancel", other_id, "--dispatcher", d.endpoint)
    assert other_id in res.stdout, res.stdout
    st = status(d.endpoint, other_id)
    assert st["state"] == "CANCELLED", st
    assert kinds(st)[-1] == "cancelled", st
    # Cancelling it again is refused: it is no longer open.
    again = xk("cancel", other_id, "--dispatcher", d.endpoint)
    assert again.returncode != 0 and other_id in again.stderr, (again.returncode, again.stdout, again.stderr)
    d.check_alive()


def test_priority_request_is_delivered_first(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path)
    ordinary = [enqueue(d.endpoint, "--procedure", p)["id"] for p in ("1.001193", "1.000894", "1.000656")]
    elderly = enqueue(d.endpoint, "--procedure", "1.004194", "--elderly")["id"]
    assert status(d.endpoint, elderly)["priority"] is True
    assert status(d.endpoint, ordinary[0])["priority"] is False

    worker = WardWorker(d.endpoint, credit=1)
    worker.start()
    try:
        worker.wait_deliveries(4, timeout=15)
        assert worker.ids() == [elderly] + ordinary, "delivery order %r, expected elderly %r first, then %r" % (
            worker.ids(), elderly, ordinary)
        for request_id in [elderly] + ordinary:
            wait_status(d.endpoint, request_id, lambda s: s["state"] == "RESOLVED", "RESOLVED")
        assert worker.errors == [], worker.errors
    finally:
        worker.close()
    d.check_alive()


def test_requests_and_idempotency_keys_survive_a_restart(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path)
    key = "hotline-2024-06-01-0042"
    first = enqueue(d.endpoint, "--idempotency-key", key, "--elderly")
    assert first.get("duplicate") is False, first
    request_id = first["id"]
    again = enqueue(d.endpoint, "--idempotency-key", key, "--elderly")
    assert again == {"id": request_id, "duplicate": True}, again

    rc = d.stop(signal.SIGTERM, timeout=10)
    assert rc is not None, "dispatcher still running 10 s after SIGTERM"
    assert rc == 0, "exit code %r after SIGTERM" % rc

    d2 = dispatcher("--data", tmp_path, port=d.port)
    st = status(d2.endpoint, request_id)
    assert st["id"] == request_id and st["state"] == "TRIAGED" and st["ward"] == WARD, st
    assert kinds(st) == ["accepted"], st

    resubmitted = enqueue(d2.endpoint, "--idempotency-key", key, "--elderly")
    assert resubmitted == {"id": request_id, "duplicate": True}, resubmitted
    human = xk_ok("enqueue", "--dispatcher", d2.endpoint, "--ward", WARD, "--procedure", "1.001193",
                  "--idempotency-key", key).stdout
    assert human.split()[0] == request_id and "already submitted" in human, human
    assert len(journal(tmp_path, "SELECT id FROM request")) == 1

    # A new request after the restart gets a new id, and the reloaded one is still delivered.
    newer = enqueue(d2.endpoint)["id"]
    assert newer != request_id
    worker = WardWorker(d2.endpoint, credit=2)
    worker.start()
    try:
        worker.wait_deliveries(2, timeout=15)
        assert worker.ids() == [request_id, newer], worker.ids()
        wait_status(d2.endpoint, request_id, lambda s: s["state"] == "RESOLVED", "RESOLVED after restart")
    finally:
        worker.close()
    d2.check_alive()
