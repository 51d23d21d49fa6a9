#!/usr/bin/env python3
"""Runs a command and prints one JSON line: wall seconds, CPU user/sys seconds, max RSS.

  timecmd.py OUTFILE -- command args...
The command's standard output goes to OUTFILE (standard error passes through).
"""
import json
import os
import subprocess
import sys
import time

def main():
    out_path = sys.argv[1]
    assert sys.argv[2] == "--"
    command = sys.argv[3:]
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({"wall": round(wall, 4), "user": round(usage.ru_utime, 3), "sys": round(usage.ru_stime, 3),
                      "maxrss_kb": usage.ru_maxrss, "rc": code}))
    sys.exit(code)

if __name__ == "__main__":
    main()
