// Load generator for the dispatcher's durable xk.submit (issue 13); see run.sh beside it.
// Build: cc -O2 -o subload subload.c -lzmq -lpthread.  Usage: subload ENDPOINT CLIENTS WINDOW SECONDS
// xk.submit load: C clients (DEALER, MDP/0.2 RFC 18) x W in flight for D seconds; prints answers/s and bad answers.
#include <zmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
static const char *EP; static int W; static double D;
static const char *BODY = "{\"channel\":\"walk_in\",\"citizen\":{\"ageBand\":\"70_79\"},\"helpType\":\"submit_dossier\",\"priority\":{\"elderly\":true},\"procedure\":\"1.001193\",\"ward\":\"00286\"}";
static void *ctx; static long total_ok[64], total_bad[64];
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static void sendone(void *s){ zmq_send(s,"MDPC02",6,ZMQ_SNDMORE); zmq_send(s,"\x01",1,ZMQ_SNDMORE); zmq_send(s,"xk.submit",9,ZMQ_SNDMORE); zmq_send(s,BODY,strlen(BODY),0);}
static void *client(void *arg){ long i=(long)arg; void *s=zmq_socket(ctx,ZMQ_DEALER); int z=0; zmq_setsockopt(s,ZMQ_LINGER,&z,sizeof z); zmq_connect(s,EP);
  double end=now()+D; int inflight=0; for(int k=0;k<W;k++){sendone(s);inflight++;}
  char buf[4096];
  while(inflight>0){ zmq_pollitem_t it={s,0,ZMQ_POLLIN,0}; if(zmq_poll(&it,1,3000)<=0) break;
    for(;;){ int more=1, n=0, last=0; int first=1;
      while(more){ int r=zmq_recv(s,buf,sizeof buf-1,first?ZMQ_DONTWAIT:0); if(r<0){ if(first) goto out; break;} first=0; last=r; int m; size_t ms=sizeof m; zmq_getsockopt(s,ZMQ_RCVMORE,&m,&ms); more=m; n++; }
      buf[last<4095?last:4095]=0; if(strncmp(buf,"{\"d",3)==0) total_ok[i]++; else total_bad[i]++;
      inflight--; if(now()<end){sendone(s);inflight++;}
    }
    out:;
  }
  zmq_close(s); return NULL;}
int main(int c,char**v){ EP=v[1]; int C=atoi(v[2]); W=atoi(v[3]); D=atof(v[4]); ctx=zmq_ctx_new(); pthread_t t[64]; double t0=now();
  for(long i=0;i<C;i++) pthread_create(&t[i],NULL,client,(void*)i); for(int i=0;i<C;i++) pthread_join(t[i],NULL);
  long ok=0,bad=0; for(int i=0;i<C;i++){ok+=total_ok[i];bad+=total_bad[i];} double el=now()-t0;
  printf("RESULT ok=%ld bad=%ld secs=%.2f rate=%.0f\n",ok,bad,el,ok/el); zmq_ctx_term(ctx); return 0;}
