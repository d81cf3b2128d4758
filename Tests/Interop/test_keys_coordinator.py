"""The coordinator with keys: its statistics endpoint is a CURVE server with the coordinator's own key pair and
ZAP handler, every query is authorized by its key's role (viewer, officer, coordinator read; officer and
coordinator import the baseline), strangers and plaintext peers get nothing, a revoked key is refused on its open
connection within 5 s without a restart, it still follows a keyed dispatcher's events, and without keys it will
not listen beyond loopback. Real `xk` processes; the foreign peers are pyzmq with CURVE."""

import json
import signal
import subprocess
import time

import pytest
import zmq

from conftest import CONFIG, REPO_ROOT, ManagedProcess, _register, free_port, xk_binary
from test_durable_cli import xk
from test_keys import read_key, socket

STATS = json.dumps({"report": "stats", "by": "ward"}).encode()


@pytest.fixture
def keyed(request, tmp_path, dispatcher):
    """A keyed district: `xk keys init`, a keyed durable dispatcher with events, a keyed coordinator following it."""
    keys = tmp_path / "keys"
    res = xk("keys", "init", "--config", CONFIG, "--out", keys)
    assert res.returncode == 0, res.stdout + res.stderr
    events_ep = "tcp://127.0.0.1:%d" % free_port()
    d = dispatcher("--data", tmp_path / "data", "--events", events_ep, "--keys", keys)
    stats_ep = "tcp://127.0.0.1:%d" % free_port()
    argv = [xk_binary(), "coordinator", "--config", CONFIG, "--dispatcher", d.endpoint, "--events", events_ep,
            "--store", "sqlite:%s" % (tmp_path / "stats.sqlite"), "--endpoint", stats_ep, "--keys", keys]
    c = ManagedProcess("xk coordinator (keys)", argv, cwd=str(REPO_ROOT))
    _register(request, c)
    try:
        assert c.wait_for_line("statistics endpoint keyed", key="stderr", timeout=30), c.output()
        yield d, c, keys, stats_ep
    finally:
        c.signal(signal.SIGTERM)
        if c.wait(10) is None:
            c.kill()
        c.finish()


def peer(endpoint, keys, name=None, pair=None):
    """A DEALER to the coordinator: as identity `name` from the key folder, with a given pair, or plaintext."""
    return socket(endpoint, read_key(keys / "coordinator.pub")["publicKey"].encode(), keys=keys, name=name, pair=pair)


def ask(s, body=STATS, timeout=3.0):
    """One query; the decoded answer, or None when it could not be sent or nothing came back in time."""
    try:
        s.send_multipart([b"", body])
    except zmq.Again:
        return None
    if not s.poll(int(timeout * 1000)):
        return None
    frames = s.recv_multipart()
    assert frames[0] == b"", frames
    return json.loads(frames[-1])


def error_code(answer):
    return (answer or {}).get("error", {}).get("code")


def test_readers_get_statistics_other_roles_forbidden_strangers_and_plaintext_nothing(keyed, tmp_path):
    d, c, keys, stats_ep = keyed
    viewer = peer(stats_ep, keys, "viewer")
    officer = peer(stats_ep, keys, "officer")
    intake = peer(stats_ep, keys, "intake")
    ward = peer(stats_ep, keys, "ward-00286")
    stranger = peer(stats_ep, keys, pair=zmq.curve_keypair())
    plain = peer(stats_ep, keys)
    try:
        assert "rows" in ask(viewer), "the viewer key was not answered"
        assert "rows" in ask(officer)
        assert error_code(ask(intake)) == "forbidden"
        assert error_code(ask(ward)) == "forbidden"
        assert error_code(ask(intake, b"not json")) == "forbidden", "an unreadable query told a non-reader more"
        assert error_code(ask(viewer, json.dumps({"report": "baseline-import", "rows": []}).encode())) == "forbidden"
        assert ask(stranger, timeout=1.5) is None, "a random key got an answer"
        assert ask(plain, timeout=1.5) is None, "a plaintext client got an answer"
    finally:
        for s in (viewer, officer, intake, ward, stranger, plain):
            s.close()
    assert c.wait_for_line("identity=intake reason=intake (intake) may not read statistics", key="stderr", timeout=5)
    log = c.text("stderr")
    assert "audit: query refused" in log and "identity=intake" in log and "role=intake" in log, log[-3000:]
    assert "refused a connection with an unknown or revoked key" in log

    # The CLI: viewer by default for reading, officer by default for the baseline import.
    shown = xk("stats", "--coordinator", stats_ep, "--keys", keys, "--format", "json")
    assert shown.returncode == 0 and "rows" in json.loads(shown.stdout), shown.stderr
    denied = xk("stats", "--coordinator", stats_ep, "--keys", keys, "--identity", "intake")
    assert denied.returncode != 0 and "may not read statistics" in denied.stderr, denied.stdout + denied.stderr
    unkeyed = xk("stats", "--coordinator", stats_ep, timeout=30)
    assert unkeyed.returncode != 0 and "--keys" in unkeyed.stderr, unkeyed.stderr
    month = time.strftime("%Y-%m")
    csv = tmp_path / "baseline.csv"
    csv.write_text("ward,month,dossiers_resolved,online_dossiers,full_process_dossiers,on_time_dossiers\n"
                   "00286,%s,200,80,50,190\n" % month)
    as_viewer = xk("baseline", "import", csv, "--coordinator", stats_ep, "--keys", keys, "--identity", "viewer",
                   "--config", CONFIG)
    assert as_viewer.returncode != 0 and "baseline" in as_viewer.stderr, as_viewer.stdout + as_viewer.stderr
    as_officer = xk("baseline", "import", csv, "--coordinator", stats_ep, "--keys", keys, "--config", CONFIG)
    assert "imported 1 rows" in as_officer.stdout, as_officer.stdout + as_officer.stderr
    assert "00286" in xk("baseline", "show", "--coordinator", stats_ep, "--keys", keys).stdout
    assert c.alive()


def test_a_revoked_viewer_is_refused_on_its_open_connection_within_five_seconds(keyed):
    d, c, keys, stats_ep = keyed
    res = xk("keys", "add", "--role", "viewer", "--name", "viewer-2", "--keys", keys)
    assert res.returncode == 0, res.stdout + res.stderr
    time.sleep(1.2)  # the coordinator reads authorized.yaml again within a second of a change
    s = peer(stats_ep, keys, "viewer-2")
    try:
        assert "rows" in ask(s)
        res = xk("keys", "revoke", "viewer-2", "--keys", keys)
        assert res.returncode == 0, res.stdout + res.stderr
        revoked_at = time.time()
        refused = False
        while time.time() - revoked_at < 5.0:
            answer = ask(s, timeout=1.0)
            if answer is None or error_code(answer) == "forbidden":
                refused = True
                break
            time.sleep(0.2)
        assert refused, "the revoked viewer was still answered 5 s after `xk keys revoke`"
    finally:
        s.close()
    # The line is written before the answer is sent, but this test reads the coordinator's stderr on a thread.
    assert c.wait_for_line("the key of viewer-2 is revoked", key="stderr", timeout=5), c.tail()
    assert c.alive(), "the coordinator restarted or stopped"


def test_the_keyed_coordinator_follows_the_keyed_dispatchers_events(keyed):
    d, c, keys, stats_ep = keyed
    for _ in range(6):
        res = xk("enqueue", "--dispatcher", d.endpoint, "--keys", keys, "--ward", "00286", "--procedure", "1.001193")
        assert res.returncode == 0, res.stdout + res.stderr
    received = None
    deadline = time.time() + 20
    while time.time() < deadline:
        out = xk("stats", "--coordinator", stats_ep, "--keys", keys, "--by", "ward", "--format", "json")
        assert out.returncode == 0, out.stderr
        received = {r["key"].split("@")[0]: r.get("received") for r in json.loads(out.stdout)["rows"]}
        if received.get("00286") == 6:
            break
        time.sleep(0.3)
    assert received.get("00286") == 6, received
    # The recount reads the dispatcher's journal (xk.events) and asks the coordinator, both as officer.
    verify = xk("stats", "verify", "--coordinator", stats_ep, "--config", CONFIG, "--dispatcher", d.endpoint,
                "--keys", keys)
    assert verify.returncode == 0 and "no difference" in verify.stdout, verify.stdout + verify.stderr
    assert "identity=coordinator" in d.text("stderr"), "the coordinator did not connect to the dispatcher as coordinator"


def test_no_open_door_beyond_loopback_for_the_coordinator(tmp_path):
    port = free_port()
    out = subprocess.run([str(xk_binary()), "coordinator", "--config", str(CONFIG), "--dispatcher", "tcp://127.0.0.1:9",
                          "--events", "tcp://127.0.0.1:9", "--store", "sqlite:%s" % (tmp_path / "s.sqlite"),
                          "--endpoint", "tcp://0.0.0.0:%d" % port],
                         cwd=str(REPO_ROOT), capture_output=True, text=True, timeout=30)
    assert out.returncode != 0
    assert "--keys" in out.stderr and "--insecure" in out.stderr and "statistics" in out.stderr, out.stderr
