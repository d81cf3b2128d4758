"""The Majordomo Management Interface (RFC 8) as the dispatcher answers it, in every client dialect."""

import pytest

from mdp_peers import (DIALECTS, Mdp01Client, MajortomoClientAdapter, MajortomoWireClient, Rfc18Client,
                       ThreadWorker, wait_for_mmi)

CLIENTS = {
    "rfc18": Rfc18Client,
    "majortomo": MajortomoClientAdapter,  # the real majortomo.Client
    "majortomo-wire": MajortomoWireClient,
    "mdp01-DEALER": lambda ep: Mdp01Client(ep, use_req=False),
    "mdp01-REQ": lambda ep: Mdp01Client(ep, use_req=True),
}


def test_mmi_service_answers_in_every_dialect(dispatcher):
    d = dispatcher()
    with ThreadWorker(d.endpoint, b"ward.00286", "rfc18") as worker:
        wait_for_mmi(d.endpoint, b"ward.00286")
        for name, make in CLIENTS.items():
            with make(d.endpoint) as client:
                # request() checks the service frame ("mmi.service" / "mmi.foo") where the dialect has one.
                assert client.request(b"mmi.service", b"ward.00286") == ([], [b"200"]), name
                assert client.request(b"mmi.service", b"ward.99999") == ([], [b"404"]), name
                assert client.request(b"mmi.foo", b"ward.00286") == ([], [b"501"]), name
                assert client.request(b"mmi.service", b"mmi.service") == ([], [b"404"]), name
        # mmi.* is answered by the dispatcher, never handed to a worker.
        assert worker.requests == []
        assert worker.errors == []
    # Once the worker has said DISCONNECT, the service is unknown again.
    wait_for_mmi(d.endpoint, b"ward.00286", expected=b"404", timeout=5)
    d.check_alive()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_worker_ready_for_mmi_is_disconnected(dispatcher, dialect):
    d = dispatcher()
    for name in (b"mmi.service", b"mmi.foo"):
        with ThreadWorker(d.endpoint, name, dialect) as worker:
            # The worker checks that DISCONNECT comes in its own dialect and with no extra frames.
            worker.wait_disconnected(5)
            assert worker.errors == []
            assert worker.requests == []
        with Rfc18Client(d.endpoint) as client:
            assert client.request(b"mmi.service", name) == ([], [b"404"])
    d.check_alive()


def test_real_majortomo_worker_ready_for_mmi_is_disconnected(dispatcher, worker_process):
    d = dispatcher()
    w = worker_process("majortomo", d.endpoint, "mmi.service")
    # majortomo.Worker.wait_for_request raises Disconnected on the broker's DISCONNECT.
    w.expect_line("DISCONNECTED", timeout=10)
    assert w.wait(5) == 0
    d.check_alive()
