#!/usr/bin/env bash
# Framing Lab on The Littlest JupyterHub (TLJH): one server, up to about 100 students.
# Run as root on the TLJH server, after TLJH itself is installed (deploy/README.md), from a
# checkout of the collection:
#   sudo bash deploy/tljh/install.sh                  # installs the checkout's framelab
#   sudo WHEEL=dist/framelab-0.1.0-py3-none-any.whl bash deploy/tljh/install.sh
# The per-student figures below are deploy/limits.toml's (tests/hub/test_deploy.py checks they
# agree); change them there first, then here.
set -euo pipefail
cd "$(dirname "$0")/../.."
USER_ENV=${USER_ENV:-/opt/tljh/user}

command -v tljh-config >/dev/null || {
  echo "tljh-config is not on PATH: install The Littlest JupyterHub first (deploy/README.md), then run this as root." >&2
  exit 2
}
[ -x "$USER_ENV/bin/python" ] || {
  echo "No students' environment at $USER_ENV: set USER_ENV=... to TLJH's user environment." >&2
  exit 2
}

# 1. The students' environment: framelab with its exact pins (pyproject.toml), nbgitpuller among
#    them. Without the test extra: students need neither nbgrader nor pytest.
"$USER_ENV/bin/python" -m pip install --no-cache-dir "${WHEEL:-.}"
# JupyterLab must not fetch news or check for updates, as in make lab (classrooms are offline-ready).
install -D -m 644 jupyterlab-settings/overrides.json "$USER_ENV/share/jupyter/lab/settings/overrides.json"
# nbgitpuller's clone and merge run git in the students' servers.
command -v git >/dev/null || { apt-get update -q && apt-get install -y -q git; }

# 2. Per-student limits (systemd, through TLJH's spawner): deploy/limits.toml [user].
tljh-config set limits.memory 1024M
tljh-config set limits.cpu 1.0

# 3. Idle culling: a server idle this long is stopped (files stay); checked this often. [cull]
tljh-config set services.cull.enabled true
tljh-config set services.cull.timeout 3600
tljh-config set services.cull.every 300

# 4. Students land in JupyterLab (the nbgitpuller link's urlpath opens chapter 00 there).
tljh-config set user_environment.default_app jupyterlab

tljh-config reload
echo "Framing Lab is installed. Share the nbgitpuller link of deploy/README.md with your students."
