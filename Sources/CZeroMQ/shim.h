#ifndef XK_CZEROMQ_SHIM_H
#define XK_CZEROMQ_SHIM_H
#include <zmq.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <errno.h>

/// errno is a macro over a thread-local; Swift cannot read it directly everywhere.
static inline int xk_errno(void) { return errno; }
#endif
