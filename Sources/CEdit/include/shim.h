// libedit (BSD editline) and terminal bits for the REPL. el_set and history are variadic, which Swift cannot call: each use we
// need gets a fixed-signature wrapper, prefixed bmrs_.
#ifndef BMRS_CEDIT_SHIM_H
#define BMRS_CEDIT_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

/// el_init on the process's standard streams (C globals Swift 6 cannot read safely).
static inline EditLine *bmrs_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

static inline int bmrs_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int bmrs_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }

static inline int bmrs_el_set_signal(EditLine *el, int handle) { return el_set(el, EL_SIGNAL, handle); }

static inline int bmrs_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}

static inline int bmrs_el_addfn(
    EditLine *el, const char *name, const char *help, unsigned char (*function)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int bmrs_el_set_getcfn(EditLine *el, int (*getc)(EditLine *, wchar_t *)) {
    return el_set(el, EL_GETCFN, getc);
}

static inline int bmrs_el_set_history(EditLine *el, History *history_handle) {
    return el_set(el, EL_HIST, history, history_handle);
}

static inline int bmrs_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int bmrs_history_setunique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

static inline int bmrs_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

static inline int bmrs_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

static inline int bmrs_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
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
