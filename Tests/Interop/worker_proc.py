"""A Majordomo worker as its own process, for tests that kill workers.

    python worker_proc.py --dialect rfc18|majortomo|mdp01 --endpoint tcp://... --service ward.00286 \
        --mode echo|hang [--tag B] [--heartbeat 0.25]

Prints "GOT <body frames joined by '|'>" to stdout (flushed) for every request it receives.
mode echo: answers with two partials (not in mdp01) and a final [tag, "final", body...].
mode hang: answers nothing; an rfc18/mdp01 worker keeps heartbeating while it hangs (as RFC 18
asks), a majortomo worker is silent while busy (as majortomo 0.2.0 is).
The majortomo dialect uses the real majortomo.Worker.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mdp_peers  # noqa: E402


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def describe(body):
    return "|".join(f.decode("utf-8", "replace") for f in body)


def run_majortomo(args):
    import majortomo

    worker = majortomo.Worker(args.endpoint, args.service, heartbeat_interval=args.heartbeat)
    worker.connect()
    say("CONNECTED")
    while True:
        try:
            client, body = worker.wait_for_request()
        except majortomo.error.Disconnected:
            say("DISCONNECTED")
            return
        say("GOT " + describe(body))
        if args.mode == "hang":
            while True:
                time.sleep(3600)
        tag = args.tag.encode()
        worker.send_reply_partial(client, [tag, b"partial-1"])
        worker.send_reply_partial(client, [tag, b"partial-2"])
        worker.send_reply_final(client, [tag, b"final"] + list(body))


def run_raw(args):
    tag = args.tag.encode()
    echo = mdp_peers.echo_handler(tag)

    def handler(body, dialect):
        return None if args.mode == "hang" else echo(body, dialect)

    loop = mdp_peers.WorkerLoop(args.endpoint, args.service.encode(), args.dialect, handler=handler,
                                heartbeat=args.heartbeat, tag=tag,
                                on_request=lambda req: say("GOT " + describe(req.body)))
    say("CONNECTED")
    loop.run()
    for error in loop.errors:
        say("ERROR " + error)
    if loop.disconnected.is_set():
        say("DISCONNECTED")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dialect", choices=mdp_peers.DIALECTS, required=True)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--service", required=True)
    parser.add_argument("--mode", choices=("echo", "hang"), default="echo")
    parser.add_argument("--tag", default="worker")
    parser.add_argument("--heartbeat", type=float, default=0.25)
    args = parser.parse_args()
    if args.dialect == "majortomo":
        run_majortomo(args)
    else:
        run_raw(args)


if __name__ == "__main__":
    main()
