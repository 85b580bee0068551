"""Seeds the deployments benchmark: ten envs of 100 deployments each, and a bot holding User and Maintainer
in one of them.

usage: seed_deployments.py PORT ADMIN_TOKEN OUT_DIR
writes OUT_DIR/deployments-bot-token
"""
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from platz_client import Platz

port, admin, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
run = uuid.uuid4().hex[:8]
platz = Platz(port, admin)
kind = platz.post("/deployment-kinds", {"name": f"bench-kind-{run}",
                                        "actions": [{"id": "restart", "allowed_role": "Maintainer"}]})
envs = [platz.post("/envs", {"name": f"bench-env-{run}-{i}"}) for i in range(10)]


def fill(env):
    client = Platz(port, admin)
    for i in range(100):
        client.post("/deployments", {"env_id": env["id"], "kind_id": kind["id"], "name": f"svc-{i:03d}",
                                     "config": {"image": f"registry.example.org/svc:{i}", "replicas": 2}})


with ThreadPoolExecutor(4) as pool:
    list(pool.map(fill, envs))
bot = platz.post("/bots", {"display_name": f"bench-deployments-bot-{run}"})
platz.post("/env-user-permissions", {"env_id": envs[0]["id"], "bot_id": bot["id"], "role": "User"})
platz.post("/deployment-permissions", {"env_id": envs[0]["id"], "bot_id": bot["id"], "kind_id": kind["id"],
                                       "role": "Maintainer"})
with open(f"{out}/deployments-bot-token", "w") as f:
    f.write(platz.post("/bot-tokens", {"bot_id": bot["id"]})["created_token"] + "\n")
