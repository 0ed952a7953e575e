"""The deadline rush: applicants finishing and submitting at once, against the production profile.

    uv run python bench/deadline_rush.py --users 200 --spawn-rate 20   # a herd, one server
    uv run python bench/deadline_rush.py --users 200 --spawn-rate 1    # one a second
    uv run python bench/deadline_rush.py --users 200 --servers 2       # two app servers

Each command brings the production profile up itself (``scripts/prod_up``, with ``--servers 2``
for two granian instances behind nginx sharing PostgreSQL and a SeaweedFS object store) unless
that profile already runs, and stops what it started at the end (``--keep-up`` leaves it).

Each simulated applicant logs in, opens its application, autosaves the six narratives as it
types, uploads the map, ten 1920×1080 photos of realistic size and the presentation, uploads
the signed certification page, checks and submits, and reads its receipt (bench/rush_locustfile.py),
at the page's own pace (``--pace page``: reading, typing, the autosave's 1.5 s pause) or with
no think time at all (``--pace none``).
Printed: requests per second and p50/p95/p99 per endpoint, completed submissions per minute,
server CPU-seconds per completed submission (each granian, nginx, PostgreSQL, the worker and
SeaweedFS apart) and the load generator's own CPU, 5xx count, the check that every acknowledged
submission and file is committed, and that every acknowledged file reads whole through each app
server.
"""

import argparse
import contextlib
import csv
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
PROD_DIR = Path(os.environ.get("PROD_DIR", "/tmp/learningcity-prod"))
# A PostgreSQL backend's title: "postgres: 15/main: USER DATABASE HOST(PORT) state", or an
# autovacuum worker's "… autovacuum worker DATABASE"; other titles are the server's own processes.
PG_BACKEND = re.compile(
    r"^postgres: (?:\S+: )?(?:autovacuum worker (\S+)|\S+ (\S+) (?:\S+\(\d+\)|\[local\]))"
)


def load_env(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            os.environ[key] = value


def running_profile() -> dict | None:
    """What ``scripts/prod_up`` started (servers, ports, files, db, pids), None unless all of
    it is running."""
    run = PROD_DIR / "run"
    try:
        profile = dict(item.split("=", 1) for item in (run / "profile").read_text().split())
        pids = {path.stem: int(path.read_text()) for path in run.glob("*.pid")}
    except (OSError, ValueError):
        return None
    if not pids or not all(Path(f"/proc/{pid}").exists() for pid in pids.values()):
        return None
    return {**profile, "pids": pids, "ports": profile["ports"].split(",")}


def bring_up(servers: int) -> tuple[dict, bool]:
    """The profile with ``servers`` app servers, started unless it already runs; and whether
    it was started here."""
    profile = running_profile()
    if profile and int(profile["servers"]) == servers:
        print(
            f"production profile already up: {servers} app server(s), files in {profile['files']}"
        )
        return profile, False
    command = [str(ROOT / "scripts/prod_up"), *(["--servers", str(servers)] if servers > 1 else [])]
    print(f"starting the production profile: scripts/prod_up {' '.join(command[1:])}")
    subprocess.run(command, cwd=ROOT, check=True)
    profile = running_profile()
    if profile is None:
        sys.exit(f"scripts/prod_up did not leave everything running: see {PROD_DIR / 'run'}")
    return profile, True


def process_cpu() -> dict[int, tuple[int, str, str, float, float]]:
    """pid → (parent pid, name, command line, user + system CPU seconds, and those of its
    children that ended and were waited for: the programs a server runs, such as poppler's
    pdftoppm) of every process."""
    table = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="ignore")
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
        ended_children = (int(fields[13]) + int(fields[14])) / TICKS  # cutime, cstime
        table[int(proc.name)] = (int(fields[1]), comm, cmdline.strip(), cpu, ended_children)
    return table


def server_parts(profile: dict, table: dict) -> dict[str, set[int]]:
    """The processes of each server part: the trees prod_up started (granian, nginx, worker,
    SeaweedFS), and PostgreSQL's own processes with the backends of the profile's database
    only (not those of other databases on the shared server)."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, *_rest) in table.items():
        children.setdefault(ppid, []).append(pid)
    labels = {
        "web": f"granian :{profile['ports'][0]}",
        "uploads": "granian uploads",
        "weed": "SeaweedFS",
    }
    parts = {}
    for name, root in sorted(profile["pids"].items()):
        label = labels.get(name) or name.replace("web-", "granian :").replace(
            "uploads-", "granian uploads :"
        )
        tree, todo = set(), [root]
        while todo:
            pid = todo.pop()
            if pid in table and pid not in tree:
                tree.add(pid)
                todo.extend(children.get(pid, []))
        parts[label] = tree
    parts["PostgreSQL"] = set()
    for pid, (_ppid, comm, cmdline, *_cpu) in table.items():
        if comm.startswith("postgres"):
            backend = PG_BACKEND.match(cmdline)
            if backend is None or profile["db"] in backend.groups():
                parts["PostgreSQL"].add(pid)
    return parts


def cpu_spent(before: dict, after: dict, pids: set[int], *, with_children: bool = True) -> float:
    """CPU seconds the processes spent between two readings (one that ended counts nothing),
    with the programs they ran and waited for unless ``with_children`` is false (PostgreSQL's
    postmaster: its ended children are the backends of every database on the server)."""
    fields = (3, 4) if with_children else (3,)
    return sum(
        after[pid][field] - (before[pid][field] if pid in before else 0.0)
        for pid in pids
        for field in fields
    )


def machine_busy_seconds() -> float:
    """CPU seconds every core spent busy since boot (/proc/stat), for the machine's own load."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / TICKS


def password_check_cpu() -> float:
    """CPU seconds of one password check with the configured hasher (median of 5)."""
    from django.contrib.auth.hashers import check_password, make_password

    encoded = make_password("benchmark")
    runs = []
    for _ in range(5):
        start = time.process_time()
        check_password("benchmark", encoded)
        runs.append(time.process_time() - start)
    return sorted(runs)[2]


def p95(values: list[float]) -> str:
    if not values:
        return "–"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]:.0f} ms"


def load() -> str:
    return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def read_stats(prefix: str) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=200, help="concurrent applicants")
    parser.add_argument(
        "--spawn-rate", type=float, default=20, help="applicants arriving per second (1 or 20)"
    )
    parser.add_argument(
        "--servers", type=int, default=1, choices=(1, 2), help="app servers (2: on SeaweedFS)"
    )
    parser.add_argument(
        "--pace",
        choices=("page", "none"),
        default="page",
        help="page: think times of the real page (default); none: every request back to back",
    )
    parser.add_argument(
        "--http",
        choices=("fast", "requests"),
        default="fast",
        help="locust's client: FastHttpUser (default) or HttpUser (requests)",
    )
    parser.add_argument("--autosaves", type=int, default=3, help="autosaves per section")
    parser.add_argument("--base", default=f"http://127.0.0.1:{os.environ.get('PROD_PORT', '8080')}")
    parser.add_argument("--run-time", default="20m")
    parser.add_argument(
        "--keep-up", action="store_true", help="leave the profile running if started here"
    )
    return parser.parse_args()


def run_locust(args, work: Path) -> tuple[float, float, float]:
    """Locust headless against the profile; when it started, its wall time and its own CPU."""
    env = {
        **os.environ,
        "RUSH_PLAN": str(work / "plan.json"),
        "RUSH_ACKNOWLEDGED": str(work / "acknowledged.json"),
        "RUSH_PACE": args.pace,
        "RUSH_HTTP": args.http,
    }
    started = time.time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench/rush_locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--host",
            args.base,
            "--run-time",
            args.run_time,
            "--csv",
            str(work / "rush"),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    locust_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return started, time.time() - started, locust_cpu


def print_endpoints(work: Path) -> int:
    """The per-endpoint table; returns the number of 5xx answers."""
    print(
        f"\n{'endpoint':<24} {'requests':>8} {'fail':>5} {'req/s':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    for row in read_stats(str(work / "rush")):
        print(
            f"{row['Name']:<24} {row['Request Count']:>8} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    failures = work / "rush_failures.csv"
    server_errors = 0
    if failures.exists():
        for row in csv.DictReader(failures.open(encoding="utf-8")):
            if re.search(r"\b5\d\d\b", row["Error"]):
                server_errors += int(row["Occurrences"])
    return server_errors


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # in order with prod_up's and locust's output
    args = arguments()
    profile, started_here = bring_up(args.servers)
    try:
        rush(args, profile)
    finally:
        if started_here and not args.keep_up:
            subprocess.run([str(ROOT / "scripts/prod_up"), "stop"], cwd=ROOT, check=False)


def rush(args, profile: dict) -> None:
    load_env(PROD_DIR / "env")
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
    import django

    django.setup()
    import rush_data
    from django.conf import settings

    work = Path(tempfile.mkdtemp(prefix="lc-rush-"))
    print(f"preparing {args.users} applicants in {profile['db']}…")
    with contextlib.redirect_stdout(io.StringIO()):  # the console mailer's notices
        edition, applicants = rush_data.prepare(args.users, folder=work / "signed")
    plan = {
        **rush_data.write_files(work / "files"),
        "applicants": applicants,
        "password": rush_data.PASSWORD,
        "autosaves_per_section": args.autosaves,
        "criteria": list(edition.criteria.order_by("number").values_list("number", flat=True)),
    }
    (work / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    photo_sizes = [Path(p).stat().st_size for p in plan["photos"]]
    print(f"photos: 10 × 1920×1080 JPEG, median {sorted(photo_sizes)[5] / 1e6:.2f} MB each")
    print(
        f"profile: {profile['servers']} app server(s) on {', '.join(profile['ports'])} behind"
        f" nginx {args.base}; files in {profile['files']}"
    )
    pace = {
        "page": "page (each section read 3–6 s, each autosave after 2–6 s of typing and the"
        " page's 1.5 s pause; uploads back to back)",
        "none": "none (every request right after the previous answer)",
    }[args.pace]
    print(f"pace: {pace}; locust client: {args.http}")
    print(f"arrivals: {args.spawn_rate:g} per second; before the run: {load()}")
    before = process_cpu()
    busy_before = machine_busy_seconds()
    started, elapsed, locust_cpu = run_locust(args, work)
    after = process_cpu()
    busy = machine_busy_seconds() - busy_before
    acknowledged = json.loads((work / "acknowledged.json").read_text(encoding="utf-8"))

    server_errors = print_endpoints(work)
    done = len(acknowledged["submissions"])
    span = rush_data.duration(acknowledged, started).total_seconds() or elapsed
    print(
        f"\napplicants: {args.users}, arriving {args.spawn_rate:g}/s, pace {args.pace};"
        f" run {elapsed:.0f} s; {load()}"
    )
    print(f"completed submissions: {done}  ({done / span * 60:.1f} per minute)")
    parts = {
        label: cpu_spent(before, after, pids, with_children=label != "PostgreSQL")
        for label, pids in server_parts(profile, after).items()
    }
    cpu = sum(parts.values())
    per = 1000 / max(done, 1)
    print(f"server CPU: {cpu:.1f} s = {cpu * per:.0f} ms per completed submission")
    for label, seconds in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"  {label:<16} {seconds:7.1f} s  {seconds * per:5.0f} ms per submission")
    login = password_check_cpu()
    hasher = settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1]
    print(
        f"  of which the log-in's password check ({hasher}): about {login * 1000:.0f} ms;"
        f" without it {max(cpu * per / 1000 - login, 0) * 1000:.0f} ms per submission"
    )
    cores = os.cpu_count() or 1
    print(
        f"load generator (locust, {args.http}): {locust_cpu:.1f} s of CPU;"
        f" machine busy {busy:.0f} of {elapsed * cores:.0f} core-seconds,"
        f" {max(busy - cpu - locust_cpu, 0):.0f} s of it neither the servers nor locust"
    )
    times = acknowledged.get("times", {})
    print(f"5xx responses: {server_errors}")
    print(f"applicants who could not log in: {len(acknowledged.get('not_logged_in', []))}")
    print(f"busy pages (429, retried after Retry-After): {acknowledged.get('busy_429', 0)}")
    print(
        f"p95 (429s left out): log-in {p95(times.get('log in', []))},"
        f" autosave {p95(times.get('autosave', []))}, pages {p95(times.get('page', []))}"
    )
    print("\nacknowledged = committed?")
    for name, value in rush_data.verify(edition, acknowledged).items():
        print(f"  {name}: {value}")
    # On the object store every app server must read every file (bypassing nginx); on the
    # file system the one server's files go out through nginx (X-Accel-Redirect).
    if profile["files"].startswith("s3://"):
        bases = [f"http://127.0.0.1:{port}" for port in profile["ports"]]
    else:
        bases = [args.base]
    for base in bases:
        start = time.monotonic()
        counts = rush_data.readable_through(edition, applicants, acknowledged, base)
        print(
            f"acknowledged files read through {base}, each by its applicant logged in there:"
            f" {', '.join(f'{key} {value}' for key, value in counts.items())}"
            f" ({time.monotonic() - start:.0f} s)"
        )
    print(f"\n(locust CSVs in {work})")


if __name__ == "__main__":
    main()
