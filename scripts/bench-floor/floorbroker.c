/*
 * floorbroker - the least a Majordomo broker can do with libzmq, as a floor to measure the dispatcher against.
 *
 * One ROUTER socket, one service, MDP/0.2 as RFC 18 writes it (what `mdpload mdp -V 2` speaks), plain workers
 * that take one request at a time. Bodies and routing ids are forwarded as the zmq_msg_t they arrived in (no
 * copy), idle workers and waiting requests are two ring buffers, there are no heartbeats, no expiry, no
 * logging, no checks beyond what routing needs, and the loop blocks in zmq_msg_recv. Whatever this costs per
 * round trip (server CPU, all threads) is what libzmq and the kernel cost on this machine for the workload's
 * message pattern; a real broker can only add to it.
 *
 *   cc -O2 -o floorbroker floorbroker.c -lzmq
 *   floorbroker tcp://127.0.0.1:47700            # runs until killed (bench.sh runs it under timeout)
 *
 * Not a broker to deploy: a malformed message is dropped silently and a vanished worker is never noticed.
 */
#include <zmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXF 8
#define RING 65536

typedef struct { zmq_msg_t cid, body; } pending_t;

static pending_t waiting[RING];
static unsigned w_head, w_tail;          /* requests waiting for a worker */
static zmq_msg_t idle[RING];
static unsigned i_head, i_tail;          /* workers waiting for a request */

static void send_bytes(void *s, const void *data, size_t size, int more)
{
    zmq_send(s, data, size, more ? ZMQ_SNDMORE : 0);
}

/* Sends REQUEST to worker `wid` with the client's id and body; takes ownership of all three messages. */
static void dispatch(void *s, zmq_msg_t *wid, zmq_msg_t *cid, zmq_msg_t *body)
{
    static const unsigned char request = 2;
    zmq_msg_send(wid, s, ZMQ_SNDMORE);
    send_bytes(s, "MDPW02", 6, 1);
    send_bytes(s, &request, 1, 1);
    zmq_msg_send(cid, s, ZMQ_SNDMORE);
    send_bytes(s, "", 0, 1);
    zmq_msg_send(body, s, 0);
}

static int is(zmq_msg_t *m, const char *text, size_t size)
{
    return zmq_msg_size(m) == size && memcmp(zmq_msg_data(m), text, size) == 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: floorbroker ENDPOINT\n");
        return 2;
    }
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, ZMQ_ROUTER);
    if (zmq_bind(s, argv[1]) != 0) {
        fprintf(stderr, "floorbroker: bind %s: %s\n", argv[1], zmq_strerror(zmq_errno()));
        return 1;
    }
    zmq_msg_t f[MAXF];
    for (;;) {
        int n = 0, more = 1;
        while (more) {
            if (n == MAXF) {               /* too many frames: read and drop the rest */
                zmq_msg_t skip;
                zmq_msg_init(&skip);
                zmq_msg_recv(&skip, s, 0);
                more = zmq_msg_more(&skip);
                zmq_msg_close(&skip);
                continue;
            }
            zmq_msg_init(&f[n]);
            if (zmq_msg_recv(&f[n], s, 0) < 0) {
                zmq_msg_close(&f[n]);
                if (n == 0) goto next;
                break;
            }
            more = zmq_msg_more(&f[n]);
            n++;
        }
        /* Every frame is closed at the end: a sent or moved-from message is empty by then, so that is harmless. */
        if (n >= 5 && is(&f[1], "MDPC02", 6) && is(&f[2], "\x01", 1)) {
            /* client: id MDPC02 0x01 service body */
            if (i_head != i_tail) {
                dispatch(s, &idle[i_head++ % RING], &f[0], &f[4]);
            } else if (w_tail - w_head < RING) {
                pending_t *p = &waiting[w_tail++ % RING];
                zmq_msg_init(&p->cid);
                zmq_msg_move(&p->cid, &f[0]);
                zmq_msg_init(&p->body);
                zmq_msg_move(&p->body, &f[4]);
            }
        } else if (n >= 3 && is(&f[1], "MDPW02", 6)) {
            unsigned char command = zmq_msg_size(&f[2]) == 1 ? *(unsigned char *) zmq_msg_data(&f[2]) : 0;
            if (command == 4 && n >= 6) {
                /* worker FINAL: id MDPW02 0x04 client "" body -> client: MDPC02 0x03 service body */
                static const unsigned char final = 3;
                zmq_msg_send(&f[3], s, ZMQ_SNDMORE);
                send_bytes(s, "MDPC02", 6, 1);
                send_bytes(s, &final, 1, 1);
                send_bytes(s, "echo", 4, 1);
                zmq_msg_send(&f[5], s, 0);
                command = 1;               /* the worker is free again */
            }
            if (command == 1) {
                if (w_head != w_tail) {
                    pending_t *p = &waiting[w_head++ % RING];
                    dispatch(s, &f[0], &p->cid, &p->body);
                } else {
                    zmq_msg_t *slot = &idle[i_tail++ % RING];
                    zmq_msg_init(slot);
                    zmq_msg_move(slot, &f[0]);
                }
            }
        }
        for (int k = 0; k < n; k++)
            zmq_msg_close(&f[k]);
    next:;
    }
}
