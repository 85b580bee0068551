"""Batch against single access checks on a running Platz: the server's CPU per check, side by side.

Usage: check_bench.py PORT ADMIN_TOKEN ROUNDS SERVER_PID. Seeds an env with 10 deployments and a bot holding the env's User
role and Maintainer on the kind, then alternates rounds of 20 requests of 100 checks and 2,000 requests of one check,
so that a drift of the machine touches both alike. CPU is the server's process tree (the JVM and the embedded
PostgreSQL), read from /proc before and after each phase; the client runs one request at a time on one connection.
"""
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from platz_client import Platz  # noqa: E402

BATCHES = 20
CHECKS = 100
TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(root):
    """User plus system CPU of ROOT and every process descended from it."""
    parents, cpu = {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        parents[int(pid)] = int(fields[1])
        cpu[int(pid)] = (int(fields[11]) + int(fields[12])) / TICKS
    def descends(pid):
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False
    return sum(seconds for pid, seconds in cpu.items() if descends(pid))


def seed(platz):
    unique = uuid.uuid4().hex[:8]
    env = platz.post("/envs", {"name": f"checks-{unique}"})["id"]
    kind = platz.post("/deployment-kinds", {"name": f"checks-{unique}"})["id"]
    deployments = [platz.post("/deployments", {"env_id": env, "kind_id": kind, "name": f"d{i}"})["id"] for i in range(10)]
    bot = platz.post("/bots", {"display_name": f"checker-{unique}"})["id"]
    platz.post("/env-user-permissions", {"env_id": env, "bot_id": bot, "role": "User"})
    platz.post("/deployment-permissions", {"env_id": env, "kind_id": kind, "bot_id": bot, "role": "Maintainer"})
    token = platz.post("/bot-tokens", {"bot_id": bot})["created_token"]
    checks = []
    for i in range(CHECKS):
        shape = i % 4
        if shape == 0:
            checks.append({"action": "deployments_update", "deployment_id": deployments[i % 10]})
        elif shape == 1:
            checks.append({"action": "deployments_delete", "deployment_id": deployments[i % 10]})
        elif shape == 2:
            checks.append({"action": "deployments_create", "env_id": env, "kind_id": kind})
        else:
            checks.append({"action": "envs_update", "env_id": env})
    return token, checks


def phase(platz, pid, token, bodies):
    """Sends each body once; answers (CPU seconds, wall seconds, checks answered)."""
    cpu, wall, answered = tree_cpu_seconds(pid), time.monotonic(), 0
    for body in bodies:
        answered += len(platz.post("/auth/check", body, token)["results"])
    return tree_cpu_seconds(pid) - cpu, time.monotonic() - wall, answered


def main():
    port, admin, rounds, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    platz = Platz(port, admin)
    token, checks = seed(platz)
    batch = [{"checks": checks}] * BATCHES
    single = [{"checks": [check]} for _ in range(BATCHES) for check in checks]
    phase(platz, pid, token, batch)
    phase(platz, pid, token, single)  # warm-up: JIT and caches for both shapes
    totals = {"batch of 100": [0.0, 0.0, 0], "single check": [0.0, 0.0, 0]}
    for _ in range(rounds):
        for label, bodies in (("batch of 100", batch), ("single check", single)):
            cpu, wall, answered = phase(platz, pid, token, bodies)
            totals[label] = [a + b for a, b in zip(totals[label], (cpu, wall, answered))]
    print(f"{'shape':<14} {'checks':>8} {'requests':>9} {'server CPU/check':>17} {'wall/check':>11} {'checks/s':>9}")
    for label, (cpu, wall, answered) in totals.items():
        requests = answered // (CHECKS if label.startswith("batch") else 1)
        print(f"{label:<14} {answered:>8} {requests:>9} {cpu / answered * 1e6:>14.1f} µs {wall / answered * 1e6:>8.1f} µs"
              f" {answered / wall:>9.0f}")


if __name__ == "__main__":
    main()
