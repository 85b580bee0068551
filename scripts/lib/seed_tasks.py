"""Seeds the task benchmark: an env, a kind with a "restart" action for Maintainers, a deployment, and a bot that
is Maintainer of the kind in the env.

usage: seed_tasks.py PORT ADMIN_TOKEN OUT_DIR
writes OUT_DIR/tasks-bot-token and OUT_DIR/tasks-deployment
"""
import sys
import uuid
from platz_client import Platz

port, admin, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
run = uuid.uuid4().hex[:8]
platz = Platz(port, admin)
env = platz.post("/envs", {"name": f"tasks-{run}"})
kind = platz.post("/deployment-kinds", {"name": f"tasks-{run}",
                                        "actions": [{"id": "restart", "allowed_role": "Maintainer"}]})
deployment = platz.post("/deployments", {"env_id": env["id"], "kind_id": kind["id"], "name": "chart"})
bot = platz.post("/bots", {"display_name": f"chart-backend-{run}"})
platz.post("/deployment-permissions", {"env_id": env["id"], "bot_id": bot["id"], "kind_id": kind["id"], "role": "Maintainer"})
with open(f"{out}/tasks-bot-token", "w") as f:
    f.write(platz.post("/bot-tokens", {"bot_id": bot["id"]})["created_token"] + "\n")
with open(f"{out}/tasks-deployment", "w") as f:
    f.write(deployment["id"] + "\n")
