/* The least any exact cross-entropy forward pass must do: for each row find the max and sum exp(x - max).
 * Single-threaded; built by bench/run.sh with gcc -O3 -march=native -ffast-math so that glibc's libmvec supplies
 * the vectorised exp. Prints the median time over several runs for each shape, in the same format as the engine
 * benchmark:  climit ROWSxCLASSES float64 threads=1 forward_ms=T
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Returns Σ_rows log Σ_c exp(x_c - max) + max, so the compiler cannot drop the work. */
static double forward(const double *x, long rows, long classes) {
    double total = 0;
    for (long i = 0; i < rows; i++) {
        const double *r = x + i * classes;
        double m = r[0];
        for (long c = 1; c < classes; c++) m = r[c] > m ? r[c] : m;
        double s = 0;
        for (long c = 0; c < classes; c++) s += exp(r[c] - m);
        total += m + log(s);
    }
    return total;
}

int main(int argc, char **argv) {
    long shapes[3][2] = {{1000000, 10}, {100000, 1000}, {2000, 50000}};
    int repeats = argc > 1 ? atoi(argv[1]) : 7;
    srand(42);
    for (int k = 0; k < 3; k++) {
        long rows = shapes[k][0], classes = shapes[k][1], n = rows * classes;
        double *x = malloc(n * sizeof(double));
        for (long i = 0; i < n; i++) x[i] = 4.0 * rand() / RAND_MAX - 2.0;
        double *times = malloc(repeats * sizeof(double)), sink = forward(x, rows, classes);
        for (int r = 0; r < repeats; r++) {
            double t = now_ms();
            sink += forward(x, rows, classes);
            times[r] = now_ms() - t;
        }
        qsort(times, repeats, sizeof(double), cmp);
        printf("climit %ldx%ld float64 threads=1 forward_ms=%.2f (checksum %g)\n", rows, classes, times[repeats / 2], sink);
        free(x);
        free(times);
    }
    return 0;
}
