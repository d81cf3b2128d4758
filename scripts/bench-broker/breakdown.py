"""Reads `perf script -F comm,tid,ip,sym` with call graphs on stdin and prints where the dispatcher's two busy
threads spent their samples: the broker loop (kernel name `oot.default-qos`) and libzmq's I/O thread."""
import collections
import sys

samples, current = [], None
for line in sys.stdin:
    if not line.strip():
        if current: samples.append(current)
        current = None
    elif not line.startswith(('\t', ' ')):
        current = (line.split()[0], [])
    elif current is not None:
        parts = line.split(None, 1)
        current[1].append(parts[1].strip() if len(parts) > 1 else '?')
if current: samples.append(current)


def loop_part(stack):
    text = ' | '.join(stack)
    if '__libc_write' in text: return 'eventfd write (waking the I/O thread)' if 'zmq_send' in text else 'write, other'
    if 'do_sys_poll' in text or 'poll_schedule' in text: return 'poll: asleep / waking (kernel)'
    if 'hasInput' in text or 'zmq_poll' in text: return 'ZMQ_EVENTS / zmq_poll (libzmq commands)'
    if 'zmq_send' in text: return 'zmq_send, per frame'
    if 'zmq_msg_recv' in text: return 'zmq_msg_recv, per frame'
    if 'receiveFrames' in text: return 'receive: frames into Swift arrays'
    if 'BrokerV7receive' in text: return 'Broker.receive (state machine, codecs)'
    if 'flush' in text: return 'flush: sending loop (Swift)'
    if 'drainSocket' in text: return 'drain: other'
    return 'other'


def io_part(stack):
    text = '|'.join(stack)
    for key, name in (('epoll_wait', 'epoll_wait: asleep / waking'), ('__libc_write', 'eventfd write (waking the loop)'),
                      ('libc_send', 'TCP send (waking the peers too)'), ('__libc_recv', 'TCP recv'),
                      ('epoll_ctl', 'epoll_ctl'), ('__libc_read', 'eventfd read')):
        if key in text: return name
    return 'libzmq user code (encode, decode, pipes)'


for label, match, part in (('loop thread', 'default-qos', loop_part), ('I/O thread', 'ZMQbg/IO', io_part)):
    chosen = [s for s in samples if match in s[0]]
    if not chosen: continue
    print(f"\n{label}: {len(chosen)} samples, {100 * len(chosen) / len(samples):.0f}% of the process")
    for name, count in collections.Counter(part(s[1]) for s in chosen).most_common():
        print(f"  {100 * count / len(chosen):5.1f}%  {name}")
    if part is loop_part:
        runtime = collections.Counter()
        for s in chosen:
            top = '|'.join(s[1][:3])
            for key in ('swift_retain', 'swift_release', 'malloc', 'free', 'Hasher', 'memcpy', 'getpid'):
                if key in top: runtime[key] += 1
        print('  of which, near the top of the stack: ' + ', '.join(
            f"{key} {100 * n / len(chosen):.1f}%" for key, n in runtime.most_common()))
