"""Browser tests: a real `braid serve --demo` on 127.0.0.1 driven by headless Chromium (Debian's chromium and
chromium-driver; no downloads at run time). Screenshots of every step go to e2e/screenshots/."""

import os
import pathlib
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "e2e" / "screenshots"
PORT = int(os.environ.get("BRAID_E2E_PORT", "18080"))
BINARY = os.environ.get("BRAID_BIN", str(ROOT / ".build" / "release" / "braid"))
# The served demo's SQLite file, for tests that read it with the CLI (exports) beside the running server.
SERVED = {}
# Clinical text the browser journeys type (an acknowledgement note, a thought record). After the run, neither the
# server's log nor the database files may hold any of it in plain text: notes are sealed at rest (issue 15).
TYPED_NOTES = [
    "Called Alex; safe with family tonight",
    "Sunday evening, alone, payday tomorrow",
    "I enjoyed the walk with my sister on Saturday",
    "Enjoyment is slowly coming back without cocaine",
]


AXE_VERSION = "4.12.1"
AXE_WHEEL = "axe-playwright-python==0.1.8"


def axe_source():
    """axe-core 4.12.1, as PyPI's axe-playwright-python 0.1.8 wheel carries it (downloaded once into e2e/.axe;
    the wheel is only unpacked, never installed: Selenium injects the script)."""
    import sys
    import zipfile

    folder = ROOT / "e2e" / ".axe"
    script = folder / "axe.min.js"
    if not script.exists():
        folder.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", str(folder),
                        AXE_WHEEL], check=True)
        wheel = next(folder.glob("axe_playwright_python-0.1.8-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            script.write_bytes(archive.read("axe_playwright_python/axe.min.js"))
    text = script.read_text()
    assert f"axe v{AXE_VERSION}" in text[:200], "e2e/.axe/axe.min.js is not axe-core " + AXE_VERSION
    return text


def assert_no_plain_notes(folder, log_path):
    """Greps the log and every file of the database (main file, -wal) for the notes typed during the run."""
    with open(log_path, "rb") as file:
        log = file.read()
    for note in TYPED_NOTES:
        assert note.encode() not in log, f"the server log holds clinical text: {note!r}"
    for name in os.listdir(folder):
        if name.startswith("e2e.sqlite") and not name.endswith(".notes-key"):
            with open(os.path.join(folder, name), "rb") as file:
                data = file.read()
            for note in TYPED_NOTES:
                assert note.encode() not in data, f"{name} holds a note in plain text: {note!r}"


@pytest.fixture(scope="session")
def server():
    binary = BINARY
    folder = tempfile.mkdtemp(prefix="braid-e2e-")
    SERVED["database"] = os.path.join(folder, "e2e.sqlite")
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["BRAID_BCRYPT_COST"] = "10"
    log = open(os.path.join(folder, "serve.log"), "w")
    process = subprocess.Popen(
        [binary, "serve", "--demo", "--port", str(PORT), "--db", os.path.join(folder, "e2e.sqlite")],
        stdout=log, stderr=subprocess.STDOUT, env=environment)
    base = f"http://127.0.0.1:{PORT}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=1)
            break
        except Exception:
            if process.poll() is not None:
                raise RuntimeError("braid serve exited; see " + log.name)
            time.sleep(0.2)
    else:
        raise RuntimeError("braid serve did not start in time")
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()
    assert_no_plain_notes(folder, log.name)


@pytest.fixture(scope="session")
def demo_database(server):
    """The path of the demo database the server runs on."""
    return SERVED["database"]


@pytest.fixture()
def browser():
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    # A phone viewport (headless windows cannot be narrower than 500 px; emulation sets the viewport itself).
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 375, "height": 812, "pixelRatio": 2}})
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture()
def desktop():
    """A desktop window, for the README's picture of the clinician's chart."""
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--window-size=1280,1500")
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def shot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
