// libedit (BSD editline), loaded on first use, and terminal bits for the REPL.
#ifndef BMRS_CEDIT_SHIM_H
#define BMRS_CEDIT_SHIM_H

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

/* libedit is opened with dlopen when the interactive shell starts rather than linked: linking it makes the dynamic
   loader map and bind libedit and what it needs (libtinfo, libbsd, libmd) at every start of bmrs, including the many
   that never edit a line (`bmrs query "SELECT 1"`, `bmrs --version`, cron's `bmrs ingest`). Only the types and
   constants of <histedit.h> are used at compile time; every call goes through the table `bmrs_edit_load` fills. */

/* The libedit functions bmrs calls. */
struct bmrs_edit_api {
    EditLine *(*el_init)(const char *program, FILE *in, FILE *out, FILE *err);
    void (*el_end)(EditLine *el);
    int (*el_set)(EditLine *el, int op, ...);
    const char *(*el_gets)(EditLine *el, int *count);
    const LineInfo *(*el_line)(EditLine *el);
    void (*el_deletestr)(EditLine *el, int count);
    int (*el_insertstr)(EditLine *el, const char *text);
    void (*el_resize)(EditLine *el);
    History *(*history_init)(void);
    void (*history_end)(History *h);
    int (*history)(History *h, HistEvent *ev, int op, ...);
};

/* Opens `library` (e.g. "libedit.so.2") and fills `api`; returns NULL, or dlerror's text when the library or one of
   its functions is missing. Not thread-safe: call it once (the Swift side does, from a lazy global). */
static inline const char *bmrs_edit_load(const char *library, struct bmrs_edit_api *api) {
    void *handle = dlopen(library, RTLD_LAZY | RTLD_LOCAL);
    if (handle == NULL) return dlerror();
#define BMRS_EDIT_SYMBOL(field, name)                        \
    do {                                                     \
        void *symbol = dlsym(handle, name);                  \
        if (symbol == NULL) return dlerror();                \
        *(void **)&api->field = symbol;                      \
    } while (0)
    BMRS_EDIT_SYMBOL(el_init, "el_init");
    BMRS_EDIT_SYMBOL(el_end, "el_end");
    BMRS_EDIT_SYMBOL(el_set, "el_set");
    BMRS_EDIT_SYMBOL(el_gets, "el_gets");
    BMRS_EDIT_SYMBOL(el_line, "el_line");
    BMRS_EDIT_SYMBOL(el_deletestr, "el_deletestr");
    BMRS_EDIT_SYMBOL(el_insertstr, "el_insertstr");
    BMRS_EDIT_SYMBOL(el_resize, "el_resize");
    BMRS_EDIT_SYMBOL(history_init, "history_init");
    BMRS_EDIT_SYMBOL(history_end, "history_end");
    BMRS_EDIT_SYMBOL(history, "history");
#undef BMRS_EDIT_SYMBOL
    return NULL;
}

/* el_init on the process's standard streams (C globals Swift 6 cannot read safely). */
static inline EditLine *bmrs_el_init(const struct bmrs_edit_api *api, const char *program) {
    return api->el_init(program, stdin, stdout, stderr);
}

/* el_set and history are variadic, which Swift cannot call: each use gets a fixed-signature wrapper. */
static inline int bmrs_el_set_prompt(const struct bmrs_edit_api *api, EditLine *el, char *(*prompt)(EditLine *)) {
    return api->el_set(el, EL_PROMPT, prompt);
}

static inline int bmrs_el_set_editor(const struct bmrs_edit_api *api, EditLine *el, const char *mode) {
    return api->el_set(el, EL_EDITOR, mode);
}

static inline int bmrs_el_set_signal(const struct bmrs_edit_api *api, EditLine *el, int handle) {
    return api->el_set(el, EL_SIGNAL, handle);
}

static inline int bmrs_el_bind(const struct bmrs_edit_api *api, EditLine *el, const char *key, const char *command) {
    return api->el_set(el, EL_BIND, key, command, NULL);
}

static inline int bmrs_el_addfn(const struct bmrs_edit_api *api, EditLine *el, const char *name, const char *help,
                                unsigned char (*function)(EditLine *, int)) {
    return api->el_set(el, EL_ADDFN, name, help, function);
}

static inline int bmrs_el_set_getcfn(const struct bmrs_edit_api *api, EditLine *el,
                                     int (*getc)(EditLine *, wchar_t *)) {
    return api->el_set(el, EL_GETCFN, getc);
}

static inline int bmrs_el_set_history(const struct bmrs_edit_api *api, EditLine *el, History *history_handle) {
    return api->el_set(el, EL_HIST, api->history, history_handle);
}

static inline int bmrs_history_setsize(const struct bmrs_edit_api *api, History *h, int size) {
    HistEvent ev;
    return api->history(h, &ev, H_SETSIZE, size);
}

static inline int bmrs_history_setunique(const struct bmrs_edit_api *api, History *h, int unique) {
    HistEvent ev;
    return api->history(h, &ev, H_SETUNIQUE, unique);
}

static inline int bmrs_history_load(const struct bmrs_edit_api *api, History *h, const char *path) {
    HistEvent ev;
    return api->history(h, &ev, H_LOAD, path);
}

static inline int bmrs_history_save(const struct bmrs_edit_api *api, History *h, const char *path) {
    HistEvent ev;
    return api->history(h, &ev, H_SAVE, path);
}

static inline int bmrs_history_enter(const struct bmrs_edit_api *api, History *h, const char *line) {
    HistEvent ev;
    return api->history(h, &ev, H_ENTER, line);
}

/// The terminal's width in columns, or 0 when `fd` is not a terminal (ioctl is variadic).
static inline int bmrs_terminal_width(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

// Ctrl-C: the handler only writes a byte to a pipe (async-signal-safe); a Swift thread reads the other end.
static int bmrs_interrupt_pipe[2] = {-1, -1};

static void bmrs_interrupt_handler(int signal_number) {
    (void)signal_number;
    int saved = errno;
    char byte = 1;
    if (bmrs_interrupt_pipe[1] >= 0) (void)!write(bmrs_interrupt_pipe[1], &byte, 1);
    errno = saved;
}

/// Installs the SIGINT handler (without SA_RESTART, so a blocked poll returns) and returns the descriptor to read
/// one byte per Ctrl-C from, or -1.
static inline int bmrs_install_interrupt_handler(void) {
    if (bmrs_interrupt_pipe[0] < 0) {
        if (pipe(bmrs_interrupt_pipe) != 0) return -1;
        fcntl(bmrs_interrupt_pipe[0], F_SETFD, FD_CLOEXEC);
        fcntl(bmrs_interrupt_pipe[1], F_SETFD, FD_CLOEXEC);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = bmrs_interrupt_handler;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    return bmrs_interrupt_pipe[0];
}

#endif
