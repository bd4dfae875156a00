/* The plan and the time of one statement on the SQLite the app runs (issue 11) — on demand, never a timed test.
 *
 * The Debian `sqlite3` is older than the SQLite sqlite-nio builds into the app, and their planners differ (session
 * 34: 3.40 started the award lookup from a commune's units, 3.54 walked the country's people in name order).
 * Built by ./build.sh from sqlite-nio's own amalgamation (Vendor/sqlite-nio), with its compile-time options:
 *
 *     Benchmarks/sqlite/build.sh
 *     Benchmarks/sqlite/plan DB "SELECT … WHERE path >= ?1 AND path < ?2" /3/335/ /3/3350
 *
 * prints EXPLAIN QUERY PLAN, then runs the statement five times (text binds ?1, ?2, … from the arguments) and
 * prints its rows and milliseconds each time. The database is opened read-only.
 */
#include <stdio.h>
#include <time.h>
#include "sqlite_nio_sqlite3.h"

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, int argc, char **argv) {
    sqlite3_stmt *st = NULL;
    if (sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite_nio_sqlite3_errmsg(db));
        return NULL;
    }
    for (int i = 3; i < argc; i++) sqlite_nio_sqlite3_bind_text(st, i - 2, argv[i], -1, SQLITE_TRANSIENT);
    return st;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: plan DB SQL [BIND…]\n");
        return 2;
    }
    sqlite3 *db;
    if (sqlite_nio_sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    printf("SQLite %s\n", sqlite_nio_sqlite3_libversion());
    char explain[65536];
    snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", argv[2]);
    sqlite3_stmt *st = prepare(db, explain, argc, argv);
    if (!st) return 1;
    while (sqlite_nio_sqlite3_step(st) == SQLITE_ROW) printf("%s\n", (const char *)sqlite_nio_sqlite3_column_text(st, 3));
    sqlite_nio_sqlite3_finalize(st);
    for (int run = 0; run < 5; run++) {
        double t = now_ms();
        st = prepare(db, argv[2], argc, argv);
        if (!st) return 1;
        int rows = 0;
        while (sqlite_nio_sqlite3_step(st) == SQLITE_ROW) rows++;
        sqlite_nio_sqlite3_finalize(st);
        printf("rows %d  %.3f ms\n", rows, now_ms() - t);
    }
    sqlite_nio_sqlite3_close(db);
    return 0;
}
