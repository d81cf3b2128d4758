"""Starting and stopping `xk dispatcher`."""

import signal
import time

import pytest

from mdp_peers import Rfc18Client, ThreadWorker, wait_for_mmi


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_stops_dispatcher_with_exit_code_zero(dispatcher, sig):
    d = dispatcher()
    # Some state to tear down: a registered worker, a busy one, and a request queued for nobody.
    with ThreadWorker(d.endpoint, b"ward.00286", "rfc18"), \
            ThreadWorker(d.endpoint, b"ward.00289", "majortomo", handler=lambda body, dialect: None), \
            Rfc18Client(d.endpoint) as client:
        wait_for_mmi(d.endpoint, b"ward.00286")
        wait_for_mmi(d.endpoint, b"ward.00289")
        assert client.request(b"ward.00286", b"x")[1] == [b"rfc18", b"final", b"x"]
        client.send(b"ward.00289", b"never answered")
        client.send(b"ward.00999", b"nobody serves this")
        d.check_alive()
        started = time.monotonic()
        rc = d.stop(sig, timeout=10)
        took = time.monotonic() - started
        assert rc is not None, "dispatcher still running 10 s after %s" % sig.name
        assert rc == 0, "exit code %r after %s" % (rc, sig.name)
        assert took < 5, "dispatcher took %.1f s to stop" % took


def test_signal_stops_idle_dispatcher(dispatcher):
    d = dispatcher()
    assert d.stop(signal.SIGTERM, timeout=10) == 0


@pytest.mark.parametrize("kind", ["missing", "directory", "malformed"])
def test_bad_config_exits_non_zero_naming_the_file(dispatcher, tmp_path, kind):
    if kind == "missing":
        path = tmp_path / "no-such-dir" / "quan-khong-ton-tai.yaml"
    elif kind == "directory":
        path = tmp_path / "a-directory.yaml"
        path.mkdir()
    else:
        path = tmp_path / "broken.yaml"
        path.write_text("district: {code: \"007\"\nwards: [[[\n", encoding="utf-8")
    d = dispatcher(config=path, wait=False)
    rc = d.wait(15)
    assert rc is not None, "dispatcher still running 15 s after start with a %s config" % kind
    assert rc != 0
    d.finish()
    err = d.text("stderr")
    assert str(path) in err, "stderr does not name %s:\n%s" % (path, err)
    assert "dispatcher listening" not in err


def test_endpoint_in_use_exits_non_zero(dispatcher):
    first = dispatcher()
    # Same endpoint a second time: the bind must fail and the process must say so and exit.
    second = dispatcher(port=first.port, wait=False)
    rc = second.wait(15)
    assert rc is not None and rc != 0, "second dispatcher on %s: exit code %r" % (first.endpoint, rc)
    second.finish()
    assert "dispatcher listening" not in second.text("stderr")
    first.check_alive()
