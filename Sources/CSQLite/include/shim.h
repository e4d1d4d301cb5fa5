#ifndef BMRS_CSQLITE_SHIM_H
#define BMRS_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a function-pointer cast macro Swift cannot import.
static inline int bmrs_sqlite3_bind_text_transient(sqlite3_stmt *s, int i, const char *z, int n) {
    return sqlite3_bind_text(s, i, z, n, SQLITE_TRANSIENT);
}
static inline int bmrs_sqlite3_bind_blob_transient(sqlite3_stmt *s, int i, const void *z, int n) {
    return sqlite3_bind_blob(s, i, z, n, SQLITE_TRANSIENT);
}
static inline void bmrs_sqlite3_result_text_transient(sqlite3_context *c, const char *z, int n) {
    sqlite3_result_text(c, z, n, SQLITE_TRANSIENT);
}
/// sqlite3_vtab_config is variadic.
static inline int bmrs_sqlite3_vtab_config_innocuous(sqlite3 *db) {
    return sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
}
/// sqlite3_db_config is variadic.
static inline int bmrs_sqlite3_db_config_defensive(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}
#endif
