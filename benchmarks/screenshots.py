"""Retake the README screenshots: the overview, an indicator page, a key question and the action log,
signed in as the demo leader.

Why: pictures in the README go stale as pages change; this rebuilds them the same way each time,
from a fresh demo (temporary ``LINEOFSIGHT_HOME``, synthetic data only) served on 127.0.0.1.

    uv run python benchmarks/screenshots.py [--out docs/screenshots] [--indicator cla_rate_per_10k]

Needs Debian's chromium (``/usr/bin/chromium``) and Playwright. Full-page PNGs, 1280 px wide, saved
as palette PNGs (``png_palette.py``) with the most colours that keep each under 400 KB.
"""

from __future__ import annotations

import argparse
import base64
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from png_palette import write_png8

CLI = [sys.executable, "-c", "from lineofsight.cli import run; run()"]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WIDTH = 1280
MAX_BYTES = 400 * 1024
PALETTE_SIZES = (256, 128, 64, 32, 16)
STRIP_ROWS = 512  # rows of pixels fetched from the canvas at a time (2.5 MB at 1280 px)
DEMO_COUNCIL = "Stoke-on-Trent"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], limit_s: float = 600) -> None:
    """The demo sets up its database and synthetic returns before serving: allow it minutes."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"lineofsight demo exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    sys.exit(f"{url} did not answer within {limit_s:.0f} s")


def _leader_sign_in() -> tuple[str, str]:
    """The demo leader's email and password, from the same functions the demo prints them with."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lineofsight.web.settings.dev")
    import django

    django.setup()
    from lineofsight.web.accounts.roles import Role
    from lineofsight.web.demo_accounts import demo_email, demo_password

    return demo_email(Role.LEADER, DEMO_COUNCIL), demo_password(Role.LEADER)


def _pixels(context: Any, png: bytes) -> npt.NDArray[np.uint8]:
    """Decode chromium's PNG with chromium itself (a canvas), in strips, as height x width x 3."""
    page = context.new_page()
    try:
        width, height = page.evaluate(
            """async (b64) => {
                const img = new Image();
                img.src = "data:image/png;base64," + b64;
                await img.decode();
                const canvas = document.createElement("canvas");
                canvas.width = img.width;
                canvas.height = img.height;
                window.shotContext = canvas.getContext("2d");
                window.shotContext.drawImage(img, 0, 0);
                return [img.width, img.height];
            }""",
            base64.b64encode(png).decode("ascii"),
        )
        strips = []
        for top in range(0, height, STRIP_ROWS):
            rows = min(STRIP_ROWS, height - top)
            text = page.evaluate(
                """([top, width, rows]) => {
                    const rgba = window.shotContext.getImageData(0, top, width, rows).data;
                    let out = "";
                    for (let i = 0; i < rgba.length; i += 32768) {
                        out += String.fromCharCode.apply(null, rgba.subarray(i, i + 32768));
                    }
                    return btoa(out);
                }""",
                [top, width, rows],
            )
            rgba = np.frombuffer(base64.b64decode(text), dtype=np.uint8)
            strips.append(rgba.reshape(rows, width, 4)[:, :, :3])
    finally:
        page.close()
    return np.concatenate(strips, axis=0)


def _save_small(rgb: npt.NDArray[np.uint8], path: Path) -> int:
    """The most colours (256 down to 16) that keep the file under ``MAX_BYTES``."""
    size = 0
    for colours in PALETTE_SIZES:
        size = write_png8(rgb, path, colours)
        if size <= MAX_BYTES:
            break
    return size


def _shoot(base: str, out: Path, indicator: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    email, password = _leader_sign_in()
    shots = [
        ("overview.png", "/overview/"),
        ("indicator.png", f"/indicators/{indicator}/"),
        ("key-question.png", "/key-questions/kq_corporate_parenting_01/"),
        ("actions.png", "/governance/actions/"),
    ]
    phone_shots = [("overview-phone.png", "/overview/")]
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width, todo in ((WIDTH, shots), (PHONE, phone_shots)):
                context: Any = browser.new_context(
                    viewport={"width": width, "height": 900}, device_scale_factor=1
                )
                page = context.new_page()
                page.goto(f"{base}/sign-in/")
                page.get_by_label("Email address").fill(email)
                page.locator("#password").fill(password)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_load_state("networkidle")
                if "/sign-in/" in page.url:
                    sys.exit(f"signing in as {email} failed: still on {page.url}")
                for name, path in todo:
                    response = page.goto(f"{base}{path}", wait_until="networkidle")
                    if response is None or response.status != 200:
                        status = response.status if response else "no response"
                        sys.exit(f"{path} answered {status}")
                    target = out / name
                    # the top of a long page is what a reader sees first: keep the image short
                    height = int(page.evaluate("document.documentElement.scrollHeight"))
                    clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)}
                    png = page.screenshot(full_page=True, clip=clip)
                    _save_small(_pixels(context, png), target)
                    saved.append(target)
                context.close()
        finally:
            browser.close()
    return saved


MAX_HEIGHT = 1800
PHONE = 390  # a common phone's width in CSS pixels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--indicator", default="cla_rate_per_10k")
    opts = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit("Debian's chromium is not installed (apt-get install -y chromium).")
    opts.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lineofsight-shots-") as home:
        os.environ["LINEOFSIGHT_HOME"] = home
        for key in [k for k in os.environ if k.startswith(("DJANGO_", "DATABASE_URL"))]:
            del os.environ[key]
        port = _free_port()
        print(f"Starting the demo on port {port} (sets up the database and demo data) ...")
        server = subprocess.Popen(
            [*CLI, "demo", "--port", str(port)],
            env={**os.environ, "COLUMNS": "160"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(f"{base}/sign-in/", server)
            saved = _shoot(base, opts.out, opts.indicator)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    for path in saved:
        print(f"Saved {path} ({path.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
