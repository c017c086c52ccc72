"""deploy/ says the same thing everywhere: the limits of deploy/limits.toml, culling, pins, the link.

The per-student memory and CPU limits were sized from ``python -m benchmarks.hub``
(deploy/README.md); they live in deploy/limits.toml, and every configuration
(TLJH's install script, the Zero to JupyterHub values) must repeat them exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .deploy_limits import parse_flat_toml, read_limits
from .loopback import pull_link

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
EXAMPLE_REPO = "https://git.example.edu/course/framing-lab"
EXAMPLE_HUB = "https://hub.example.edu"


def _mib(value: str) -> float:
    """A Kubernetes/JupyterHub byte size (1024M, 1G, 512Mi) in MiB."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMGT])i?", str(value))
    assert match, f"cannot read the size {value!r}: write it as a number and K, M, G or T"
    return float(match.group(1)) * {"K": 1 / 1024, "M": 1, "G": 1024, "T": 1024**2}[match.group(2)]


def _tljh_settings() -> dict[str, str]:
    text = (DEPLOY / "tljh" / "install.sh").read_text(encoding="utf-8")
    return dict(re.findall(r"^tljh-config set (\S+) (\S+)$", text, re.M))


def _pyproject_pin(name: str) -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(rf'"{re.escape(name)}==([^"]+)"', text)
    assert match, f"pyproject.toml pins no {name}"
    return match.group(1)


def test_limits_file_holds_sane_figures() -> None:
    limits = read_limits()
    user, cull = limits["user"], limits["cull"]
    assert 0 < user["mem_guarantee_mib"] <= user["mem_limit_mib"]
    assert 0 < user["cpu_guarantee"] <= user["cpu_limit"]
    assert 0 < cull["every_seconds"] < cull["timeout_seconds"]
    # The 3.10 reader gives what tomllib gives.
    assert parse_flat_toml((DEPLOY / "limits.toml").read_text(encoding="utf-8")) == limits


def test_tljh_uses_the_limits_and_culls() -> None:
    user, cull = read_limits()["user"], read_limits()["cull"]
    settings = _tljh_settings()
    assert _mib(settings["limits.memory"]) == user["mem_limit_mib"], settings
    assert float(settings["limits.cpu"]) == user["cpu_limit"], settings
    assert settings["services.cull.enabled"] == "true"
    assert int(settings["services.cull.timeout"]) == cull["timeout_seconds"]
    assert int(settings["services.cull.every"]) == cull["every_seconds"]
    assert settings["user_environment.default_app"] == "jupyterlab"


def test_z2jh_uses_the_limits_and_culls() -> None:
    user, cull = read_limits()["user"], read_limits()["cull"]
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    assert _mib(single["memory"]["limit"]) == user["mem_limit_mib"]
    assert _mib(single["memory"]["guarantee"]) == user["mem_guarantee_mib"]
    assert float(single["cpu"]["limit"]) == user["cpu_limit"]
    assert float(single["cpu"]["guarantee"]) == user["cpu_guarantee"]
    assert values["cull"] == {"enabled": True, "timeout": cull["timeout_seconds"], "every": cull["every_seconds"]}
    assert single["defaultUrl"] == "/lab"


def test_user_image_pins_what_the_loopback_test_ran() -> None:
    dockerfile = (DEPLOY / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    pins = dict(re.findall(r"\b(jupyterhub|setuptools)==([\w.]+)", dockerfile))
    assert pins.get("jupyterhub") == _pyproject_pin("jupyterhub"), "the image's jupyterhub must be the tested one"
    assert pins.get("setuptools") == _pyproject_pin("setuptools")
    assert re.search(r"apt-get install[^\n]*\bgit\b", dockerfile), "nbgitpuller needs git in the image"
    copied = re.findall(r"^COPY (?!--from)(.+)$", dockerfile, re.M)
    assert any(line.startswith("framelab") for line in copied), copied
    assert not [line for line in copied if line.startswith(".") or "solutions" in line], (
        f"the image copies only the package's files, never the whole repository (solutions/): {copied}"
    )
    # nbgitpuller comes with framelab's own pins, so both deployments get it from the package.
    assert _pyproject_pin("nbgitpuller")
    deps = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project.optional-dependencies]")[0]
    assert '"nbgitpuller==' in deps, "nbgitpuller must be a dependency of the package, not only of the tests"


def test_the_guides_give_the_tested_chapter_00_link() -> None:
    link = EXAMPLE_HUB + pull_link(EXAMPLE_REPO, "main")
    for guide in (DEPLOY / "README.md", ROOT / "docs" / "instructors.md"):
        assert link in guide.read_text(encoding="utf-8"), f"{guide.name} should show the chapter 00 link {link}"


def test_lti_settings_name_the_real_authenticator() -> None:
    text = (DEPLOY / "tljh" / "lti13.py").read_text(encoding="utf-8")
    assert 'authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"' in text
    for setting in ("issuer", "authorize_url", "jwks_endpoint", "client_id", "username_key"):
        assert f"c.LTI13Authenticator.{setting} = " in text
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for route in ("/hub/lti13/oauth_login", "/hub/lti13/oauth_callback", "/hub/lti13/config"):
        assert route in readme and route in text
