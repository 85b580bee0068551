"""The cluster figures that need a client with memory: revocation trials, and the publisher failover timing.

revocation PORTS ADMIN_TOKEN BOT_ID TRIALS
    Each trial: a fresh bot token made on one instance, used once on every instance (so each has it cached),
    revoked on that instance, and right after the revoke's 2xx tried once on each of the two others, directly.
    Prints one line: trials, accepted (answers other than 401 after the revoke), and the revoke-to-check times.

failover CONSUMER_OUTPUT SURVIVOR_PORT ADMIN_TOKEN KILL_EPOCH_MS
    After the publisher was killed at KILL_EPOCH_MS: writes one bot on a survivor every 50 ms until the consumer
    (a JSON line per event in CONSUMER_OUTPUT) shows one of them; prints the milliseconds from the kill to then.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from platz_client import Platz  # noqa: E402


def revocation(ports, admin, bot_id, trials):
    clients = [Platz(port, admin) for port in ports]
    accepted = 0
    checks_ms = []
    for trial in range(trials):
        home = trial % len(clients)
        others = [c for i, c in enumerate(clients) if i != home]
        made = clients[home].post("/bot-tokens", {"bot_id": bot_id})
        token = made["created_token"]
        for client in clients:
            client.get("/auth/me", token)
        clients[home].call("DELETE", "/bot-tokens/" + made["id"])
        revoked = time.monotonic()
        for client in others:
            status = status_of(client, token)
            if status != 401:
                accepted += 1
        checks_ms.append((time.monotonic() - revoked) * 1000)
    checks_ms.sort()
    print(f"trials {trials} accepted_after_revoke {accepted} checks_p50_ms {checks_ms[len(checks_ms) // 2]:.2f}"
          f" checks_max_ms {checks_ms[-1]:.2f}")


def status_of(client, token):
    client.conn.request("GET", "/api/v2/auth/me", headers={"x-platz-token": token})
    response = client.conn.getresponse()
    response.read()
    return response.status


def failover(output, survivor_port, admin, kill_ms):
    client = Platz(survivor_port, admin)
    written = set()
    partial = ""
    with open(output) as lines:
        lines.seek(0, os.SEEK_END)
        while True:
            name = f"after the kill at {kill_ms}, {len(written)}"
            written.add(client.post("/bots", {"display_name": name})["id"])
            *complete, partial = (partial + lines.read()).split("\n")
            for line in complete:
                if json.loads(line).get("subject_id") in written:
                    print(int(time.time() * 1000) - kill_ms)
                    return
            if time.time() * 1000 - kill_ms > 60_000:
                print("no event reached the consumer within 60 s", file=sys.stderr)
                sys.exit(1)
            time.sleep(0.05)


if __name__ == "__main__":
    if sys.argv[1] == "revocation":
        revocation([int(p) for p in sys.argv[2].split(",")], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        failover(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
