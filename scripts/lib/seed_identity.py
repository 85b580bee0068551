"""Seeds what the identity benchmarks need: a bot with one token, and N more bot tokens never used yet.

usage: seed_identity.py PORT ADMIN_TOKEN OUT_DIR N
writes OUT_DIR/bot-token (one line) and OUT_DIR/fresh-tokens (N lines)
"""
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from platz_client import Platz

port, admin, out, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
run = uuid.uuid4().hex[:8]
platz = Platz(port, admin)
bot = platz.post("/bots", {"display_name": f"bench-bot-{run}"})
with open(f"{out}/bot-token", "w") as f:
    f.write(platz.post("/bot-tokens", {"bot_id": bot["id"]})["created_token"] + "\n")
fresh = platz.post("/bots", {"display_name": f"bench-fresh-bot-{run}"})


def issue(n):
    client = Platz(port, admin)
    return [client.post("/bot-tokens", {"bot_id": fresh["id"]})["created_token"] for _ in range(n)]


workers = 4
with ThreadPoolExecutor(workers) as pool:
    batches = pool.map(issue, [count // workers + (1 if i < count % workers else 0) for i in range(workers)])
with open(f"{out}/fresh-tokens", "w") as f:
    for batch in batches:
        f.write("".join(token + "\n" for token in batch))
