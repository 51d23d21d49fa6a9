"""The deploy files checked without Docker (no engine runs here): compose.yaml against the
Compose specification, the Caddyfile by Caddy itself, the Dockerfile's build-context
sources against the repository and .dockerignore, and .env.example against the settings
the server really reads."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from deploy_support import CADDYFILE, COMPOSE, DEPLOY, DOCKERFILE, ENV_EXAMPLE, ROOT, caddy_environment, tool


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, **kwargs)


def compose() -> dict:
    return YAML(typ="safe").load(COMPOSE.read_text())


# ---------------------------------------------------------------- compose.yaml

def test_compose_file_follows_the_compose_specification(tmp_path):
    checker = tool("check-jsonschema")
    answer = run([checker, "--builtin-schema", "vendor.compose-spec", str(COMPOSE)])
    assert answer.returncode == 0, answer.stdout + answer.stderr

    # The same check refuses a misspelt key, so a pass above means something.
    broken = tmp_path / "compose.yaml"
    broken.write_text(COMPOSE.read_text().replace("    restart: unless-stopped\n", "    restart: unless-stopped\n    netwrok_mode: host\n", 1))
    answer = run([checker, "--builtin-schema", "vendor.compose-spec", str(broken)])
    assert answer.returncode != 0 and "netwrok_mode" in answer.stdout + answer.stderr, answer.stdout + answer.stderr


def test_compose_wires_app_caddy_and_the_tunnel():
    services = compose()["services"]
    assert set(services) == {"app", "caddy", "cloudflared"}
    app, caddy, tunnel = services["app"], services["caddy"], services["cloudflared"]

    # The app is reached only through Caddy: nothing of it is published on the host.
    assert "ports" not in app, "the app must not be published on a host port"
    for name, service in services.items():
        assert service.get("restart") in {"unless-stopped", "always"}, f"{name} has no restart policy"

    # The image is built from the repository root with this Dockerfile.
    assert (DEPLOY / app["build"]["context"]).resolve() == ROOT
    assert (DEPLOY / app["build"]["context"] / app["build"]["dockerfile"]).resolve() == DOCKERFILE

    # Not root: the owner of the music folders.
    assert app["user"] == "${PUID:-1000}:${PGID:-1000}"

    # /share/e-music/{library,cache,db} under MYSPOTIFY_DATA=/data; the library read-only.
    mounts = {volume["target"]: volume for volume in app["volumes"]}
    assert set(mounts) == {"/data/library", "/data/cache", "/data/db"}
    for target, volume in mounts.items():
        assert volume["type"] == "bind"
        assert volume["source"] == "${MUSIC_DIR:-/share/e-music}/" + target.rsplit("/", 1)[1]
        assert volume["bind"]["create_host_path"] is False
    assert mounts["/data/library"].get("read_only") is True
    assert not mounts["/data/cache"].get("read_only") and not mounts["/data/db"].get("read_only")

    environment = app["environment"]
    assert environment["MYSPOTIFY_DATA"] == "/data"
    assert environment["MYSPOTIFY_TRUST_PROXY"] == "true"
    assert app["env_file"] == ".env"

    # Caddy proxies to the app's port, with the Caddyfile beside compose.yaml, once the app is healthy.
    assert caddy["environment"]["MYSPOTIFY_UPSTREAM"] == f"app:{environment['MYSPOTIFY_PORT']}"
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    assert caddy["depends_on"]["app"]["condition"] == "service_healthy"
    assert "ports" not in caddy

    # cloudflared runs the tunnel named by the token in .env.
    assert tunnel["image"] == "cloudflare/cloudflared:latest"
    assert tunnel["command"].split() == ["tunnel", "--no-autoupdate", "run"]
    assert tunnel["environment"]["TUNNEL_TOKEN"].startswith("${TUNNEL_TOKEN:?")


# ---------------------------------------------------------------- Caddyfile

@pytest.mark.parametrize("settings", [
    {},  # the compose defaults: :80, app:8000, private ranges trusted
    {"CADDY_ADDRESS": ":18080", "CADDY_BIND": "127.0.0.1", "MYSPOTIFY_UPSTREAM": "127.0.0.1:18000",
     "CADDY_TRUSTED_PROXIES": "192.0.2.1/32"},  # what the proxy tests set
], ids=["compose-defaults", "test-settings"])
def test_caddyfile_is_valid(settings, tmp_path):
    answer = run([tool("caddy"), "validate", "--adapter", "caddyfile", "--config", str(CADDYFILE)],
                 env=caddy_environment(tmp_path, **settings))
    assert answer.returncode == 0, answer.stdout + answer.stderr


def test_caddy_validate_refuses_a_broken_caddyfile(tmp_path):
    broken = tmp_path / "Caddyfile"
    broken.write_text(CADDYFILE.read_text().replace("flush_interval -1", "flush_interval sometimes"))
    answer = run([tool("caddy"), "validate", "--adapter", "caddyfile", "--config", str(broken)],
                 env=caddy_environment(tmp_path))
    assert answer.returncode != 0, answer.stdout + answer.stderr


# ---------------------------------------------------------------- Dockerfile and .dockerignore

def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        if line.lstrip().startswith("#"):
            continue  # comments, the syntax directive, and comment lines inside a continuation
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        whole = (pending + line).strip()
        pending = ""
        if whole:
            keyword, _, arguments = whole.partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def copy_sources() -> list[str]:
    """The build-context paths of every COPY/ADD that does not copy from another stage."""
    sources = []
    for keyword, arguments in dockerfile_instructions():
        if keyword not in {"COPY", "ADD"}:
            continue
        if arguments.startswith("["):
            words = json.loads(arguments)
        else:
            words = arguments.split()
        flags = [word for word in words if word.startswith("--")]
        if any(flag.startswith("--from=") for flag in flags):
            continue
        paths = [word for word in words if not word.startswith("--")]
        assert len(paths) >= 2, f"{keyword} {arguments}: needs a source and a destination"
        sources += paths[:-1]
    return sources


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def ignored_by_docker(path: str) -> bool:
    """Docker's rule: the last matching pattern decides (a `!` pattern re-includes), and a
    path inside an excluded folder is excluded with it. `**` spans folders, `*` does not."""
    def matches(pattern: str, candidate: str) -> bool:
        expression = ""
        for part in re.split(r"(\*\*/?|\*|\?)", pattern.strip("/")):
            if part.startswith("**"):
                expression += "(.*/)?" if part.endswith("/") else ".*"
            elif part == "*":
                expression += "[^/]*"
            elif part == "?":
                expression += "[^/]"
            else:
                expression += re.escape(part)
        return re.fullmatch(expression, candidate) is not None

    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    ignored = False
    for pattern in dockerignore_patterns():
        negated = pattern.startswith("!")
        pattern = pattern.lstrip("!")
        if any(matches(pattern, prefix) for prefix in prefixes):
            ignored = not negated
    return ignored


def test_every_file_the_dockerfile_copies_is_in_the_build_context():
    sources = copy_sources()
    # The ones the image cannot do without; a parser that finds nothing would pass anything.
    for needed in ["Package.*", "Sources", "Plugins", "Tests", "Web", "plugins.json", "requirements.txt"]:
        assert needed in sources, f"the Dockerfile no longer copies {needed}"
    for source in sources:
        matches = [path for path in ROOT.glob(source)]
        assert matches, f"COPY {source}: nothing in the repository matches it (the image cannot build)"
        for match in matches:
            relative = match.relative_to(ROOT).as_posix()
            assert not ignored_by_docker(relative), f"COPY {source}: {relative} is excluded by .dockerignore"
    # Web is a folder of files, not an empty one: the server serves /app/Web/index.html.
    assert (ROOT / "Web" / "index.html").is_file(), "Web/index.html is missing: the image would serve no web page"


def test_dockerignore_keeps_build_output_local_data_and_secrets_out():
    for path in [".build/release/myspotify", ".build-linux/debug/x.o", ".venv/bin/python", "data/db/myspotify.sqlite",
                 "bench/out/result.json", ".git/HEAD", "deploy/.env", "Tests/EndToEnd/web/artifacts/home.png",
                 "Plugins/YouTube/Sources/__pycache__/ytmusic_helper.cpython-312.pyc"]:
        assert ignored_by_docker(path), f"{path} would be sent to the Docker build"
    for path in ["Package.swift", "Sources/myspotify/ServeCommand.swift", "Web/index.html", "plugins.json",
                 "requirements.txt", "deploy/.env.example", "Tests/TestSupport/TestHost.swift",
                 "Tests/ServerTests/AccountTests.swift"]:
        assert not ignored_by_docker(path), f"{path} is needed by the build but .dockerignore drops it"


def test_the_image_runs_unprivileged_with_a_health_check_and_an_init():
    instructions = dockerfile_instructions()
    final_stage = instructions[max(index for index, (keyword, _) in enumerate(instructions) if keyword == "FROM"):]
    users = [arguments for keyword, arguments in final_stage if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}, "the runtime stage must not run as root"
    health = [arguments for keyword, arguments in final_stage if keyword == "HEALTHCHECK"]
    assert health and "/healthz" in health[-1]
    entrypoint = [json.loads(arguments) for keyword, arguments in final_stage if keyword == "ENTRYPOINT"]
    assert entrypoint and entrypoint[-1][:2] == ["/usr/bin/tini", "--"], "an init must reap yt-dlp's children"


# ---------------------------------------------------------------- .env.example and the settings

def server_settings() -> set[str]:
    """Every MYSPOTIFY_* name the server reads: its string literals in Sources/."""
    names = set()
    for source in (ROOT / "Sources").rglob("*.swift"):
        names |= set(re.findall(r'"(MYSPOTIFY_[A-Z0-9_]+)"', source.read_text()))
    assert "MYSPOTIFY_DATA" in names, "found no settings in Sources/: did the reading move?"
    return names


def env_example() -> tuple[set[str], set[str], dict[str, str]]:
    """(names set on a line, names on a commented-out line, every name's value)."""
    active, commented, values = set(), set(), {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        found = re.match(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(\S*)", line)
        if found:
            (commented if found.group(1) else active).add(found.group(2))
            values[found.group(2)] = found.group(3)
    return active, commented, values


def compose_variables() -> set[str]:
    """The variables compose.yaml interpolates, ${NAME}, ${NAME:-default}, ${NAME:?error}."""
    return set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", COMPOSE.read_text()))


def test_env_example_names_exactly_the_settings_there_are():
    active, commented, _ = env_example()
    named = active | commented
    server = server_settings()
    used_by_compose = compose_variables()

    unknown = sorted(named - server - used_by_compose)
    assert not unknown, f".env.example sets {unknown}, which neither the server nor compose.yaml reads"
    undocumented = sorted(server - named)
    assert not undocumented, f"the server reads {undocumented}, which .env.example does not explain"
    missing = sorted(used_by_compose - named)
    assert not missing, f"compose.yaml uses {missing}, which .env.example does not explain"
    assert not active & commented, f"set and commented out at once: {sorted(active & commented)}"


def test_settings_compose_and_the_image_fix_are_real_and_not_offered_in_env_example():
    active, commented, _ = env_example()
    server = server_settings()
    fixed = {name for name in compose()["services"]["app"]["environment"] if name.startswith("MYSPOTIFY_")}
    assert not fixed - server, f"compose.yaml sets {sorted(fixed - server)}, which the server does not read"
    # `environment` wins over env_file: a line in .env for these would silently do nothing.
    assert not fixed & active, f".env.example offers {sorted(fixed & active)}, which compose.yaml overrides"
    assert fixed <= commented, f"explain {sorted(fixed - commented)} in .env.example's 'Set by compose.yaml' part"

    image = set()
    for keyword, arguments in dockerfile_instructions():
        if keyword == "ENV":
            image |= set(re.findall(r"\b(MYSPOTIFY_[A-Z0-9_]+)=", arguments))
    assert image and not image - server, f"the Dockerfile sets {sorted(image - server)}, which the server does not read"


def test_env_example_commits_no_secret():
    _, _, values = env_example()
    secrets = {name: value for name, value in values.items() if re.search(r"(SECRET|TOKEN|PASSWORD)$", name)}
    assert {"TUNNEL_TOKEN", "MYSPOTIFY_JWT_SECRET", "MYSPOTIFY_GOOGLE_CLIENT_SECRET"} <= set(secrets)
    assert all(value == "" for value in secrets.values()), f"secrets must be left empty: {secrets}"
    # And the real file stays out of git.
    ignored = run(["git", "check-ignore", "-q", str(DEPLOY / ".env")], cwd=ROOT)
    assert ignored.returncode == 0, "deploy/.env must be in .gitignore"
