"""Requests per second of the applicant's application page (applications:application) under
the production profile, with 1,000 applications × 3 judges in PostgreSQL; optionally pretalx's
speaker edit page measured right after with the same wrk command, and the ratio.

Run: uv run python bench/application_page.py [--applications 1000] [--judges 3] [--rows 3]
     [--chars 2000] [--runs 20] [--duration 15] [--connections 16] [--keep | --reuse]
     [--profile] [--rounds 1]
     [--pretalx-url URL --pretalx-cookie NAME=VALUE --pretalx-pid PID --pretalx-db NAME]

Creates the scratch database ``pagespeed_application_page`` on postgres://postgres@127.0.0.1:5432
(--server), migrates it, loads edition 1 (``load_edition``) with its submission phase moved
around now, imports the registry (``import_registry``), and builds with bulk_create: 1,000
approved areas, each with its coordinator and an application whose six sections hold a Thai
narrative of about 2,000 characters (--chars), the evidence tick and three rows (--rows) of each
kind the section takes (bench/application_page_data.py). The first application (the one
measured) is a draft its coordinator can edit; the others are submitted, each reviewed by
every judge (scores on all six criteria).

Then: the page rendered in-process by the Django test client (status, query count, HTML size,
median CPU of --runs renders; --profile prints cProfile's top functions), and in requests per
second by ``wrk -t2 -c<connections> -d<duration>s`` (apt-get install -y wrk) against granian
started as scripts/prod_up starts it (WSGI, 2 workers, 1 blocking thread, DEBUG off,
CONN_MAX_AGE 600) on 127.0.0.1:8202, logged in as the coordinator (session cookie), with the
server's CPU per request (its processes and its database's PostgreSQL backends, from /proc):
unlike requests per second, it does not move with the other work on a shared machine. The load
average is printed before and after each wrk run. The database is dropped at the end unless
--keep; --reuse measures a kept one again without building.

pretalx is not part of this repository: set it up apart (its own virtualenv, database and
server, DEBUG off), log a speaker in, and give the edit page of their proposal and the session
cookie; both pages are then measured back to back under the same load.
"""

import argparse
import cProfile
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from application_page_data import build, kept
from scratch_db import create_scratch, drop_scratch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.factories.log_in
SCRATCH = "pagespeed_application_page"
PORT = 8202


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--judges", type=int, default=3)
    parser.add_argument("--rows", type=int, default=3, help="rows of each kind per section")
    parser.add_argument("--chars", type=int, default=2000, help="characters per narrative")
    parser.add_argument("--runs", type=int, default=20, help="in-process renders")
    parser.add_argument("--duration", type=int, default=15, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a database kept by --keep, build nothing"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile one render")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pretalx-url", help="pretalx's speaker edit page, measured after ours")
    parser.add_argument("--pretalx-cookie", help="NAME=VALUE of a logged-in pretalx session")
    parser.add_argument("--pretalx-pid", type=int, help="pretalx's app server (main process)")
    parser.add_argument("--pretalx-db", default="pagespeed_pretalx", help="pretalx's database")
    parser.add_argument("--rounds", type=int, default=1, help="wrk runs of each server, alternated")
    return parser.parse_args()


def measure_in_process(registration, coordinator, runs: int, profile: bool) -> str:
    """Status, queries, size and median CPU of one render; returns the page's URL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from tests.factories import log_in

    url = reverse("applications:application", args=[registration.pk])
    client = log_in(Client(HTTP_HOST="127.0.0.1"), coordinator)
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    if b'name="narrative"' not in response.content:
        raise SystemExit(f"{url} is not the editable page")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)  # now: the next request empties the log
    cpu, wall = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"in-process: {count} queries, {len(response.content) / 1e3:.0f} kB of HTML, "
        f"median CPU {statistics.median(cpu) * 1000:.1f} ms, wall "
        f"{statistics.median(wall) * 1000:.1f} ms ({runs} renders)"
    )
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            client.get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return url


def session_cookie(coordinator) -> str:
    from django.conf import settings
    from django.test import Client
    from tests.factories import log_in

    client = log_in(Client(HTTP_HOST="127.0.0.1"), coordinator)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def start_granian(env: dict) -> subprocess.Popen:
    granian = Path(sys.executable).parent / "granian"
    command = [
        str(granian),
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(PORT),
        "--workers",
        "2",
        "--blocking-threads",
        "1",
        "--backpressure",
        "96",
        "--working-dir",
        str(ROOT / "src"),
        "learningcity.wsgi:application",
    ]
    log = open(Path(env["LEARNINGCITY_VAR_DIR"]) / "granian.log", "wb")  # noqa: SIM115
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def fetch_status(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_up(url: str, cookie: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(120):
        if process.poll() is not None:
            raise SystemExit(f"granian exited with {process.returncode}:\n{log.read_text()}")
        try:
            status = fetch_status(url, cookie)
        except OSError:
            time.sleep(0.5)
            continue
        if status != 200:
            raise SystemExit(f"{url} answered {status} through granian:\n{log.read_text()}")
        return
    raise SystemExit("granian did not answer within 60 s")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _cpu_of(pid: str) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(pid: int, database: str) -> dict[str, float]:
    """CPU seconds so far of each process of the app server ``pid`` (with its workers) and of
    each local PostgreSQL backend connected to ``database`` (its process title names it), by
    "app:<pid>" or "db:<pid>"."""
    parents, found = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parents[entry.name] = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="ignore")
            if title.startswith("postgres: ") and f" {database} " in title:
                found[f"db:{entry.name}"] = _cpu_of(entry.name)
        except OSError:  # the process ended meanwhile
            continue
    tree = {str(pid)}
    for _ in range(3):  # granian: main process, workers
        tree |= {child for child, parent in parents.items() if parent in tree}
    for member in tree:
        try:
            found[f"app:{member}"] = _cpu_of(member)
        except OSError:
            continue
    return found


def run_wrk(name: str, target: dict, duration: int, connections: int) -> dict:
    """``wrk`` on the target's URL: requests per second, and the server's CPU (app and
    PostgreSQL) per request, which the other work on a shared machine does not change."""
    for _ in range(3):  # warm: templates, connections
        fetch_status(target["url"], target["cookie"])
    before = load()
    first = server_cpu(target["pid"], target["database"])
    last = dict(first)
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "-H",
        f"Cookie: {target['cookie']}",
        target["url"],
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as wrk:
        # Sampled while it runs: a backend that ends (a connection past its age) keeps the
        # CPU it had at its last sample.
        while wrk.poll() is None:
            last.update(server_cpu(target["pid"], target["database"]))
            time.sleep(0.25)
        output = wrk.stdout.read()
    last.update(server_cpu(target["pid"], target["database"]))
    spent = {key: value - first.get(key, 0.0) for key, value in last.items()}
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    latency = re.search(r"Latency\s+(\S+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    app = sum(v for k, v in spent.items() if k.startswith("app:")) * 1000 / requests
    database = sum(v for k, v in spent.items() if k.startswith("db:")) * 1000 / requests
    print(
        f"{name}: {rate:.1f} req/s, mean latency {latency}; server CPU per request "
        f"{app + database:.1f} ms (app {app:.1f} + PostgreSQL {database:.1f}) "
        f"(wrk -t2 -c{connections} -d{duration}s; load average {before} before, {load()} after)"
    )
    if errors:
        raise SystemExit(f"{name}: {errors.group(1)} non-2xx answers")
    return {"rate": rate, "cpu": app + database}


def compare(ours: dict, theirs: dict | None, args) -> None:
    """Alternate the two servers --rounds times (the load of a shared machine drifts); the
    ratio of the medians, in requests per second and in server CPU per request."""
    runs = {"ours": [], "pretalx": []}
    for _ in range(args.rounds):
        runs["ours"].append(run_wrk("ours", ours, args.duration, args.connections))
        if theirs is not None:
            runs["pretalx"].append(run_wrk("pretalx", theirs, args.duration, args.connections))
    medians = {
        name: {key: statistics.median(run[key] for run in found) for key in ("rate", "cpu")}
        for name, found in runs.items()
        if found
    }
    for name, median in medians.items():
        print(
            f"{name}, median of {args.rounds}: {median['rate']:.1f} req/s, "
            f"{median['cpu']:.1f} ms of server CPU per request"
        )
    if theirs is not None:
        print(
            f"ratio ours/pretalx: {medians['ours']['rate'] / medians['pretalx']['rate']:.2f}× "
            f"in req/s, {medians['pretalx']['cpu'] / medians['ours']['cpu']:.2f}× in server "
            "CPU per request"
        )


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    var_dir = Path(tempfile.mkdtemp(prefix="pagespeed-"))
    if args.reuse:
        os.environ["DATABASE_URL"] = f"{args.server}/{SCRATCH}"
    else:
        os.environ["DATABASE_URL"] = create_scratch(args.server, SCRATCH)
    os.environ["LEARNINGCITY_VAR_DIR"] = str(var_dir)
    os.environ["LEARNINGCITY_DEBUG"] = "0"
    os.environ["LEARNINGCITY_CONN_MAX_AGE"] = "600"
    os.environ["LEARNINGCITY_LOG_LEVEL"] = "WARNING"
    os.environ["LEARNINGCITY_SECRET_KEY"] = "pagespeed-bench-" + "x" * 40
    os.environ["DJANGO_SETTINGS_MODULE"] = "learningcity.settings"
    import logging

    import django

    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)
    from django.core.management import call_command

    server = None
    try:
        started = time.perf_counter()
        if not args.reuse:
            call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        print(f"migrate + collectstatic: {time.perf_counter() - started:.1f} s")
        if args.reuse:
            registration, coordinator = kept()
        else:
            registration, coordinator = build(args.applications, args.judges, args.rows, args.chars)
        path = measure_in_process(registration, coordinator, args.runs, args.profile)
        cookie = session_cookie(coordinator)
        from django.db import connections

        connections.close_all()
        url = f"http://127.0.0.1:{PORT}{path}"
        server = start_granian(dict(os.environ))
        wait_until_up(url, cookie, server, var_dir / "granian.log")
        ours = {"url": url, "cookie": cookie, "pid": server.pid, "database": SCRATCH}
        theirs = None
        if args.pretalx_url:
            theirs = {
                "url": args.pretalx_url,
                "cookie": args.pretalx_cookie,
                "pid": args.pretalx_pid,
                "database": args.pretalx_db,
            }
        compare(ours, theirs, args)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if args.keep or args.reuse:
            print(f"kept {os.environ['DATABASE_URL']}")
        else:
            drop_scratch(args.server, SCRATCH)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
