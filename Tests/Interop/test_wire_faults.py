"""Failures are never swallowed: every endpoint answers an error with one JSON error envelope, and the processes
say what went wrong (and what to do) instead of hanging, starting on a broken store, or reporting what they did
not save.

The envelope, one JSON frame:
    {"error": {"code": "...", "message": "...", "problems": [{"field", "message"}, ...], "retryable": bool}}
with `problems` only when there are some, and codes malformed, duplicate-key, too-large, invalid-request,
unknown-command, not-found, conflict, unavailable, disk-full (retryable), store-unavailable (retryable), internal.

Black-box: real `xk` processes from $XK_BIN, loopback TCP or ipc only, real signals, and for the full-disk
tests a real 3 MiB tmpfs mounted over the process's data folder (root needed; skipped, saying so, without it).
Every wait is bounded; processes are stopped and mounts undone even when a test fails.
"""

import errno
import json
import os
import re
import signal
import sqlite3
import subprocess
import time

import pytest
import zmq

from conftest import CONFIG, ManagedProcess, REPO_ROOT, SEE_OUTPUT, _register, free_port, wait_until, xk_binary
from test_durable_cli import xk  # runs the CLI from the repository root, bounded in time
from mdp_peers import PeerTimeout, Rfc18Client, mmi

WARD = "00286"  # Phường Bạch Mai
DISTRICT = "007"  # Quận Hai Bà Trưng: ids are 007-0000001, ...
CODES = {"malformed", "duplicate-key", "too-large", "invalid-request", "unknown-command", "not-found", "conflict",
         "unavailable", "disk-full", "store-unavailable", "internal"}
RETRYABLE = {"disk-full", "store-unavailable"}
ID = re.compile(r"\b%s-\d{7}\b" % DISTRICT)
# An accepted row of `xk enqueue --file`: its line number and its id on one line, e.g. "line 2: 007-0000001".
ID_LINE = re.compile(r"\bline (\d+)\b.*?\b(%s-\d{7})\b" % DISTRICT)
SUBMIT = {"ward": WARD, "procedure": "1.001193", "helpType": "submit_dossier", "channel": "walk_in"}
CSV_HEADER = ("ward,residential_group,procedure,field,help_type,channel,elderly,disability,no_smartphone,deadline,"
              "name,phone,age_band,consent,consent_version,note,idempotency_key")
DOSSIER = "000.00.07.H26-231123-0042"


# ----------------------------------------------------------------------------------------------------------- helpers


def shown(res):
    return "`xk %s` exited %d\n  stdout: %s\n  stderr: %s" % (
        " ".join(res.args[1:]), res.returncode, res.stdout.strip(), res.stderr.strip())


def xk_ok(*args, **kw):
    res = xk(*args, **kw)
    assert res.returncode == 0, shown(res)
    return res


def xk_json(*args, **kw):
    res = xk_ok(*(list(args) + ["--json"]), **kw)
    try:
        return json.loads(res.stdout)
    except ValueError:
        raise AssertionError("printed no JSON: " + shown(res))


def enqueue(endpoint, *flags):
    """`xk enqueue --json` of an ordinary request for ward 00286; returns its id."""
    answer = xk_json("enqueue", "--dispatcher", endpoint, "--ward", WARD, "--procedure", "1.001193", *flags)
    assert ID.fullmatch(str(answer.get("id", ""))), "enqueue --json printed %r" % (answer,)
    return answer["id"]


def status(endpoint, request_id, *flags):
    """`xk status ID --json`: what a person at the terminal gets."""
    return xk_json("status", request_id, "--dispatcher", endpoint, *flags)


def raw_status(endpoint, request_id):
    """xk.status over the wire (no process start: for polling)."""
    answer = call_json(endpoint, b"xk.status", request_id.encode("utf-8"))
    assert answer.get("id") == request_id, "xk.status %s answered %r" % (request_id, answer)
    return answer


def call(endpoint, service, body, timeout=5.0):
    """One RFC 18 request on a fresh socket; returns the frames of the final reply (PeerTimeout if none)."""
    with Rfc18Client(endpoint) as client:
        _, final = client.request(service, body, timeout=timeout)
    return final


def call_json(endpoint, service, body, timeout=5.0):
    final = call(endpoint, service, body, timeout)
    assert len(final) == 1, "%s answered %d frames, expected one JSON frame: %r" % (
        service, len(final), [f[:200] for f in final])
    try:
        return json.loads(final[0].decode("utf-8"))
    except ValueError:
        raise AssertionError("%s answered a frame that is not JSON: %r" % (service, final[0][:300]))


def assert_envelope(answer, code, what=""):
    """`answer` is exactly the error envelope with `code`; returns its error object."""
    where = (" (%s)" % what) if what else ""
    text = json.dumps(answer, ensure_ascii=False)[:600]
    assert isinstance(answer, dict) and set(answer) == {"error"} and isinstance(answer["error"], dict), \
        "expected the error envelope with code %r%s, got %s" % (code, where, text)
    error = answer["error"]
    assert error.get("code") == code, "expected code %r%s, got %s" % (code, where, text)
    assert error["code"] in CODES
    assert isinstance(error.get("message"), str) and error["message"].strip(), "no message: %r" % (answer,)
    assert error.get("retryable") is (code in RETRYABLE), \
        "code %r must have retryable %r: %r" % (code, code in RETRYABLE, answer)
    if "problems" in error:
        problems = error["problems"]
        assert isinstance(problems, list) and problems, "`problems` present but empty: %r" % (answer,)
        for p in problems:
            assert isinstance(p, dict) and isinstance(p.get("field"), str) and isinstance(p.get("message"), str), \
                "a problem is not {field, message}: %r" % (p,)
    assert set(error) <= {"code", "message", "problems", "retryable"}, "extra members in the envelope: %r" % (answer,)
    return error


def mentions_disk_full(text):
    low = text.lower()
    return "disk" in low and "full" in low


def journal_count(data_dir):
    """Requests in DIR/journal.sqlite, or 0 while there is none (read-only; WAL lets it read while written)."""
    path = data_dir / "journal.sqlite"
    if not path.is_file() or path.stat().st_size == 0:
        return 0
    conn = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM request").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def csv_row(n, ward=WARD):
    return "%s,TDP 3,1.001193,,submit_dossier,walk_in,,,,,,,70_79,,,Khai sinh %d,wire-faults-%d" % (ward, n, n)


def id_lines(stdout):
    """{line number: id} of the accepted rows `xk enqueue --file` printed; fails if a line shows two ids."""
    found = {}
    for text in stdout.splitlines():
        m = ID_LINE.search(text)
        if m:
            line, request_id = int(m.group(1)), m.group(2)
            assert found.setdefault(line, request_id) == request_id, \
                "line %d printed with two ids:\n%s" % (line, stdout)
    return found


@pytest.fixture
def spawn(request):
    """Factory: spawn(name, argv) starts a process (output attached to a failing test's report); every one
    is stopped when the test ends (SIGTERM, SIGKILL after 5 s)."""
    started = []

    def start(name, argv):
        p = ManagedProcess(name, [str(a) for a in argv], cwd=str(REPO_ROOT))
        started.append(p)
        _register(request, p)
        return p

    yield start
    for p in started:
        p.signal(signal.SIGTERM)
    for p in started:
        if p.wait(5) is None:
            p.kill()
        p.finish()


class SmallDisk(object):
    """A 3 MiB tmpfs mounted on `path`, which can be filled to ENOSPC and freed again."""

    def __init__(self, path):
        self.path = path
        self.filler = path / "filler"

    def fill(self):
        fd = os.open(str(self.filler), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (1 << 16, 4096):  # a few MiB at most: both loops end in well under 2000 writes
                chunk = b"\xa5" * size
                for _ in range(2000):
                    try:
                        os.write(fd, chunk)
                    except OSError as exc:
                        if exc.errno != errno.ENOSPC:
                            raise
                        break
        finally:
            os.close(fd)
        st = os.statvfs(str(self.path))
        assert st.f_bavail == 0, "%s still has %d free blocks after filling" % (self.path, st.f_bavail)

    def free(self):
        os.unlink(str(self.filler))


@pytest.fixture
def small_disk(tmp_path):
    """Factory: small_disk(name) mounts a fresh 3 MiB tmpfs on tmp_path/name; unmounted when the test ends
    (lazily if a process still holds it). Ask for it before `dispatcher` and `spawn` so that it is undone last."""
    mounted = []

    def make(name, size="3m"):
        path = tmp_path / name
        path.mkdir()
        res = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0700" % size, "tmpfs", str(path)],
                             capture_output=True, text=True, timeout=10)
        if res.returncode != 0:
            pytest.skip("cannot mount a %s tmpfs on %s (needs root or CAP_SYS_ADMIN): %s"
                        % (size, path, (res.stderr or res.stdout).strip()))
        mounted.append(path)
        return SmallDisk(path)

    yield make
    for path in reversed(mounted):
        res = subprocess.run(["umount", str(path)], capture_output=True, text=True, timeout=10)
        if res.returncode != 0:
            subprocess.run(["umount", "-l", str(path)], capture_output=True, text=True, timeout=10)


# ------------------------------------------------------------------------------------------------- 1. duplicate keys


def test_duplicate_json_keys_are_refused_naming_the_key_and_nothing_is_stored(dispatcher, tmp_path):
    data = tmp_path / "data"
    d = dispatcher("--data", data)
    top = ('{"ward":"00286","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in",'
           '"citizen":{"shortName":"Bà Lan","phone":"0912345101"},"consent":{"given":true,"textVersion":"v1"},'
           '"consent":{"given":false}}')
    error = assert_envelope(call_json(d.endpoint, b"xk.submit", top.encode("utf-8")), "duplicate-key",
                            "consent given twice")
    assert "consent" in error["message"], "the message does not name the key `consent`: %r" % (error,)

    nested = ('{"ward":"00286","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in",'
              '"priority":{"elderly":true,"elderly":false}}')
    error = assert_envelope(call_json(d.endpoint, b"xk.submit", nested.encode("utf-8")), "duplicate-key",
                            "priority.elderly given twice")
    assert "priority.elderly" in error["message"], "the message does not name `priority.elderly`: %r" % (error,)

    # Nothing was stored: no event, nothing for an operator, no request 007-0000001, an empty journal.
    events = call_json(d.endpoint, b"xk.events", b'{"after":0}')
    assert events.get("events") == [], "events journaled for refused requests: %r" % (events,)
    attention = call_json(d.endpoint, b"xk.admin", b'{"command":"attention"}')
    assert attention.get("requests") == [], attention
    assert_envelope(call_json(d.endpoint, b"xk.status", b"007-0000001"), "not-found", "status of an id never given")
    assert journal_count(data) == 0, "the journal holds %d requests" % journal_count(data)
    d.check_alive()


# ------------------------------------------------------------------------------------------------------ 2. too large


def test_oversized_body_is_answered_too_large_and_the_dispatcher_carries_on(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path / "data")  # default --max-message-size: 4 MiB
    size = 5 << 20
    head = json.dumps(dict(SUBMIT, note=""))[:-2]  # ..."note": "
    body = (head + "x" * (size - len(head) - 2) + '"}').encode("utf-8")
    assert len(body) == size and json.loads(body)["note"].startswith("x")
    started = time.monotonic()
    try:
        answer = call_json(d.endpoint, b"xk.submit", body, timeout=5.0)
    except PeerTimeout:
        pytest.fail("no answer to a 5 MiB xk.submit within 5 s (the dispatcher dropped it silently); %s\n%s"
                    % (SEE_OUTPUT, d.tail()), pytrace=False)
    assert_envelope(answer, "too-large", "5 MiB body, limit 4 MiB")
    assert time.monotonic() - started < 5
    d.check_alive()

    # Still serving: an ordinary submit right after is taken.
    answer = call_json(d.endpoint, b"xk.submit", json.dumps(SUBMIT).encode("utf-8"))
    assert ID.fullmatch(str(answer.get("id", ""))), "a normal submit after the big one: %r" % (answer,)
    assert status(d.endpoint, answer["id"])["state"] == "TRIAGED"
    d.check_alive()

    def size_line():
        for line in d.text("stderr").splitlines():
            numbers = [int(re.sub(r"[,_ ]", "", n)) for n in re.findall(r"\d{1,3}(?:[,_ ]\d{3})+(?!\d)|\d+", line)]
            if any(size <= n <= size + 1024 for n in numbers) or re.search(r"\b5(\.0+)? ?Mi?B\b", line):
                return line
        return None
    assert wait_until(size_line, 3, "a dispatcher log line with the size of the 5 MiB message (%d bytes)" % size,
                      interval=0.1)


# ------------------------------------------------------------------------------------------------- 3. damaged stores


def start_refusal(argv, what, timeout=10.0):
    """Runs a command that must refuse to start: returns (exit code, stderr) or fails if it runs on."""
    try:
        res = subprocess.run([str(a) for a in argv], cwd=str(REPO_ROOT), stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, encoding="utf-8",
                             errors="replace")
    except subprocess.TimeoutExpired as exc:
        pytest.fail("%s still running %.0f s after start (it must refuse to start)\nstderr: %s"
                    % (what, timeout, exc.stderr), pytrace=False)
    return res.returncode, res.stderr + res.stdout


def damage(path, how):
    """Leaves `path` empty, random, or (an existing SQLite file) with its first 4 KiB zeroed; returns its bytes."""
    if how == "empty":
        path.write_bytes(b"")
    elif how == "random-bytes":
        path.write_bytes(os.urandom(16384))
    else:
        raw = bytearray(path.read_bytes())
        assert len(raw) > 4096, "%s is only %d bytes" % (path, len(raw))
        raw[:4096] = bytes(4096)
        path.write_bytes(bytes(raw))
    return path.read_bytes()


def assert_refused_and_untouched(rc, err, path, before, what):
    assert rc != 0, "%s started (or exited 0) on a damaged %s:\n%s" % (what, path.name, err)
    assert str(path) in err, "%s does not name %s:\n%s" % (what, path, err)
    assert "restore" in err.lower(), "%s does not say to restore %s from a backup:\n%s" % (what, path.name, err)
    assert path.read_bytes() == before, "%s changed %s (%d bytes before, %d after): it must not make a fresh one" % (
        what, path.name, len(before), path.stat().st_size)
    wal = path.parent / (path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "%s wrote %s" % (what, wal.name)


@pytest.mark.parametrize("kind", ["empty-beside-key", "empty-without-key", "random-bytes", "first-4k-zeroed"])
def test_dispatcher_refuses_to_start_on_an_empty_or_damaged_journal(dispatcher, tmp_path, kind):
    data = tmp_path / "data"
    journal = data / "journal.sqlite"
    if kind == "first-4k-zeroed":
        d = dispatcher("--data", data)  # a real journal from a previous run, with a request in it
        enqueue(d.endpoint)
        assert d.stop(signal.SIGTERM) == 0, "the first run did not stop cleanly on SIGTERM"
        for leftover in ("journal.sqlite-wal", "journal.sqlite-shm"):
            if (data / leftover).exists():
                (data / leftover).unlink()  # a copy restored from a backup carries the main file only
        before = damage(journal, "zeroed")
    else:
        data.mkdir()
        if kind != "empty-without-key":
            (data / "citizen-pseudonym.key").write_bytes(os.urandom(32))
            os.chmod(str(data / "citizen-pseudonym.key"), 0o600)
        before = damage(journal, "empty" if kind.startswith("empty") else "random-bytes")
    rc, err = start_refusal([xk_binary(), "dispatcher", "--config", CONFIG, "--endpoint",
                             "tcp://127.0.0.1:%d" % free_port(), "--data", data], "xk dispatcher")
    # Naming the file and what to do is the explanation; a bare "SQLite error 26" is not enough.
    assert_refused_and_untouched(rc, err, journal, before, "xk dispatcher")


@pytest.mark.parametrize("kind", ["empty", "random-bytes"])
def test_ward_worker_refuses_to_start_on_an_empty_or_damaged_case_store(tmp_path, kind):
    data = tmp_path / "ward"
    data.mkdir()
    store = data / "cases.sqlite"
    before = damage(store, kind)
    rc, err = start_refusal([xk_binary(), "worker", "--config", CONFIG, "--ward", WARD, "--dispatcher",
                             "tcp://127.0.0.1:%d" % free_port(), "--data", data, "--control",
                             "ipc://%s/control.ipc" % tmp_path], "xk worker")
    assert_refused_and_untouched(rc, err, store, before, "xk worker")


# ------------------------------------------------------------------------------------------ 4. full disk, dispatcher


def refused_disk_full(endpoint):
    """`xk enqueue` on a full disk: non-zero, says the disk is full, prints no id."""
    res = xk("enqueue", "--dispatcher", endpoint, "--ward", WARD, "--procedure", "1.001193",
             "--timeout", "3", "--retries", "0")
    assert res.returncode != 0, "enqueue accepted on a full disk: " + shown(res)
    assert mentions_disk_full(res.stderr), "enqueue's refusal does not say the disk is full: " + shown(res)
    assert not ID.search(res.stdout), "an id printed for a refused request: " + shown(res)


def enqueue_when_free(endpoint, timeout=10.0):
    """Retries `xk enqueue` for up to `timeout` s after space came back; returns the id."""
    def attempt():
        res = xk("enqueue", "--dispatcher", endpoint, "--ward", WARD, "--procedure", "1.001193", "--json",
                 "--timeout", "2", "--retries", "0")
        return json.loads(res.stdout)["id"] if res.returncode == 0 else None
    return wait_until(attempt, timeout, "an enqueue taken again once the disk had room", interval=0.3)


def test_dispatcher_on_a_full_disk_refuses_with_disk_full_stays_up_and_recovers(small_disk, dispatcher, tmp_path):
    disk = small_disk("dispatcher-data")
    args = ("--data", disk.path, "--heartbeat-interval", "0.5")
    d = dispatcher(*args)
    ids = [enqueue(d.endpoint) for _ in range(3)]

    disk.fill()
    refused_disk_full(d.endpoint)
    d.check_alive()
    error = assert_envelope(call_json(d.endpoint, b"xk.submit", json.dumps(SUBMIT).encode("utf-8")), "disk-full",
                            "xk.submit on a full disk")
    assert mentions_disk_full(error["message"]), error
    d.check_alive()
    for request_id in ids:
        st = status(d.endpoint, request_id, "--timeout", "3", "--retries", "0")
        assert st["id"] == request_id and st["state"] == "TRIAGED", st

    pid = d.pid
    disk.free()
    ids.append(enqueue_when_free(d.endpoint))
    assert d.pid == pid and d.alive(), "the dispatcher was restarted or stopped"
    for request_id in ids:
        assert status(d.endpoint, request_id)["id"] == request_id

    # Stopped, the disk filled meanwhile, started again on the full disk: it comes up and stays up.
    rc = d.stop(signal.SIGTERM, 10)
    assert rc is not None, "the dispatcher did not stop within 10 s of SIGTERM"
    disk.fill()
    d = dispatcher(*args, port=d.port)
    time.sleep(1.0)
    d.check_alive()
    refused_disk_full(d.endpoint)
    for request_id in ids:
        st = status(d.endpoint, request_id, "--timeout", "3", "--retries", "0")
        assert st["id"] == request_id and st["state"] == "TRIAGED", st
    d.check_alive()
    disk.free()
    ids.append(enqueue_when_free(d.endpoint))
    for request_id in ids:
        assert status(d.endpoint, request_id)["id"] == request_id
    assert len(set(ids)) == len(ids) == 5, ids
    d.check_alive()


# ------------------------------------------------------------------------------------------------ 5. full disk, ward


def test_ward_worker_on_a_full_disk_reports_nothing_it_did_not_save(small_disk, dispatcher, spawn, tmp_path):
    n = 10
    disk = small_disk("ward-data")
    d = dispatcher("--data", tmp_path / "dispatcher", "--heartbeat-interval", "0.5")
    control = "ipc://%s/ward.ipc" % tmp_path
    worker = spawn("xk worker %s" % WARD, [xk_binary(), "worker", "--config", CONFIG, "--ward", WARD,
                                           "--dispatcher", d.endpoint, "--data", disk.path, "--control", control])
    worker.expect_line("worker connected", key="stderr", timeout=30)
    ids = [enqueue(d.endpoint) for _ in range(n)]

    def listed():
        res = xk("cases", "--ward", WARD, "--control", control, "--json", "--all")
        cases = json.loads(res.stdout).get("cases", []) if res.returncode == 0 else []
        return {c["id"]: c for c in cases}

    def all_assigned():
        cases = listed()
        return cases if set(cases) == set(ids) and all(c["state"] == "ASSIGNED" for c in cases.values()) else None
    cases = wait_until(all_assigned, 15, "all %d cases ASSIGNED in `xk cases`" % n)
    team = {i: cases[i]["team"] for i in ids}

    def case(*step):
        return xk("case", *(list(step) + ["--ward", WARD, "--control", control]))

    def history(request_id):
        return raw_status(d.endpoint, request_id)["history"]

    def progress_states(request_id):
        return [e.get("state") for e in history(request_id) if e.get("kind") == "progress"]

    a, b = ids[0], ids[1]
    assert case("accept", a, "--team", team[a]).returncode == 0
    assert case("contact", a).returncode == 0
    wait_until(lambda: progress_states(a)[-1:] == ["IN_PROGRESS"], 10, "IN_PROGRESS of %s at the dispatcher" % a)
    before = {i: history(i) for i in (a, b)}

    disk.fill()
    for step in (["accept", b, "--team", team[b]],
                 ["submit", a, "--mode", "toan-trinh", "--legacy-level", "4", "--dossier", DOSSIER]):
        res = case(*step)
        assert res.returncode != 0, "`xk case %s` succeeded on a full disk: %s" % (step[0], shown(res))
        low = res.stderr.lower()
        assert "disk" in low or "store" in low, "`xk case %s` does not say the store/disk failed: %s" % (
            step[0], shown(res))
    # The control endpoint itself answers with the envelope (retryable: the step can be redone).
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(control)
    try:
        sock.send_multipart([b"", json.dumps({"command": "contact", "id": a, "note": "gọi lại"}).encode("utf-8")])
        assert sock.poll(5000), "the ward control endpoint did not answer within 5 s on a full disk"
        answer = json.loads(sock.recv_multipart()[-1].decode("utf-8"))
    finally:
        sock.close(0)
    code = answer.get("error", {}).get("code") if isinstance(answer.get("error"), dict) else None
    assert code in ("disk-full", "store-unavailable"), "the ward control endpoint's answer on a full disk: %r" % (
        answer,)
    assert_envelope(answer, code, "ward control step on a full disk")

    time.sleep(1.0)  # anything the worker would report has reached the dispatcher by now
    worker_alive = worker.alive()
    assert worker_alive, "the ward worker exited on a full disk; %s\n%s" % (SEE_OUTPUT, worker.tail())
    for request_id in (a, b):
        assert history(request_id) == before[request_id], \
            "the dispatcher journaled a step the ward did not save (%s):\nbefore %s\nafter  %s" % (
                request_id, before[request_id], history(request_id))
    now = listed()
    assert a in now and b in now, "`xk cases` on a full disk lists %r" % (sorted(now),)
    assert now[a]["state"] == "IN_PROGRESS" and now[b]["state"] == "ASSIGNED", \
        "the worker shows steps it did not save: %s %s, %s %s" % (a, now[a]["state"], b, now[b]["state"])

    # Room again: the same steps go through, no restart; then every case is resolved.
    disk.free()
    wait_until(lambda: case("accept", b, "--team", team[b]).returncode == 0, 10,
               "accept of %s once the disk had room" % b)
    assert worker.alive()
    res = case("submit", a, "--mode", "toan-trinh", "--legacy-level", "4", "--dossier", DOSSIER)
    assert res.returncode == 0 and "SUBMITTED_FULL_ONLINE" in res.stdout, shown(res)
    for request_id in ids[1:]:
        if request_id != b:
            assert case("accept", request_id, "--team", team[request_id]).returncode == 0
        assert case("contact", request_id).returncode == 0
        res = case("guide", request_id)
        assert res.returncode == 0, shown(res)

    def resolved_at_dispatcher():
        states = {i: raw_status(d.endpoint, i) for i in ids}
        return states if all(s["state"] == "RESOLVED" for s in states.values()) else None
    truth = wait_until(resolved_at_dispatcher, 20, "all %d requests RESOLVED at the dispatcher" % n, interval=0.3)
    for request_id, st in truth.items():
        assert [e["kind"] for e in st["history"]].count("resolved") == 1, st["history"]
    assert progress_states(a) == ["ASSIGNED", "ACCEPTED", "IN_PROGRESS"], history(a)
    assert progress_states(b) == ["ASSIGNED", "ACCEPTED", "IN_PROGRESS"], history(b)

    worker.signal(signal.SIGTERM)
    assert worker.wait(10) is not None, "the ward worker did not stop within 10 s of SIGTERM"
    # What the store kept, read back by a new worker on it (the store is sealed: personal data at rest).
    worker = spawn("xk worker %s again" % WARD, [xk_binary(), "worker", "--config", CONFIG, "--ward", WARD,
                                                 "--dispatcher", d.endpoint, "--data", disk.path, "--control", control])
    worker.expect_line("worker connected", key="stderr", timeout=30)
    store = {i: (c["state"], c.get("outcome")) for i, c in listed().items()}
    dispatcher_resolved = {i: st["outcome"] for i, st in truth.items() if st["state"] == "RESOLVED"}
    store_resolved = {i: outcome for i, (state, outcome) in store.items() if state == "RESOLVED"}
    assert len(dispatcher_resolved) == len(store_resolved) == n, \
        "RESOLVED: dispatcher %d, ward store %d" % (len(dispatcher_resolved), len(store_resolved))
    assert dispatcher_resolved == store_resolved, (dispatcher_resolved, store_resolved)


# ------------------------------------------------------------------------------------------------- 6. enqueue --file


def test_enqueue_file_prints_each_id_with_its_line_and_fails_on_a_bad_row(dispatcher, tmp_path):
    data = tmp_path / "data"
    d = dispatcher("--data", data)
    path = tmp_path / "requests.csv"
    # Lines 2, 3 and 5 are good; line 4 names a ward the district does not have.
    path.write_text("\n".join([CSV_HEADER, csv_row(2), csv_row(3), csv_row(4, ward="00999"), csv_row(5)]) + "\n",
                    encoding="utf-8")

    first = xk("enqueue", "--dispatcher", d.endpoint, "--file", path)
    assert first.returncode != 0, "a file with a refused row exited 0: " + shown(first)
    ids = id_lines(first.stdout)
    assert sorted(ids) == [2, 3, 5], "expected `line N: ID` for lines 2, 3, 5: " + shown(first)
    assert len(set(ids.values())) == 3, ids
    assert "00999" in first.stdout + first.stderr, "the bad row's ward is not reported: " + shown(first)
    for request_id in ids.values():
        assert status(d.endpoint, request_id)["state"] == "TRIAGED"

    again = xk("enqueue", "--dispatcher", d.endpoint, "--file", path)
    assert again.returncode != 0, "the same file again exited 0: " + shown(again)
    assert id_lines(again.stdout) == ids, "the second run reports other ids: " + shown(again)
    assert "already submitted" in again.stdout, "the second run does not say the rows were already submitted: " + \
        shown(again)
    assert journal_count(data) == 3
    d.check_alive()


def test_enqueue_file_cut_short_every_printed_id_is_in_the_journal(dispatcher, spawn, tmp_path):
    data = tmp_path / "data"
    args = ("--data", data, "--heartbeat-interval", "0.5")
    d = dispatcher(*args)
    path = tmp_path / "big.csv"
    rows = 300
    path.write_text("\n".join([CSV_HEADER] + [csv_row(n) for n in range(2, rows + 2)]) + "\n", encoding="utf-8")
    p = spawn("xk enqueue --file", [xk_binary(), "enqueue", "--file", path, "--dispatcher", d.endpoint,
                                     "--timeout", "1", "--retries", "0"])

    # The dispatcher dies part-way: as soon as xk printed an id (or, if it prints none as it goes, as soon as
    # the journal holds a request).
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and p.alive():
        if ID_LINE.search(p.text("stdout")) or journal_count(data) > 0:
            break
        time.sleep(0.005)
    d.signal(signal.SIGKILL)
    assert d.wait(10) is not None
    # With the dispatcher gone xk gives up by itself, or the person at the terminal presses Ctrl-C.
    rc = p.wait(3)
    if rc is None:
        p.signal(signal.SIGINT)
        rc = p.wait(5)
    assert rc is not None, "xk enqueue --file still running 5 s after SIGINT; %s\n%s" % (SEE_OUTPUT, p.tail())
    p.finish()

    printed = id_lines(p.text("stdout"))
    assert printed, "xk enqueue --file printed no id before it stopped (exit code %r); %s\n%s" % (
        rc, SEE_OUTPUT, p.tail(key="stdout"))
    assert rc != 0 or len(printed) == rows, "exit code 0 with %d of %d rows done" % (len(printed), rows)
    assert len(set(printed.values())) == len(printed), "one id printed for two lines"

    d2 = dispatcher(*args, port=d.port)
    missing = []
    for line, request_id in sorted(printed.items()):
        answer = call_json(d2.endpoint, b"xk.status", request_id.encode())
        if answer.get("id") != request_id:
            missing.append((line, request_id, answer))
    assert not missing, "%d of %d printed ids are not in the journal after the restart, e.g. %r" % (
        len(missing), len(printed), missing[:3])
    d2.check_alive()


# ------------------------------------------------------------------------------------------------------------ 7. MMI


def test_mmi_knows_the_internal_services(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path / "data")
    answers = {s: mmi(d.endpoint, s) for s in (b"xk.submit", b"xk.status", b"xk.admin", b"xk.events")}
    assert answers == dict.fromkeys(answers, b"200"), answers
    assert mmi(d.endpoint, b"ward.99999") == b"404"
    d.check_alive()


# ---------------------------------------------------------------------------------------------------- 8. coordinator


def test_coordinator_whose_statistics_endpoint_is_taken_exits_non_zero_naming_it(spawn, tmp_path):
    holder = zmq.Context.instance().socket(zmq.ROUTER)
    holder.setsockopt(zmq.LINGER, 0)
    try:
        holder.bind("tcp://127.0.0.1:*")
        taken = holder.getsockopt(zmq.LAST_ENDPOINT).decode()  # tcp://127.0.0.1:PORT
        c = spawn("xk coordinator", [xk_binary(), "coordinator", "--config", CONFIG,
                                     "--dispatcher", "tcp://127.0.0.1:%d" % free_port(),
                                     "--events", "tcp://127.0.0.1:%d" % free_port(),
                                     "--store", "sqlite:%s" % (tmp_path / "stats.sqlite"), "--endpoint", taken])
        rc = c.wait(10)
        assert rc is not None, "the coordinator still runs 10 s after start with %s already bound; %s\n%s" % (
            taken, SEE_OUTPUT, c.tail())
        c.finish()
        err = c.text("stderr") + c.text("stdout")
        assert rc != 0, "the coordinator exited 0 though its statistics endpoint %s is taken:\n%s" % (taken, err)
        address = taken[len("tcp://"):]
        assert address in err, "the coordinator's error does not name %s:\n%s" % (taken, err)
        assert "in use" in err.lower(), "the coordinator's error does not say the address is in use:\n%s" % err
        # What it exits with is the cause itself, not a wrapper ("ServiceGroupError: ... Service failed(...)")
        # after a log line: the last thing on stderr names the address.
        last = [line for line in c.text("stderr").splitlines() if line.strip()][-1]
        assert address in last and "in use" in last.lower(), \
            "the coordinator's last words do not name the address in use: %r" % (last,)
    finally:
        holder.close(0)
