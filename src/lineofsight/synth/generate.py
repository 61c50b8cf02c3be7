"""Build one council's synthetic world and write its returns; or every council's, in parallel.

Layout: ``OUT/<E-code>/ssda903/<year>/*.csv``, ``OUT/<E-code>/cin/cin_census_<year>.xml``,
``OUT/<E-code>/workforce/csww_<year>.xml`` and, with faults, the manifest ``OUT/<E-code>.faults.csv``
beside the council's folder (outside it, so readers given the folder never see it).
Each random stream is seeded from (seed, council, purpose), so output is byte-identical for a
seed, and turning faults on does not change the underlying children.
"""

from __future__ import annotations

import csv
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lineofsight.reference.las import LA
from lineofsight.returns import synthetic
from lineofsight.synth import care, cin, ssda903, workforce
from lineofsight.synth.calendar import sept30
from lineofsight.synth.children import simulate_children
from lineofsight.synth.fastrandom import FastRandom
from lineofsight.synth.faults import Fault, inject_csv, write_manifest
from lineofsight.synth.model import World
from lineofsight.synth.people import People
from lineofsight.synth.targets import targets

BURN_IN = 4  # years simulated before the first return, so stocks and histories exist


@dataclass(frozen=True)
class Summary:
    la_code: str
    children: int
    episodes: int
    cin_children: int
    workers: int
    faults: int


def _rng(seed: int, la: LA, purpose: str) -> random.Random:
    return FastRandom(f"{seed}:{la.code}:{purpose}")


def build_world(la: LA, first: int, last: int, seed: int, as_at: int | None = None) -> World:
    """The council's children, care, leavers and staff over the years; ``as_at`` (a day ordinal
    in the last year) makes the last year an in-year extract taken that day."""
    sim_years = list(range(first - BURN_IN, last + 1))
    t = {y: targets(la.code, y) for y in sim_years}
    rng = _rng(seed, la, "children")
    people = People(rng, la.old_code)
    referrals, spells = simulate_children(rng, people, t, sim_years)
    leavers = care.care_leavers(_rng(seed, la, "leavers"), spells, t, first, last)
    censuses = [y for y in range(first, last + 1) if as_at is None or sept30(y) <= as_at]
    staff = workforce.simulate_workforce(_rng(seed, la, "workforce"), t, censuses)
    return World(
        la.code,
        la.old_code,
        la.name,
        first,
        last,
        people.children,
        referrals,
        spells,
        leavers,
        staff,
        as_at,
    )


def write_world(world: World, out: Path, seed: int, fault_rate: float = 0.0) -> Summary:
    root = out / world.la_code
    frng: random.Random = FastRandom(f"{seed}:{world.la_code}:faults")
    found: list[Fault] = []
    episodes = 0
    cin_children = 0
    for year in range(world.first_year, world.last_year + 1):
        tables = ssda903.build(world, year)
        episodes += len(tables["episodes"])
        folder = root / "ssda903" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        rows: dict[str, list[list[str] | None]] = {k: list(v) for k, v in tables.items()}
        if fault_rate > 0:
            rows, injected = inject_csv(frng, fault_rate, tables, ssda903.COLUMNS, year)
            found += injected
        bom_table = frng.choice(sorted(rows)) if fault_rate > 0 else None
        for table, data in rows.items():
            bom = table == bom_table
            if bom:
                found.append(Fault("ssda903", year, f"{table}.csv", None, "", "", "utf8_bom"))
            _write_csv(folder / f"{table}.csv", ssda903.COLUMNS[table], data, bom)
        (root / "cin").mkdir(parents=True, exist_ok=True)
        cin_file = f"cin_census_{year}.xml"

        def record(
            child: str,
            field: str,
            kind: str,
            year: int = year,
            name: str = cin_file,
            into: list[Fault] = found,
        ) -> None:
            into.append(Fault("cin", year, name, None, child, field, kind))

        cin_children += cin.write_xml(
            world,
            year,
            root / "cin" / cin_file,
            (frng, fault_rate, record) if fault_rate > 0 else None,
        )
    (root / "workforce").mkdir(parents=True, exist_ok=True)
    cp1252_year = (
        frng.choice([w.year for w in world.workforce])
        if fault_rate > 0 and world.workforce
        else None
    )
    for wf in world.workforce:
        name = f"csww_{wf.year}.xml"
        workforce.write_xml(
            wf, world.old_code, root / "workforce" / name, cp1252=wf.year == cp1252_year
        )
        if wf.year == cp1252_year:
            found.append(Fault("workforce", wf.year, name, None, "", "QualInst", "windows_1252"))
    (root / synthetic.MARKER).write_text(synthetic.MARKER_TEXT, encoding="utf-8")
    if fault_rate > 0:
        write_manifest(manifest_path(root), found)
    return Summary(
        world.la_code,
        len(world.children),
        episodes,
        cin_children,
        sum(len(w.workers) for w in world.workforce),
        len(found),
    )


def _write_csv(path: Path, columns: list[str], rows: list[list[str] | None], bom: bool) -> None:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(columns)
        for r in rows:
            if r is None:
                fh.write("\r\n")
            else:
                w.writerow(r)


def manifest_path(council: Path) -> Path:
    """The fault manifest of the council folder ``OUT/<E-code>``: ``OUT/<E-code>.faults.csv``."""
    return council.with_name(f"{council.name}.faults.csv")


def generate(
    la: LA,
    out: Path,
    first: int,
    last: int,
    seed: int,
    fault_rate: float,
    as_at: int | None = None,
) -> Summary:
    return write_world(build_world(la, first, last, seed, as_at), out, seed, fault_rate)


def ssda903_tables(la: LA, first: int, last: int, seed: int) -> dict[str, Any]:
    """A council's synthetic 903 returns for ``first``..``last``, read back as the readers' tables
    (no faults, not validated): what the demo's forecast and placement-mix loaders start from."""
    from tempfile import TemporaryDirectory

    from lineofsight.returns.load import read_paths

    with TemporaryDirectory(prefix="lineofsight-synth-") as tmp:
        generate(la, Path(tmp), first, last, seed, 0.0)
        files = sorted((Path(tmp) / la.code / "ssda903").glob("*"))
        return read_paths(files, validate=False)[0].tables


def _one(args: tuple[LA, Path, int, int, int, float, int | None]) -> Summary:
    return generate(*args)


def generate_all(
    las: list[LA],
    out: Path,
    first: int,
    last: int,
    seed: int,
    fault_rate: float,
    jobs: int,
    as_at: int | None = None,
) -> list[Summary]:
    """Every council; ``jobs`` worker processes (each loads the published store once)."""
    work = [(la, out, first, last, seed, fault_rate, as_at) for la in las]
    if jobs <= 1:
        return [_one(w) for w in work]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_one, work, chunksize=1))
