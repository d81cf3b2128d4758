"""A worker SIGKILLed in the middle of a request: the request goes to another worker."""

import os
import signal

import pytest

from mdp_peers import MajortomoClientAdapter, Mdp01Client, Rfc18Client, ThreadWorker, wait_for_mmi

SERVICE = "ward.00286"


CLIENTS = {"rfc18": Rfc18Client, "majortomo": MajortomoClientAdapter, "mdp01": Mdp01Client}


@pytest.mark.parametrize("dialect", ["rfc18", "majortomo", "mdp01"])
def test_request_of_killed_worker_is_answered_by_another(dispatcher, worker_process, dialect):
    d = dispatcher("--heartbeat-interval", "0.5")
    # Worker A takes the request and hangs: an RFC 18 worker keeps heartbeating while it hangs,
    # majortomo's Worker is silent while busy.
    a = worker_process(dialect, d.endpoint, SERVICE, mode="hang", tag="A")
    wait_for_mmi(d.endpoint, SERVICE.encode(), dialect=dialect)  # only A is registered now

    client = CLIENTS[dialect](d.endpoint)
    partials_of_b = [] if dialect == "mdp01" else [[b"B", b"partial-1"], [b"B", b"partial-2"]]
    with client:
        client.send(SERVICE.encode(), b"case-42", b"Bach Mai")
        a.expect_line("GOT case-42|Bach Mai", timeout=10)

        b = worker_process(dialect, d.endpoint, SERVICE, mode="echo", tag="B")
        b.expect_line("CONNECTED", timeout=10)
        os.kill(a.pid, signal.SIGKILL)
        assert a.wait(5) == -signal.SIGKILL

        partials, final = client.collect(SERVICE.encode(), timeout=20)
        assert final == [b"B", b"final", b"case-42", b"Bach Mai"]
        assert partials == partials_of_b
        b.expect_line("GOT case-42|Bach Mai", timeout=5)

        # A is off the books: the next request is answered by B too.
        assert client.request(SERVICE.encode(), b"case-43") == (partials_of_b, [b"B", b"final", b"case-43"])
    assert "ERROR" not in b.text("stdout")
    d.check_alive()


@pytest.mark.parametrize("dialect", ["rfc18", "majortomo"])
def test_request_of_frozen_worker_is_answered_by_another(dispatcher, worker_process, dialect):
    """A worker frozen with SIGSTOP keeps its TCP connection but falls silent: liveness expiry
    (heartbeat liveness for a worker that heartbeats while busy, --busy-timeout for majortomo's
    silent-while-busy worker) hands its request to another worker."""
    d = dispatcher("--heartbeat-interval", "0.5", "--busy-timeout", "2")
    a = worker_process(dialect, d.endpoint, SERVICE, mode="hang", tag="A")
    wait_for_mmi(d.endpoint, SERVICE.encode(), dialect=dialect)
    client = CLIENTS[dialect](d.endpoint)
    try:
        with client:
            client.send(SERVICE.encode(), b"case-7")
            a.expect_line("GOT case-7", timeout=10)
            b = worker_process(dialect, d.endpoint, SERVICE, mode="echo", tag="B")
            os.kill(a.pid, signal.SIGSTOP)
            partials, final = client.collect(SERVICE.encode(), timeout=20)
            assert final == [b"B", b"final", b"case-7"]
            assert partials == [[b"B", b"partial-1"], [b"B", b"partial-2"]]
            b.expect_line("GOT case-7", timeout=5)
    finally:
        os.kill(a.pid, signal.SIGCONT)
    d.check_alive()


@pytest.mark.parametrize("dialect", ["rfc18", "majortomo", "mdp01"])
def test_second_ready_disconnects_worker_and_redelivers_its_request(dispatcher, dialect):
    """A registered worker that says READY again is disconnected and forgotten; the request it
    held goes to another worker of the service."""
    d = dispatcher()
    service = SERVICE.encode()
    a = ThreadWorker(d.endpoint, service, dialect, handler=lambda body, dialect: None, tag=b"A").start()
    b = None
    try:
        wait_for_mmi(d.endpoint, service)
        with Rfc18Client(d.endpoint) as client:
            client.send(service, b"case-9")
            a.wait_for(lambda: len(a.requests) == 1, 10, "the request")
            b = ThreadWorker(d.endpoint, service, "rfc18", tag=b"B").start()
            a.send_command(a.READY, service)
            a.wait_disconnected(10)
            partials, final = client.collect(service, timeout=15)
            assert (partials, final) == ([[b"B", b"partial-1"], [b"B", b"partial-2"]], [b"B", b"final", b"case-9"])
        assert a.errors == [] and b.errors == []
    finally:
        a.close()
        if b is not None:
            b.close()
    d.check_alive()
