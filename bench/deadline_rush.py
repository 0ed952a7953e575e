"""The deadline rush: applicants finishing and submitting at once, against the production profile.

    scripts/prod_up                                   # nginx, granian, PostgreSQL, worker
    uv run python bench/deadline_rush.py --users 200  # prepare, run locust, print, verify

Each simulated applicant logs in, opens its application, autosaves the six narratives as it
types, uploads the map, ten 1920×1080 photos of realistic size and the presentation, uploads
the signed certification page, checks and submits, and reads its receipt (bench/rush_locustfile.py).
Printed: requests per second and p50/p95/p99 per endpoint, completed submissions per minute,
server CPU-seconds (granian + nginx + PostgreSQL) per completed submission, 5xx count, and the
check that every acknowledged submission and file is committed.
"""

import argparse
import contextlib
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


def load_env(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            os.environ[key] = value


def server_cpu_seconds() -> float:
    """User + system CPU of every granian, nginx, PostgreSQL and Tasks worker process (read from
    /proc; PostgreSQL backends persist through CONN_MAX_AGE)."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="ignore")
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        server = comm.startswith(("granian", "postgres", "nginx")) or "granian" in cmdline
        # The Tasks worker too: it builds the submitted application's PDF in the background.
        if server or "learningcity worker" in cmdline:
            fields = stat[stat.rindex(")") + 2 :].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=200, help="concurrent applicants")
    parser.add_argument(
        "--spawn-rate", type=float, default=20, help="applicants arriving per second (1 or 20)"
    )
    parser.add_argument("--autosaves", type=int, default=3, help="autosaves per section")
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument(
        "--env",
        default="/tmp/learningcity-prod/env",
        help="the production profile's environment (scripts/prod_up writes it)",
    )
    parser.add_argument("--run-time", default="20m")
    args = parser.parse_args()

    load_env(Path(args.env))
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
    import django

    django.setup()
    import rush_data
    from django.conf import settings

    work = Path(tempfile.mkdtemp(prefix="lc-rush-"))
    print(f"preparing {args.users} applicants in {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}…")
    with contextlib.redirect_stdout(io.StringIO()):  # the console mailer's notices
        edition, applicants = rush_data.prepare(args.users)
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

    env = {
        **os.environ,
        "RUSH_PLAN": str(work / "plan.json"),
        "RUSH_ACKNOWLEDGED": str(work / "acknowledged.json"),
    }
    print(f"arrivals: {args.spawn_rate:g} per second; before the run: {load()}")
    cpu_before = server_cpu_seconds()
    started = time.time()
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
    elapsed = time.time() - started
    cpu = server_cpu_seconds() - cpu_before
    acknowledged = json.loads((work / "acknowledged.json").read_text(encoding="utf-8"))

    stats = read_stats(str(work / "rush"))
    print(
        f"\n{'endpoint':<24} {'requests':>8} {'fail':>5} {'req/s':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    for row in stats:
        print(
            f"{row['Name']:<24} {row['Request Count']:>8} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    failures = Path(f"{work}/rush_failures.csv")
    server_errors = 0
    if failures.exists():
        for row in csv.DictReader(failures.open(encoding="utf-8")):
            if re.search(r"\b5\d\d\b", row["Error"]):
                server_errors += int(row["Occurrences"])
    done = len(acknowledged["submissions"])
    span = rush_data.duration(acknowledged, started).total_seconds() or elapsed
    print(
        f"\napplicants: {args.users}, arriving {args.spawn_rate:g}/s; run {elapsed:.0f} s; {load()}"
    )
    print(f"completed submissions: {done}  ({done / span * 60:.1f} per minute)")
    print(
        f"server CPU (granian + nginx + PostgreSQL + worker): {cpu:.1f} s"
        f" = {cpu / max(done, 1) * 1000:.0f} ms per completed submission"
    )
    login = password_check_cpu()
    hasher = settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1]
    print(
        f"  of which the log-in's password check ({hasher}): about {login * 1000:.0f} ms;"
        f" without it {max(cpu / max(done, 1) - login, 0) * 1000:.0f} ms per submission"
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
    print(f"\n(locust CSVs in {work})")


if __name__ == "__main__":
    main()
