"""A district with keys (CurveZMQ + ZAP): only the district's keys get in, each message is checked against its key's
role, a revoked key is refused on a connection that is already open, and a dispatcher will not listen beyond
loopback without keys. Real `xk` processes; the foreign peers are pyzmq with CURVE."""

import json
import re
import subprocess
import time

import pytest
import zmq

from conftest import CONFIG, REPO_ROOT, free_port, xk_binary
from test_durable_cli import xk

SUBMIT = json.dumps({"ward": "00286", "procedure": "1.001193", "helpType": "submit_dossier",
                     "channel": "walk_in"}).encode()


def read_key(path):
    """The fields of a NAME.key / NAME.pub file written by `xk keys` (flat YAML, values maybe quoted)."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\w+):\s*(.*)$", line)
        if not m:
            continue
        value = m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] == "'":
            value = value[1:-1].replace("''", "'")
        elif len(value) >= 2 and value[0] == value[-1] == '"':
            value = json.loads(value)
        fields[m.group(1)] = value
    return fields


@pytest.fixture
def district(tmp_path, dispatcher):
    keys = tmp_path / "keys"
    res = xk("keys", "init", "--config", CONFIG, "--out", keys)
    assert res.returncode == 0, res.stdout + res.stderr
    d = dispatcher("--data", tmp_path / "data", "--keys", keys, "--heartbeat-interval", "0.25")
    server = read_key(keys / "dispatcher.pub")["publicKey"].encode()
    return d, keys, server


def socket(endpoint, server, keys=None, name=None, pair=None):
    """A DEALER to the dispatcher: as identity `name` from the key folder, with a given pair, or plaintext."""
    s = zmq.Context.instance().socket(zmq.DEALER)
    s.setsockopt(zmq.LINGER, 0)
    # A peer the dispatcher refuses never completes its handshake, and a DEALER with no ready peer blocks on send.
    s.setsockopt(zmq.SNDTIMEO, 1000)
    if name is not None:
        fields = read_key(keys / ("%s.key" % name))
        pair = (fields["publicKey"].encode(), fields["secretKey"].encode())
    if pair is not None:
        s.curve_serverkey = server
        s.curve_publickey, s.curve_secretkey = pair
    s.connect(endpoint)
    return s


def ask(s, service, body, timeout=3.0):
    """An RFC 18 request; the FINAL's body, or None when it could not be sent or nothing came back in time."""
    try:
        s.send_multipart([b"MDPC02", b"\x01", service, body])
    except zmq.Again:
        return None
    if not s.poll(int(timeout * 1000)):
        return None
    frames = s.recv_multipart()
    assert frames[:2] == [b"MDPC02", b"\x03"], frames
    return frames[-1]


def error_code(body):
    return json.loads(body).get("error", {}).get("code")


def test_only_district_keys_get_in_and_each_role_gets_what_it_may(district):
    d, keys, server = district
    stranger = socket(d.endpoint, server, pair=zmq.curve_keypair())
    plain = socket(d.endpoint, server)
    intake = socket(d.endpoint, server, keys, "intake")
    officer = socket(d.endpoint, server, keys, "officer")
    viewer = socket(d.endpoint, server, keys, "viewer")
    try:
        assert ask(stranger, b"mmi.service", b"xk.submit", timeout=1.5) is None, "a random key got an answer"
        assert ask(plain, b"xk.submit", SUBMIT, timeout=1.5) is None, "a plaintext client got an answer"
        assert ask(intake, b"mmi.service", b"xk.submit") == b"200"
        answer = json.loads(ask(intake, b"xk.submit", SUBMIT))
        assert answer["id"].startswith("007-"), answer
        assert error_code(ask(intake, b"xk.admin", json.dumps({"command": "attention"}).encode())) == "forbidden"
        assert "requests" in json.loads(ask(officer, b"xk.admin", json.dumps({"command": "attention"}).encode()))
        assert error_code(ask(viewer, b"xk.submit", SUBMIT)) == "forbidden"
        status = json.loads(ask(officer, b"xk.status", answer["id"].encode()))
        assert status["state"] == "TRIAGED", status
    finally:
        for s in (stranger, plain, intake, officer, viewer):
            s.close()
    assert "audit: message refused" in d.text("stderr")
    assert "refused a connection with an unknown or revoked key" in d.text("stderr")
    d.check_alive()


def test_a_ward_key_registers_only_its_own_ward(district):
    d, keys, server = district
    impostor = socket(d.endpoint, server, keys, "ward-00286")
    officer = socket(d.endpoint, server, keys, "officer")
    try:
        impostor.send_multipart([b"MDPW02", b"\x01", b"ward.00241"])
        assert impostor.poll(3000), "no answer to a READY for another ward"
        frames = impostor.recv_multipart()
        assert frames[:2] == [b"MDPW02", b"\x06"], "expected DISCONNECT, got %r" % (frames,)
        body = json.dumps({"ward": "00241", "procedure": "1.001193", "helpType": "submit_dossier",
                           "channel": "walk_in"}).encode()
        assert "id" in json.loads(ask(officer, b"xk.submit", body))
        assert not impostor.poll(1500), "the impostor received something after its DISCONNECT"
        assert ask(officer, b"mmi.service", b"ward.00241") == b"404"
    finally:
        impostor.close()
    own = socket(d.endpoint, server, keys, "ward-00286")
    try:
        own.send_multipart([b"MDPW02", b"\x01", b"ward.00286"])
        assert "id" in json.loads(ask(officer, b"xk.submit", SUBMIT))
        deadline = time.time() + 10
        got = None
        while time.time() < deadline and got is None:
            if own.poll(200):
                frames = own.recv_multipart()
                if frames[1] == b"\x02":
                    got = json.loads(frames[-1])
            own.send_multipart([b"MDPW02", b"\x05"])
        assert got is not None and got["request"]["ward"] == "00286", got
    finally:
        own.close()
        officer.close()


def test_a_revoked_key_is_refused_on_its_open_connection_within_five_seconds(district):
    d, keys, server = district
    res = xk("keys", "add", "--role", "intake", "--name", "intake-2", "--keys", keys)
    assert res.returncode == 0, res.stdout + res.stderr
    time.sleep(1.2)  # the dispatcher reads authorized.yaml again within a second of a change
    desk = socket(d.endpoint, server, keys, "intake-2")
    try:
        assert ask(desk, b"mmi.service", b"xk.status") == b"200"
        res = xk("keys", "revoke", "intake-2", "--keys", keys)
        assert res.returncode == 0, res.stdout + res.stderr
        revoked_at = time.time()
        refused = False
        while time.time() - revoked_at < 5.0:
            answer = ask(desk, b"xk.submit", SUBMIT, timeout=1.0)
            if answer is None or error_code(answer) == "forbidden":
                refused = True
                break
            time.sleep(0.2)
        assert refused, "the revoked key was still answered 5 s after `xk keys revoke`"
    finally:
        desk.close()
    listed = xk("keys", "list", "--keys", keys).stdout
    assert re.search(r"^intake-2\s+intake\s+\S+\s+REVOKED$", listed, re.M), listed


def test_the_cli_uses_its_roles_keys(district):
    d, keys, server = district
    res = xk("enqueue", "--dispatcher", d.endpoint, "--keys", keys, "--ward", "00286", "--procedure", "1.001193")
    assert res.returncode == 0, res.stdout + res.stderr
    request_id = res.stdout.strip()
    assert xk("status", request_id, "--dispatcher", d.endpoint, "--keys", keys).returncode == 0
    denied = xk("attention", "--dispatcher", d.endpoint, "--keys", keys, "--identity", "intake")
    assert denied.returncode != 0 and "may not use xk.admin" in denied.stderr, denied.stderr
    assert xk("attention", "--dispatcher", d.endpoint, "--keys", keys).returncode == 0  # officer by default
    unkeyed = xk("status", request_id, "--dispatcher", d.endpoint, "--timeout", "1", "--retries", "0")
    assert unkeyed.returncode != 0, "a client without keys was answered by a keyed dispatcher"


def test_no_open_door_beyond_loopback():
    port = free_port()
    out = subprocess.run([str(xk_binary()), "dispatcher", "--config", str(CONFIG), "--endpoint", "tcp://0.0.0.0:%d" % port],
                         cwd=str(REPO_ROOT), capture_output=True, text=True, timeout=20)
    assert out.returncode != 0
    assert "--keys" in out.stderr and "--insecure" in out.stderr, out.stderr
