/* Force-included when bench/peers/run.sh builds a second copy of bench/climit.c (gcc -include bench/peers/cpuclock.h):
 * its CLOCK_MONOTONIC becomes the process CPU clock, so the C limit is also reported in CPU time, which a shared,
 * busy machine disturbs far less than wall time. climit.c itself is unchanged. */
#include <time.h>
#undef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC CLOCK_PROCESS_CPUTIME_ID
