"""Returns at real scale (issue #14): the four figures, each against its target.

Imported by ``bench_returns.py --scale`` (one script prints everything); kept apart so the sample
comparisons above stay readable.

(a) a large council's five years (``synth --la Birmingham --years 2021-2025``): our validation +
    all own-data indicators over every 903 and CIN file in one process, against ``lac_validator
    run-offline`` on each year's 903 folder plus ``cin_validator run`` on each year's census
    (peers run per year: they validate one collection at a time). Targets: >= 30x faster, peak
    memory no more than the peers' largest.
(b) one year's single file, cold: ours vs the peer on the same 903 folder and CIN file (>= 5x).
(c) a 1,000,000-row SSDA903 episodes file with invalid codes on every row: ``lineofsight validate
    --out`` (<= 60 s, <= 1 GB peak; reports capped: HTML/JSON kilobytes, the CSV complete).
(d) a 100,000-row upload of the same kind through the upload view (Django test client, the real
    view, SQLite in a temporary home): server memory growth (<= 300 MB) and ``/data/`` pages
    afterwards (< 100 ms).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from peer_tools import TABLES_903, Failed, Measured, measure, peer_python

HOSTILE_HEADER = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)


def hostile_903(path: Path, rows: int) -> Path:
    """Episodes with an invalid RNE, LS, CIN, PLACE, provider, REC and reason on every row."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HOSTILE_HEADER + "\n")
        for i in range(rows):
            fh.write(f"C{i:07d},{1 + i % 28:02d}/{1 + i % 12:02d}/2024,Q,Z9,N0,XX,PR9,,Y7,NOPE,"
                     f"AB1 2CD,ZZ9 9ZZ,SC{i % 1000:06d}\n")  # fmt: skip
    return path


def _exe() -> str:
    return str(Path(sys.executable).parent / "lineofsight")


def _line(label: str, m: Measured, extra: str = "") -> None:
    print(
        f"  {label:44s} {m.wall_s:7.2f} s (CPU {m.cpu_s:6.2f} s), peak {m.peak_mb:6.0f} MB{extra}"
    )


def _ours(paths: list[Path], bench: Path) -> Measured:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "own.json"
        m = measure([sys.executable, str(bench), "_own", "--report", str(report), *map(str, paths)])
        if m.returncode != 0:
            raise Failed(f"our pipeline failed on {paths[0]} (exit {m.returncode}).")
    return m


def _peer(env: str, args: list[str]) -> Measured | None:
    try:
        python = peer_python(env)
    except Failed as e:
        print(f"  peer {env}: not installed ({e})")
        return None
    m = measure([str(python), "-m", *args])
    if m.returncode != 0:
        print(f"  peer {' '.join(args[:2])} exited {m.returncode} on {args[-1]}")
        return None
    return m


def _peer_layout(folder: Path) -> Path:
    """The year's 903 tables as the peer's run-offline opens them, in a sibling folder: it opens
    all eleven by fixed names (its P4A table is ``placed_for_adoption_errors.csv``) and fails on a
    missing one, so a table synth does not write for that year is given as its header only."""
    from lineofsight.synth.ssda903 import COLUMNS

    dest = folder.parent / f"{folder.name}-peer"
    dest.mkdir(exist_ok=True)
    for table in TABLES_903:
        ours = folder / f"{table.removesuffix('_errors')}.csv"
        if ours.exists():
            shutil.copyfile(ours, dest / f"{table}.csv")
        else:
            columns = COLUMNS.get(table.removesuffix("_errors"), [])
            (dest / f"{table}.csv").write_text(",".join(columns) + "\n", encoding="utf-8")
    return dest


def council_years(bench: Path, la: str = "Birmingham", years: str = "2021-2025") -> None:
    with tempfile.TemporaryDirectory(prefix="los-scale-") as tmp:
        out = Path(tmp)
        subprocess.run([_exe(), "synth", "--la", la, "--years", years, "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        (root,) = [p for p in out.iterdir() if p.is_dir()]
        folders = sorted(p for p in (root / "ssda903").iterdir() if p.is_dir())
        cins = sorted((root / "cin").glob("*.xml"))
        files = [f for d in folders for f in sorted(d.glob("*.csv"))] + cins
        size = sum(f.stat().st_size for f in files) / 1e6
        print(f"\n(a) {la} {years}: {len(folders)} years of 903 and {len(cins)} CIN censuses "
              f"({size:.0f} MB)")  # fmt: skip
        mine = _ours(files, bench)
        _line("ours: validation + all indicators", mine)
        peers: list[Measured] = []
        for d in folders:
            m = _peer("v903", ["lac_validator", "run-offline", str(_peer_layout(d))])
            peers += [m] if m else []
        for c in cins:
            m = _peer("vcin", ["cin_validator", "run", str(c)])
            peers += [m] if m else []
        if len(peers) == len(folders) + len(cins):
            wall = sum(p.wall_s for p in peers)
            peak = max(p.peak_mb for p in peers)
            print(f"  {'peers: lac_validator + cin_validator, per year':44s} {wall:7.2f} s "
                  f"(CPU {sum(p.cpu_s for p in peers):6.2f} s), peak {peak:6.0f} MB")  # fmt: skip
            print(f"  ratio: {wall / mine.wall_s:.1f}x faster (target >= 30x); peak "
                  f"{mine.peak_mb / peak:.2f}x the peers' (target <= 1x)")  # fmt: skip
        else:
            print("  peers: not every peer run completed, so no ratio is printed")
        last_903, last_cin = folders[-1], cins[-1]
        print(f"\n(b) one year, cold: {last_903.name} 903 folder and {last_cin.name}")
        peer_903 = str(_peer_layout(last_903))
        for label, paths, env, args in (
            ("903", sorted(last_903.glob("*.csv")), "v903", ["lac_validator", "run-offline", peer_903]),
            ("CIN", [last_cin], "vcin", ["cin_validator", "run", str(last_cin)]),
        ):  # fmt: skip
            m = _ours(paths, bench)
            _line(f"ours {label}", m)
            p = _peer(env, args)
            if p:
                _line(f"peer {args[0]}", p, f"  -> {p.wall_s / m.wall_s:.1f}x (target >= 5x)")


def hostile_million(rows: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory(prefix="los-hostile-") as tmp:
        path = hostile_903(Path(tmp) / "episodes_2024-25.csv", rows)
        out = Path(tmp) / "reports"
        print(f"\n(c) hostile 903, {rows:,} rows ({path.stat().st_size / 1e6:.0f} MB), "
              "invalid codes on every row: lineofsight validate --out")  # fmt: skip
        m = measure([_exe(), "validate", str(path), "--out", str(out)])
        sizes = ", ".join(
            f"{p.name} {p.stat().st_size / 1e6:.2f} MB" for p in sorted(out.iterdir())
        )
        _line("validate (exit 1: errors found)", m,
              f"  (targets <= 60 s, <= 1024 MB)\n  reports: {sizes}")  # fmt: skip


def web_upload(bench: Path, rows: int = 100_000) -> None:
    with tempfile.TemporaryDirectory(prefix="los-webscale-") as tmp:
        path = hostile_903(Path(tmp) / "episodes_2024-25.csv", rows)
        report = Path(tmp) / "web.json"
        env = {**os.environ, "LINEOFSIGHT_HOME": str(Path(tmp) / "home")}
        env.pop("DATABASE_URL", None)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        done = subprocess.run([sys.executable, str(bench), "_web", str(path), str(report)],
                              env=env, check=False)  # fmt: skip
        if done.returncode != 0:
            raise Failed(f"the web upload run failed (exit {done.returncode}).")
        s = json.loads(report.read_text())
        print(f"\n(d) web upload of {rows:,} hostile 903 rows ({path.stat().st_size / 1e6:.1f} MB) "
              "through the upload view")  # fmt: skip
        print(f"  status {s['status']}, {s['upload_s']:.1f} s; server memory: {s['rss_before_mb']:.0f} MB "
              f"before, peak {s['peak_mb']:.0f} MB, {s['rss_after_mb']:.0f} MB after -> growth "
              f"{s['peak_mb'] - s['rss_before_mb']:.0f} MB at peak (target <= 300 MB)")  # fmt: skip
        print(f"  database row: {s['row_bytes'] / 1e3:.0f} kB; findings CSV file "
              f"{s['csv_bytes'] / 1e6:.1f} MB (gzipped)")  # fmt: skip
        for page, ms in s["pages_ms"].items():
            print(f"  {page}: median {ms:.1f} ms over 20 requests (target < 100 ms)")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def web_run(path: Path, report: Path) -> None:
    """In a child: set the service up, warm it, upload through the view, time the list pages."""
    from lineofsight.web.commands import migrate_database, setup_django

    setup_django("lineofsight.web.settings.dev")
    migrate_database()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from lineofsight.web.accounts.models import User
    from lineofsight.web.returns_data.checking import report_path
    from lineofsight.web.returns_data.models import Upload

    user = User.objects.create_user(
        "bench@example.org", "x" * 20, role="analyst", la_code="E08000025"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    for _ in range(3):  # warm: imports, templates, the readers
        client.get(reverse("data:index"))
    small = SimpleUploadedFile(
        "episodes_2024-25.csv", path.read_bytes()[:20_000].rsplit(b"\n", 1)[0]
    )
    client.post(reverse("data:index"), {"files": [small]})
    before = _rss_mb()
    t = time.perf_counter()
    response = client.post(
        reverse("data:index"), {"files": [SimpleUploadedFile(path.name, path.read_bytes())]}
    )
    upload_s = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    after = _rss_mb()
    if response.status_code != 302:
        import re

        found = re.search(
            r"govuk-error-summary__list.*?<a[^>]*>(.*?)</a>", response.content.decode(), re.S
        )
        raise SystemExit(
            f"upload refused ({response.status_code}): {found.group(1) if found else ''}"
        )
    upload = Upload.objects.latest("pk")
    with connection.cursor() as cur:
        cur.execute(
            "SELECT length(report_csv) + length(report_json) + length(report_html) + "
            "length(summary) FROM returns_data_upload WHERE id = %s",
            [upload.pk],
        )
        row_bytes = cur.fetchone()[0]
    pages: dict[str, float] = {}
    for name in ("data:index", "data:history"):
        times = []
        for _ in range(20):
            t = time.perf_counter()
            assert client.get(reverse(name)).status_code == 200
            times.append((time.perf_counter() - t) * 1000)
        pages[reverse(name)] = statistics.median(times)
    path_csv = report_path(upload.pk)
    report.write_text(json.dumps({
        "status": response.status_code, "upload_s": upload_s, "rss_before_mb": before,
        "peak_mb": peak, "rss_after_mb": after, "row_bytes": row_bytes,
        "csv_bytes": path_csv.stat().st_size if path_csv.exists() else 0, "pages_ms": pages,
    }))  # fmt: skip


def run_all(bench: Path, skip_peers: bool = False) -> None:
    if not skip_peers:
        council_years(bench)
    hostile_million()
    web_upload(bench)


def child(argv: list[str]) -> Any:
    if argv[1] == "_web":
        return web_run(Path(argv[2]), Path(argv[3]))
    raise SystemExit(f"unknown child command {argv[1]}")
