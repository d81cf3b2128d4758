"""`xk backup` / `xk restore`: an online backup of a dispatcher's journal taken while citizens' requests pour in is
consistent, carries its keys (owner-only) beside it, and restored into a new data folder makes a dispatcher that
carries on with the next id and hands out again every request that was open, the citizens' phones readable."""

import json
import os
import sqlite3
import stat
import subprocess
import threading

import zmq

from conftest import REPO_ROOT, run_xk, wait_until, xk_binary
from test_crash import call
from test_durable_cli import WardWorker

OPEN_STATES = ("RESOLVED", "CLOSED", "CANCELLED")


def submit(ctx, endpoint, ward, n):
    body = {"ward": ward, "procedure": "1.001193", "helpType": "submit_dossier", "channel": "walk_in",
            "citizen": {"shortName": "Bà Lan", "phone": "0912 %03d %03d" % (n // 1000, n % 1000)},
            "consent": {"given": True, "textVersion": "XK-HBT-2024-01"}}
    return call(ctx, endpoint, b"xk.submit", json.dumps(body).encode())["id"]


def xk(*args):
    return subprocess.run([str(xk_binary())] + [str(a) for a in args], cwd=str(REPO_ROOT), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, encoding="utf-8", timeout=60)


def test_backup_under_load_restores_into_a_dispatcher_that_carries_on(dispatcher, tmp_path):
    d = dispatcher("--data", str(tmp_path / "d"), "--heartbeat-interval", "0.25")
    ctx = zmq.Context.instance()
    # Ward 00286's worker resolves what it gets; ward 00289 has none, so its requests stay open (waiting).
    resolver = WardWorker(d.endpoint, ward="00286", credit=50)
    resolver.start()
    submitted = []
    stop = threading.Event()

    def load():
        n = 0
        while not stop.is_set():
            submitted.append(submit(ctx, d.endpoint, ("00286", "00289")[n % 2], n))
            n += 1

    loader = threading.Thread(target=load, daemon=True)
    loader.start()
    backup = tmp_path / "backups" / "journal.sqlite"
    backup.parent.mkdir()
    try:
        wait_until(lambda: len(submitted) >= 40, 30, "40 requests accepted")
        res = xk("backup", "--data", tmp_path / "d", "--to", backup)
        during = len(submitted)
        wait_until(lambda: len(submitted) >= during + 20, 30, "the dispatcher still accepting after the backup")
    finally:
        stop.set()
        loader.join(30)
        resolver.stopping.set()
    assert res.returncode == 0, res.stderr
    assert str(backup) in res.stdout and "personal-data.keys" in res.stdout, res.stdout
    d.check_alive()

    # The copy and its keys are owner-only; the journal is one consistent commit: every request and its events.
    keys = [backup.parent / (backup.name + ".personal-data.keys"), backup.parent / (backup.name + ".citizen-pseudonym.key")]
    for path in [backup] + keys:
        assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600, path
    assert not (backup.parent / (backup.name + "-wal")).exists()
    with sqlite3.connect(str(backup)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        numbers = [n for (n,) in db.execute("SELECT number FROM request ORDER BY number")]
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 40, numbers[:5]
        accepted = db.execute("SELECT count(*) FROM event WHERE kind = 'accepted'").fetchone()[0]
        assert accepted == len(numbers)
        open_ids = sorted(i for (i,) in db.execute(
            "SELECT id FROM request WHERE state NOT IN (?, ?, ?)", OPEN_STATES))
        body = db.execute("SELECT body FROM request LIMIT 1").fetchone()[0]
    assert b"0912" not in bytes(body), "the citizen's phone is sealed in the backup too"
    assert open_ids, "ward 00289 has no worker, so its requests were open"
    assert len(submitted) > len(numbers), "the backup is a copy as of one moment, not of the end"

    # A second backup to the same name is refused and leaves the first as it was.
    before = backup.read_bytes()
    again = xk("backup", "--data", tmp_path / "d", "--to", backup)
    assert again.returncode != 0 and "exists already" in again.stderr, again.stderr
    assert backup.read_bytes() == before

    # The district's server is lost; the backup goes into a new folder on a new one.
    d.stop()
    restored = xk("restore", "--from", backup, "--data", tmp_path / "new")
    assert restored.returncode == 0, restored.stderr
    assert stat.S_IMODE(os.stat(str(tmp_path / "new")).st_mode) == 0o700
    for name in ("journal.sqlite", "personal-data.keys", "citizen-pseudonym.key"):
        assert stat.S_IMODE(os.stat(str(tmp_path / "new" / name)).st_mode) == 0o600, name
    refused = xk("restore", "--from", backup, "--data", tmp_path / "new")
    assert refused.returncode != 0 and "exists already" in refused.stderr, refused.stderr

    d2 = dispatcher("--data", str(tmp_path / "new"), "--heartbeat-interval", "0.25")
    assert submit(ctx, d2.endpoint, "00289", 999) == "007-%07d" % (len(numbers) + 1)
    workers = [WardWorker(d2.endpoint, ward=ward, credit=500) for ward in ("00286", "00289")]
    for w in workers:
        w.start()
    try:
        def delivered():
            got = {x["id"]: x for w in workers for x in w.deliveries}
            return got if set(open_ids) <= set(got) else None
        got = wait_until(delivered, 30, "every request open in the backup delivered again")
        for request_id in open_ids:
            assert got[request_id]["request"]["citizen"]["phone"].replace(" ", "").startswith("0912"), got[request_id]
    finally:
        for w in workers:
            w.stopping.set()
    d2.check_alive()
