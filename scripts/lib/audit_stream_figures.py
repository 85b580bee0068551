"""The audit event stream's figures, against a running Platz.

usage: audit_stream_figures.py PORT ADMIN_TOKEN PID PHASE OUT_DIR
  PHASE latency: one live SSE client while 4 writers create EVENTS bots; writes OUT_DIR/sse-arrivals (seq, epoch
                 seconds of arrival) for the caller to join with the events' commit times
  PHASE heap:    heap after a full GC with no stream, then with 100 stalled streams (a 1 KiB receive buffer, never
                 read) after 3,000 and after 6,000 events; then one stalled stream reads again, and must get every
                 event in order; then the streams close, and the heap once more
"""
import os
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(__file__))
from platz_client import Platz  # noqa: E402

port, admin, pid, phase, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
EVENTS = int(os.environ.get("EVENTS", "2000"))
STREAM = "/api/v2/audit-events/stream"


def open_stream(token, after=None, receive_buffer=None):
    sock = socket.socket()
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.connect(("127.0.0.1", port))
    query = "" if after is None else f"?after_seq={after}"
    sock.sendall(f"GET {STREAM}{query} HTTP/1.1\r\nhost: localhost\r\nx-platz-token: {token}\r\n\r\n".encode())
    status = sock.recv(12)
    if status != b"HTTP/1.1 200":
        raise RuntimeError(f"stream refused: {status!r}")
    return sock


def read_ids(sock, on_id, until):
    """Calls on_id(seq) for every event the stream delivers, until until(seq) holds."""
    pending = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            if line.startswith(b"id: "):
                seq = int(line[4:])
                on_id(seq)
                if until(seq):
                    return


def write_bots(count, writers=4):
    def write(n):
        client = Platz(port, admin)
        for i in range(n):
            client.post("/bots", {"display_name": f"stream-figure-{os.getpid()}-{time.time_ns()}-{i}"})
    with ThreadPoolExecutor(writers) as pool:
        for done in [pool.submit(write, count // writers) for _ in range(writers)]:
            done.result()


def last_seq():
    page = Platz(port, admin).get("/audit-events?order=desc&per_page=1")
    return page["items"][0]["seq"] if page["items"] else 0


def settled_seq():
    """The last seq once it stopped moving for half a second: every event written so far is numbered."""
    seq = last_seq()
    while True:
        time.sleep(0.5)
        again = last_seq()
        if again == seq:
            return seq
        seq = again


def heap_mib():
    subprocess.run(["jcmd", pid, "GC.run"], check=True, capture_output=True)
    info = subprocess.run(["jcmd", pid, "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"used (\d+)K", info).group(1)) / 1024


def latency():
    sock = open_stream(admin)
    arrivals = []
    target = [None]
    reader = threading.Thread(target=read_ids, daemon=True, args=(
        sock, lambda seq: arrivals.append((seq, time.time())), lambda seq: target[0] is not None and seq >= target[0]))
    reader.start()
    write_bots(EVENTS)
    target[0] = settled_seq()
    while reader.is_alive() and (not arrivals or arrivals[-1][0] < target[0]):
        time.sleep(0.1)
    sock.close()
    with open(os.path.join(out, "sse-arrivals"), "w") as file:
        for seq, at in arrivals:
            file.write(f"{seq} {at:.6f}\n")
    print(f"sse client: {len(arrivals)} events")


def heap():
    client = Platz(port, admin)
    me = client.get("/auth/me")["User"]["id"]
    tokens = [client.post("/user-tokens", {"user_id": me})["created_token"] for _ in range(20)]
    before = heap_mib()
    opened = settled_seq()
    stalled = [open_stream(tokens[i // 5], receive_buffer=1024) for i in range(100)]
    write_bots(3000)
    after_3000 = heap_mib()
    write_bots(3000)
    last = settled_seq()
    after_6000 = heap_mib()
    started = time.time()
    Platz(port, admin).get("/auth/me")
    responsive_ms = (time.time() - started) * 1000
    seqs = []
    stalled[0].settimeout(60)
    read_ids(stalled[0], seqs.append, lambda seq: seq >= last)
    in_order = seqs == list(range(opened + 1, last + 1))
    for sock in stalled:
        sock.close()
    time.sleep(1)
    closed = heap_mib()
    print(f"heap after a full GC: {before:.1f} MiB with no stream; with 100 stalled streams {after_3000:.1f} MiB after"
          f" 3,000 events, {after_6000:.1f} MiB after 6,000; {closed:.1f} MiB once they closed (what the 6,000 events"
          f" left behind without them); GET /auth/me meanwhile {responsive_ms:.0f} ms; a stalled stream that read"
          f" again got {len(seqs)} events, {'every one in order' if in_order else 'NOT all in order'}")


{"latency": latency, "heap": heap}[phase]()
