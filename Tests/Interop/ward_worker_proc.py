"""A durable-dispatch ward worker as its own process, for tests that stop or kill it.

    python ward_worker_proc.py --endpoint tcp://... --ward 00286 --outcome GUIDED_ONLY [--delay S]

RFC 18, heartbeating every 0.1 s (also while busy, as RFC 18 asks). For each delivery it prints
"GOT <id> <attempt>", waits --delay seconds, then answers FINAL {"outcome": ...} and prints "DONE <id>".
"""

import argparse
import json
import sys
import time

import zmq

MDPW02 = b"MDPW02"


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--ward", required=True)
    parser.add_argument("--outcome", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()

    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 1000)
    sock.connect(args.endpoint)
    sock.send_multipart([MDPW02, b"\x01", ("ward." + args.ward).encode()])
    say("READY")
    pending = []  # (due, address, id)
    last_beat = 0.0
    while True:
        now = time.time()
        if now - last_beat >= 0.1:
            sock.send_multipart([MDPW02, b"\x05"])
            last_beat = now
        for item in [p for p in pending if p[0] <= now]:
            pending.remove(item)
            sock.send_multipart([MDPW02, b"\x04", item[1], b"", json.dumps({"outcome": args.outcome}).encode()])
            say("DONE %s" % item[2])
        if sock.poll(20):
            frames = sock.recv_multipart()
            if frames[1] == b"\x02":
                delivery = json.loads(frames[-1])
                say("GOT %s %s" % (delivery["id"], delivery["attempt"]))
                pending.append((time.time() + args.delay, frames[2], delivery["id"]))
            elif frames[1] == b"\x06":
                say("DISCONNECTED")


if __name__ == "__main__":
    main()
