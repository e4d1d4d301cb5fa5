#!/usr/bin/env python3
"""REPL timings in a real pseudo-terminal: time from start to the first prompt, and Ctrl-C latency (from the
keystroke to the next prompt while the year is cross-joined with itself). Prints the best of N runs.

The first prompt is timed from just before the fork to the moment its bytes arrive (wall), and by the CPU time the
process has used by then (its threads' /proc/PID/task/*/schedstat), which the machine's load does not inflate."""
import glob, os, pty, select, sys, termios, time

def spawn(binary, store, state):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm")
        os.execve(binary, [binary, "query", "--store", store], env)
    return pid, fd

def wait_for(fd, text, timeout=30.0):
    data = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], end - time.monotonic())
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
            if text in data:
                return time.monotonic()
    raise SystemExit(f"timed out waiting for {text!r}; got {data[-300:]!r}")

def cpu_seconds(pid):
    """CPU time used so far by every thread of `pid` (schedstat's first field, nanoseconds on a CPU)."""
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total / 1e9

def wait_for_mode(fd, canonical, timeout=30.0):
    """Waits until the line editor has the terminal in raw mode (canonical=False) or has given it back."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if bool(termios.tcgetattr(fd)[3] & termios.ICANON) == canonical:
            return
        select.select([], [], [], 0.002)
    raise SystemExit("the terminal mode never changed")

def main():
    binary, store, state, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    prompt, prompt_cpu, cancel = [], [], []
    for _ in range(runs):
        started = time.monotonic()
        pid, fd = spawn(binary, store, state)
        prompt.append(wait_for(fd, b"bmrs> ") - started)
        prompt_cpu.append(cpu_seconds(pid))
        wait_for_mode(fd, canonical=False)
        os.write(fd, b"SELECT count(*) FROM bmrs_fuelhh a, bmrs_fuelhh b;\r")
        wait_for(fd, b"b;\r\n")
        wait_for_mode(fd, canonical=True)
        time.sleep(0.3)  # let the query get going: the latency measured is that of a running statement
        pressed = time.monotonic()
        os.write(fd, b"\x03")
        cancel.append(wait_for(fd, b"bmrs> ") - pressed)
        wait_for_mode(fd, canonical=False)
        os.write(fd, b"\x04")
        os.waitpid(pid, 0)
        os.close(fd)
    prompt.sort()
    print(f"repl: first prompt after {prompt[0] * 1000:.1f} ms wall (median {prompt[len(prompt) // 2] * 1000:.1f} ms), "
          f"{min(prompt_cpu) * 1000:.1f} ms CPU (store holding the year, target 30 ms), "
          f"Ctrl-C back at the prompt after {min(cancel) * 1000:.1f} ms (best of {runs})")

main()
