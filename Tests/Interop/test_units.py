"""Hà Nội since 2025-07-01 with real processes: a dispatcher and a coordinator on config/ha-noi.yaml (which loads the
2020–2024 layouts with it). A code names different units in different periods (00256 was Lê Đại Hành, is Hai Bà
Trưng): statistics keep them apart, a request for an ended unit goes to its one whole successor (the remap shown by
`xk status`) or is refused naming the successors, `--as-of` re-expresses old units, and `xk units switch` moves open
requests of ended units — journaled, so a restarted dispatcher has the same queues — without counting any twice."""

import contextlib
import json
import signal

from conftest import ManagedProcess, REPO_ROOT, free_port, run_xk, wait_until, xk_binary

CONFIG = str(REPO_ROOT / "config" / "ha-noi.yaml")


def xk(*args, check=True):
    return run_xk(*args, check=check)


@contextlib.contextmanager
def coordinator_following(d, events_ep, tmp_path):
    """A coordinator on config/ha-noi.yaml following dispatcher `d` into a new SQLite store; yields its endpoint
    and stops it (SIGTERM, then kill) when the block ends."""
    stats_ep = "tcp://127.0.0.1:%d" % free_port()
    coordinator = ManagedProcess("xk coordinator", [
        str(xk_binary()), "coordinator", "--config", CONFIG, "--dispatcher", d.endpoint, "--events", events_ep,
        "--store", "sqlite:" + str(tmp_path / "facts.sqlite"), "--endpoint", stats_ep], cwd=str(REPO_ROOT))
    assert coordinator.wait_for_line("coordinator starting", key="stderr", timeout=30), coordinator.output()
    try:
        yield stats_ep
    finally:
        coordinator.signal(signal.SIGTERM)
        if coordinator.wait(10) is None:
            coordinator.kill()
        coordinator.finish()


def enqueue_filed(d, ward, day, check=True):
    """A help request for `ward` written on paper on `day` (YYYY-MM-DD)."""
    return xk("enqueue", "--dispatcher", d.endpoint, "--ward", ward, "--procedure", "1.001193",
              "--filed-on", day, check=check)


def test_units_across_the_2025_change_and_the_switch_over(dispatcher, tmp_path):
    events_ep = "tcp://127.0.0.1:%d" % free_port()
    data = str(tmp_path / "d")
    d = dispatcher("--data", data, "--events", events_ep, config=CONFIG)
    with coordinator_following(d, events_ep, tmp_path) as stats_ep:
        def enqueue(ward, day, check=True):
            return enqueue_filed(d, ward, day, check)

        le_dai_hanh = xk("enqueue", "--dispatcher", d.endpoint, "--ward", "00256", "--procedure", "1.001193",
                         "--filed-on", "2024-06-01", "--residential-group", "TDP 3").stdout.strip()
        hai_ba_trung = enqueue("00256", "2026-01-10").stdout.strip()
        dong_nhan = enqueue("00259", "2026-01-10").stdout.strip()
        bach_mai = enqueue("00286", "2024-06-01").stdout.strip()
        refused = enqueue("00241", "2026-01-10", check=False)
        assert refused.returncode != 0
        assert "Phường Nguyễn Du (00241) was split between Phường Cửa Nam (00082, part)" in refused.stderr, refused.stderr

        status = xk("status", dong_nhan, "--dispatcher", d.endpoint).stdout
        assert "ward 00256" in status and "unit 00256@2025-07-01 Hai Bà Trưng" in status, status
        assert "remapped from 00259@2025-01-01 Đồng Nhân" in status, status

        def rows(*extra):
            # Exported rows of under 5 citizens hide their counts, not their keys; counts come from the table.
            out = xk("stats", "--coordinator", stats_ep, "--by", "ward", "--format", "json", "--config", CONFIG, *extra)
            return {r["key"]: r for r in json.loads(out.stdout)["rows"]}

        def table_totals(*extra):
            """The table's total line: (received, open, resolved)."""
            out = xk("stats", "--coordinator", stats_ep, "--by", "ward", "--config", CONFIG, *extra).stdout
            line = next(l for l in out.splitlines() if l.startswith("total"))
            return tuple(int(v) for v in line.split()[1:4])
        wait_until(lambda: table_totals()[0] == 4, 30, "the coordinator counts the four requests")
        got = rows()
        assert sorted(got) == ["00256@2020-01-01", "00256@2025-07-01", "00286@2020-01-01"], got
        table = xk("stats", "--coordinator", stats_ep, "--by", "ward", "--config", CONFIG).stdout
        assert "00256 Lê Đại Hành (2020-01-01…2024-12-31)" in table and "00256 Hai Bà Trưng (2025-07-01…)" in table, table

        # As of 2025-07-01: Bạch Mai went whole into the new Bạch Mai (00292); Lê Đại Hành was split: its own row.
        as_of = rows("--as-of", "2025-07-01")
        assert sorted(as_of) == ["00256@2020-01-01", "00256@2025-07-01", "00292@2025-07-01"], as_of
        table = xk("stats", "--coordinator", stats_ep, "--by", "ward", "--config", CONFIG, "--as-of", "2025-07-01").stdout
        assert "split between 00226 Phường Văn Miếu - Quốc Tử Giám (part), 00256 Phường Hai Bà Trưng (part), " \
               "00292 Phường Bạch Mai (part)" in table, table

        # A ward's residential-group map places Lê Đại Hành's TDP 3 in Bạch Mai; a bad row is refused by its line.
        groups = tmp_path / "groups.csv"
        groups.write_text("unit,residential_group,new_unit\n00256@2020-01-01,TDP 3,00292\n", encoding="utf-8")
        mapped = rows("--as-of", "2025-07-01", "--group-map", str(groups))
        assert sorted(mapped) == ["00256@2025-07-01", "00292@2025-07-01"], mapped
        assert table_totals("--as-of", "2025-07-01", "--group-map", str(groups))[0] == 4
        groups.write_text("unit,residential_group,new_unit\n00256@2020-01-01,TDP 3,00082\n00256,TDP 4,99999\n",
                          encoding="utf-8")
        bad = xk("stats", "--coordinator", stats_ep, "--by", "ward", "--config", CONFIG, "--as-of", "2025-07-01",
                 "--group-map", str(groups), check=False)
        assert bad.returncode != 0
        assert "groups.csv: line 2: Phường Cửa Nam is not one of Phường Lê Đại Hành's successors" in bad.stderr, bad.stderr
        assert "groups.csv: line 3: new_unit \"99999\" is not a unit in force on 2025-07-01" in bad.stderr, bad.stderr

        # The switch-over: Bạch Mai's open request goes to 00292, Lê Đại Hành's to an operator with its candidates.
        switch = xk("units", "switch", "--dispatcher", d.endpoint, "--at", "2025-07-01T00:00+07:00").stdout
        assert "%s: 00286@2020-01-01 ended; now with ward 00292" % bach_mai in switch, switch
        assert "%s: 00256@2020-01-01 was split; needs attention" % le_dai_hanh in switch, switch
        assert "1 moved, 1 need attention" in switch, switch

        # Journaled: a restarted dispatcher has the same attention list and routes Bạch Mai's request to 00292.
        d.stop(signal.SIGTERM, 10.0)
        # Same endpoints, so the coordinator's catch-up (xk.events) reaches it again after the restart.
        d2 = dispatcher("--data", data, "--events", events_ep, config=CONFIG, port=d.port)
        attention = xk("attention", "--dispatcher", d2.endpoint).stdout
        assert le_dai_hanh in attention and bach_mai not in attention and hai_ba_trung not in attention, attention
        assert "ward 00292" in xk("status", bach_mai, "--dispatcher", d2.endpoint).stdout
        assert "unit 00256@2020-01-01" in attention, attention
        # Switching again after the restart records nothing: every request was switched once already.
        again = xk("units", "switch", "--dispatcher", d2.endpoint, "--at", "2025-07-01T00:00+07:00").stdout
        assert "0 moved, 0 need attention" in again, again
        worker = ManagedProcess("xk worker 00292", [
            str(xk_binary()), "worker", "--config", CONFIG, "--ward", "00292", "--dispatcher", d2.endpoint,
            "--data", str(tmp_path / "w00292"), "--control", "ipc://%s/w.ipc" % tmp_path,
            "--simulate", "--simulate-step-seconds", "0.05"], cwd=str(REPO_ROOT))
        assert worker.wait_for_line("worker connected", key="stderr", timeout=30), worker.output()
        wait_until(lambda: "RESOLVED" in xk("status", bach_mai, "--dispatcher", d2.endpoint).stdout, 30,
                   "the successor's worker resolves the moved request")

        # The operator puts Lê Đại Hành's request in Bạch Mai, one of the candidates; its worker takes it too.
        assert "%s: TRIAGED" % le_dai_hanh in xk("requeue", le_dai_hanh, "--to", "00292", "--dispatcher", d2.endpoint).stdout
        wait_until(lambda: "RESOLVED" in xk("status", le_dai_hanh, "--dispatcher", d2.endpoint).stdout, 30,
                   "the chosen successor resolves the split unit's request")
        worker.signal(signal.SIGTERM)
        assert worker.wait(10) == 0, worker.output()
        worker.finish()
        # Counted once, where filed; the recount from the journal agrees.
        wait_until(lambda: table_totals()[2] == 2, 30, "the coordinator sees the resolutions")
        assert table_totals() == (4, 2, 2)
        assert table_totals("--as-of", "2025-07-01") == (4, 2, 2), "re-expressed, nothing counted twice or lost"
        assert "00286@2020-01-01" in rows(), "the moved request is still counted where it was filed"
        verify = xk("stats", "verify", "--coordinator", stats_ep, "--config", CONFIG, "--dispatcher", d2.endpoint)
        assert "no difference" in verify.stdout, verify.stdout + verify.stderr


def test_a_request_filed_in_the_first_half_of_2025_keeps_its_unit(dispatcher, tmp_path):
    """Hai Bà Trưng had 15 wards from 2025-01-01 to 2025-06-30 (config/hai-ba-trung-2025.yaml, loaded by ha-noi.yaml):
    a paper request for Bạch Mai (00292) filed on 2025-03-01 is accepted under that unit, counted in its own row,
    and --as-of 2025-07-01 in today's Bạch Mai; Đống Mác, whose successor the sources do not name, is refused."""
    events_ep = "tcp://127.0.0.1:%d" % free_port()
    d = dispatcher("--data", str(tmp_path / "d"), "--events", events_ep, config=CONFIG)
    with coordinator_following(d, events_ep, tmp_path) as stats_ep:
        def enqueue(ward, day, check=True):
            return enqueue_filed(d, ward, day, check)
        bach_mai = enqueue("00292", "2025-03-01").stdout.strip()
        status = xk("status", bach_mai, "--dispatcher", d.endpoint).stdout
        assert "unit 00292@2025-01-01 Bạch Mai" in status and "remapped" not in status, status
        refused = enqueue("00265", "2025-03-01", check=False)
        assert refused.returncode != 0
        assert "Phường Đống Mác (00265) no longer existed on 2025-03-01" in refused.stderr, refused.stderr
        assert "its successor is not in the loaded crosswalk" in refused.stderr, refused.stderr

        def table(*extra):
            return xk("stats", "--coordinator", stats_ep, "--by", "ward", "--config", CONFIG, *extra).stdout
        wait_until(lambda: "00292 Bạch Mai (2025-01-01…2025-06-30)" in table(), 30, "the request in its own row")
        as_of = table("--as-of", "2025-07-01")
        assert "00292 Bạch Mai (2025-07-01…)" in as_of and "2025-06-30" not in as_of, as_of


def test_teams_import_reports_every_bad_row_and_writes_nothing_until_all_are_good(tmp_path):
    """`xk teams import UNIT FILE.csv` on a copy of the configs: bad rows by line and exit 1 with nothing written;
    a good roster replaces the unit's generated teams (the "to be confirmed" ones of Lê Đại Hành included)."""
    import shutil
    for path in (REPO_ROOT / "config").glob("*.yaml"):  # ha-noi.yaml and the earlier layouts it names
        shutil.copy(str(path), str(tmp_path / path.name))
    config = str(tmp_path / "ha-noi.yaml")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,members,skills\nTổ 1,5,G15-TP07\n,4,G15-TP07\nTổ 3,0,G99-XX01\n", encoding="utf-8")
    out = xk("teams", "import", "00256", str(bad), "--config", config, check=False)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "bad.csv: line 3: name is empty" in out.stderr, out.stderr
    assert "bad.csv: line 4: members \"0\" is not a whole number of at least 1" in out.stderr, out.stderr
    assert "skill \"G99-XX01\" is not a field" in out.stderr, out.stderr
    assert "2 bad row(s); nothing was written" in out.stderr
    assert not (tmp_path / "ha-noi.rosters").exists()
    good = tmp_path / "good.csv"
    good.write_text("name,members,skills,active\nTổ A,5,G15-TP07;G01-CA05,\nTổ B,4,G07-LĐ03,false\n", encoding="utf-8")
    out = xk("teams", "import", "00256", str(good), "--config", config)
    assert "2 teams for Phường Hai Bà Trưng (00256)" in out.stdout, out.stdout
    roster = (tmp_path / "ha-noi.rosters" / "00256.yaml").read_text(encoding="utf-8")
    assert "00256-T01" in roster and "active: false" in roster and "toBeConfirmed" not in roster
    unknown = xk("teams", "import", "00259", str(good), "--config", config, check=False)
    assert unknown.returncode != 0 and "00259 is not a unit of Thành phố Hà Nội" in unknown.stderr, unknown.stderr


def test_a_journal_of_the_previous_release_read_in_todays_units(dispatcher, tmp_path):
    """The previous release's Hai Bà Trưng journal (Tests/Fixtures/release-872db78) under config/ha-noi.yaml: its
    requests get their 2020–2024 units, the coordinator (on a new store) counts them there and, --as-of a day of
    today's layout, in today's units (Đồng Nhân and Bạch Mai whole, Lê Đại Hành shown split); new requests go on."""
    import shutil
    data = tmp_path / "d"
    shutil.copytree(str(REPO_ROOT / "Tests" / "Fixtures" / "release-872db78" / "dispatcher"), str(data))
    events_ep = "tcp://127.0.0.1:%d" % free_port()
    d = dispatcher("--data", str(data), "--events", events_ep, config=CONFIG)
    assert "units filled in for requests of an earlier release" in d.text("stderr")
    with coordinator_following(d, events_ep, tmp_path) as stats_ep:
        status = xk("status", "007-0000002", "--dispatcher", d.endpoint).stdout
        assert "unit 00256@2020-01-01 Lê Đại Hành" in status, status

        def table(*extra):
            return xk("stats", "--coordinator", stats_ep, "--by", "ward", "--config", CONFIG, *extra).stdout
        def received():
            return int(next(l for l in table().splitlines() if l.startswith("total")).split()[1])
        wait_until(lambda: received() == 4, 30, "the four old requests")
        now = table()
        for line in ("00256 Lê Đại Hành (2020-01-01…2024-12-31)", "00259 Đồng Nhân (2020-01-01…2024-12-31)",
                     "00286 Bạch Mai (2020-01-01…2024-12-31)"):
            assert line in now, now
        today = table("--as-of", "2026-01-01")
        assert "00256 Hai Bà Trưng (2025-07-01…)" in today and "00292 Bạch Mai (2025-07-01…)" in today, today
        assert "00256 Lê Đại Hành (2020-01-01…2024-12-31) — split between" in today, today
        new_id = xk("enqueue", "--dispatcher", d.endpoint, "--ward", "00292", "--procedure", "1.001193").stdout.strip()
        assert new_id == "01-0000005", new_id
        wait_until(lambda: "00292 Bạch Mai (2025-07-01…)" in table(), 30, "the new request in today's unit")
        verify = xk("stats", "verify", "--coordinator", stats_ep, "--config", CONFIG, "--dispatcher", d.endpoint)
        assert "no difference" in verify.stdout, verify.stdout + verify.stderr
