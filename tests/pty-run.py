#!/usr/bin/env python3
"""Runs a command with its stderr on a pseudo-terminal, for the tests of
what sheaf shows only on a terminal (the progress line).

Usage: pty-run.py OUT COLS COMMAND [ARGS...]

The terminal is COLS columns wide; stdout goes nowhere. Writes what the
command wrote to the terminal, as bytes, to OUT.out, and its exit status
and the seconds it took ("0 2.345") to OUT.st.
"""
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import time

out, cols, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
start = time.monotonic()
p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        b = os.read(master, 65536)
    except OSError:  # EIO: every writer closed the terminal
        break
    if not b:
        break
    data += b
p.wait()
with open(out + ".out", "wb") as f:
    f.write(data)
with open(out + ".st", "w") as f:
    f.write("%d %.3f\n" % (p.returncode, time.monotonic() - start))
