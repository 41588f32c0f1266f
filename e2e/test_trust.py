"""Issue 15 in real processes: direct HTTPS with HSTS, the server SIGKILLed under concurrent writes (10 rounds),
and backup and restore while writes go on. Each test runs its own `braid serve` on its own SQLite file."""

import datetime
import ipaddress
import json
import os
import random
import signal
import sqlite3
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

from conftest import BINARY

CLIENT_PASSWORD = "demo-client-password"
CLINICIAN_PASSWORD = "demo-clinician-password"


def environment():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BRAID_BCRYPT_COST"] = "10"
    return env


class Served:
    """`braid serve --demo` on a file, started and stopped (or killed) by the test."""

    def __init__(self, database, port, extra=(), context=None):
        self.database, self.port, self.context = database, port, context
        scheme = "https" if context else "http"
        self.base = f"{scheme}://127.0.0.1:{port}"
        self.log = open(database + ".serve.log", "a")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--demo", "--port", str(port), "--db", database, *extra],
            stdout=self.log, stderr=subprocess.STDOUT, env=environment())
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/api/v1/health", timeout=1, context=context)
                return
            except Exception:
                if self.process.poll() is not None:
                    raise RuntimeError("braid serve exited; see " + self.log.name)
                time.sleep(0.1)
        raise RuntimeError("braid serve did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def call(base, method, path, token=None, body=None, context=None, timeout=10):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return response.status, json.loads(response.read() or b"{}"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}"), error.headers


def sign_in(base, email, password):
    status, body, _ = call(base, "POST", "/api/v1/auth/token", body={"email": email, "password": password})
    assert status == 200, body
    return body["token"]


class Load:
    """Client check-ins and clinician PHQ-9s from several threads; keeps the ids the server acknowledged."""

    def __init__(self, served, threads=6):
        self.served = served
        base = served.base
        self.clients = [sign_in(base, f"client{n:02d}@demo.braid.test", CLIENT_PASSWORD) for n in range(1, 7)]
        clinician = sign_in(base, "rivera@demo.braid.test", CLINICIAN_PASSWORD)
        status, caseload, _ = call(base, "GET", "/api/v1/clients", token=clinician)
        assert status == 200
        self.clinician = clinician
        self.caseload = [entry["id"] for entry in caseload["clients"]][:4]
        self.checkins, self.assessments = [], []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.work, args=(n,), daemon=True) for n in range(threads)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def acknowledged(self):
        with self.lock:
            return set(self.checkins), set(self.assessments)

    def work(self, number):
        rng = random.Random(number)
        today = datetime.date.today()
        while not self.stop.is_set():
            try:
                if rng.random() < 0.7:
                    day = today - datetime.timedelta(days=rng.randint(2, 25))
                    body = {
                        "date": day.isoformat(), "mood": rng.randint(0, 10), "craving": rng.randint(0, 10),
                        "sleepHours": rng.choice([4, 5.5, 7, 8]), "used": rng.random() < 0.2,
                    }
                    status, answer, _ = call(self.served.base, "POST", "/api/v1/me/checkins",
                                             token=rng.choice(self.clients), body=body, timeout=5)
                    if status == 201:
                        with self.lock:
                            self.checkins.append(answer["id"].lower())
                else:
                    body = {"instrument": "phq9", "answers": [rng.randint(0, 3) for _ in range(8)] + [0]}
                    client = rng.choice(self.caseload)
                    status, answer, _ = call(self.served.base, "POST", f"/api/v1/clients/{client}/assessments",
                                             token=self.clinician, body=body, timeout=5)
                    if status == 201:
                        with self.lock:
                            self.assessments.append(answer["id"].lower())
            except Exception:
                # The server was killed mid-request: that write was never acknowledged.
                time.sleep(0.05)


def stored(database, table):
    connection = sqlite3.connect(database)
    try:
        return {str(row[0]).lower() for row in connection.execute(f"SELECT id FROM {table}")}
    finally:
        connection.close()


def integrity(database):
    connection = sqlite3.connect(database)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def audit_verify(database):
    return subprocess.run([BINARY, "audit", "verify", "--db", database], capture_output=True, text=True,
                          env=environment())


def test_sigkill_rounds_lose_no_acknowledged_write():
    folder = tempfile.mkdtemp(prefix="braid-kill-")
    database = os.path.join(folder, "kill.sqlite")
    rng = random.Random(15)
    acknowledged_checkins, acknowledged_assessments = set(), set()
    for round_number in range(10):
        served = Served(database, 18400 + round_number)
        load = Load(served)
        load.start()
        time.sleep(rng.uniform(0.5, 2.5))
        served.kill()  # at a random moment, with writes in flight
        load.finish()
        checkins, assessments = load.acknowledged()
        acknowledged_checkins |= checkins
        acknowledged_assessments |= assessments
        assert integrity(database) == "ok", f"round {round_number}"
        missing_checkins = acknowledged_checkins - stored(database, "check_ins")
        missing_assessments = acknowledged_assessments - stored(database, "assessments")
        assert not missing_checkins and not missing_assessments, f"round {round_number}: lost writes"
        verified = audit_verify(database)
        assert verified.returncode == 0, verified.stderr
    print(f"10 rounds: {len(acknowledged_checkins)} check-ins and {len(acknowledged_assessments)} assessments "
          "acknowledged, all present; integrity ok; audit chain intact")
    assert len(acknowledged_checkins) > 50 and len(acknowledged_assessments) > 10


def test_backup_under_write_load_and_restore():
    folder = tempfile.mkdtemp(prefix="braid-backup-")
    database = os.path.join(folder, "live.sqlite")
    copy = os.path.join(folder, "copy.sqlite")
    served = Served(database, 18420)
    load = Load(served)
    load.start()
    time.sleep(1.5)
    before_checkins, before_assessments = load.acknowledged()
    backup = subprocess.run([BINARY, "backup", copy, "--db", database], capture_output=True, text=True,
                            env=environment())
    assert backup.returncode == 0, backup.stderr
    assert json.loads(backup.stdout)["integrity"] == "ok"
    time.sleep(1.0)
    # A restore is refused while the server holds the database.
    refused = subprocess.run([BINARY, "restore", copy, "--db", database], capture_output=True, text=True,
                             env=environment())
    assert refused.returncode == 2 and "stop it first" in refused.stderr
    load.finish()
    served.stop()
    after_checkins, _ = load.acknowledged()

    # The copy holds every write acknowledged before it began, is sound, and its audit chain is whole.
    assert integrity(copy) == "ok"
    assert before_checkins <= stored(copy, "check_ins") and before_assessments <= stored(copy, "assessments")
    assert audit_verify(copy).returncode == 0
    live_rows = len(stored(database, "check_ins"))
    copy_rows = len(stored(copy, "check_ins"))
    assert after_checkins <= stored(database, "check_ins") and copy_rows < live_rows

    restored = subprocess.run([BINARY, "restore", copy, "--db", database], capture_output=True, text=True,
                              env=environment())
    assert restored.returncode == 0, restored.stderr
    answer = json.loads(restored.stdout)
    assert answer["restored"] == database and os.path.exists(answer["previous"])
    assert len(stored(database, "check_ins")) == copy_rows
    assert audit_verify(database).returncode == 0
    # The restored database serves.
    served = Served(database, 18421)
    token = sign_in(served.base, "client01@demo.braid.test", CLIENT_PASSWORD)
    status, _, _ = call(served.base, "GET", "/api/v1/me/checkins", token=token)
    served.stop()
    assert status == 200
    print(f"backup under load: {len(before_checkins)} check-ins acknowledged before it, all in the copy of "
          f"{copy_rows} rows (live went on to {live_rows}); restore put the copy back")


def self_signed(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(key, hashes.SHA256()))
    cert_path, key_path = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    with open(cert_path, "wb") as file:
        file.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as file:
        file.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()))
    return cert_path, key_path


def test_direct_https_with_hsts():
    folder = tempfile.mkdtemp(prefix="braid-tls-")
    cert, key = self_signed(folder)
    context = ssl.create_default_context(cafile=cert)
    database = os.path.join(folder, "tls.sqlite")
    served = Served(database, 18430, extra=("--tls-cert", cert, "--tls-key", key), context=context)
    try:
        status, body, headers = call(served.base, "GET", "/api/v1/health", context=context)
        assert status == 200 and body["status"] == "ok"
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert headers["X-Content-Type-Options"] == "nosniff"
        with urllib.request.urlopen(served.base + "/login", context=context) as page:
            assert page.headers["Strict-Transport-Security"] and "default-src 'none'" in page.headers[
                "Content-Security-Policy"]
        # Plain HTTP to the TLS port gets no answer.
        try:
            urllib.request.urlopen("http://127.0.0.1:18430/api/v1/health", timeout=3)
            raise AssertionError("plain HTTP was answered")
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
    finally:
        served.stop()
    for arguments, field in [
        (["--tls-cert", os.path.join(folder, "missing.pem"), "--tls-key", key], "--tls-cert"),
        (["--tls-cert", cert, "--tls-key", cert], "--tls-key"),
        (["--tls-key", key], "--tls-cert"),
    ]:
        run = subprocess.run([BINARY, "serve", "--port", "18431", "--db", database, *arguments],
                             capture_output=True, text=True, env=environment(), timeout=60)
        assert run.returncode == 2 and run.stderr.startswith(field), (arguments, run.stderr)


def sealed_counts(database):
    connection = sqlite3.connect(database)
    try:
        counts = {}
        for table, column in [("check_ins", "note"), ("alerts", "acknowledgement_note"), ("recovery_records", "payload"),
                              ("treatment_plans", "content"), ("safety_plans", "content")]:
            for (value,) in connection.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"):
                key = value.split(":")[2] if value.startswith("braid-sealed:1:") else "plain"
                counts[key] = counts.get(key, 0) + 1
        return counts
    finally:
        connection.close()


def test_notes_are_sealed_and_keys_rotate():
    folder = tempfile.mkdtemp(prefix="braid-keys-")
    database = os.path.join(folder, "keys.sqlite")
    served = Served(database, 18440)
    token = sign_in(served.base, "client01@demo.braid.test", CLIENT_PASSWORD)
    note = "Argued with my brother, walked it off instead of calling my old dealer"
    day = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    status, _, _ = call(served.base, "POST", "/api/v1/me/checkins", token=token,
                        body={"date": day, "mood": 5, "craving": 4, "sleepHours": 6, "used": False, "note": note})
    assert status == 201
    _, before, _ = call(served.base, "GET", "/api/v1/me/checkins", token=token)
    # Rotation is refused while the server holds the database.
    busy = subprocess.run([BINARY, "keys", "rotate", "--db", database], capture_output=True, text=True,
                          env=environment())
    assert busy.returncode == 2 and "stop it first" in busy.stderr
    served.stop()

    with open(database, "rb") as file:
        assert note.encode() not in file.read()
    with open(database + ".notes-key") as file:
        old_key = file.read().split()[0]
    assert oct(os.stat(database + ".notes-key").st_mode & 0o777) == "0o600"
    counts = sealed_counts(database)
    assert set(counts) == {old_key} and counts[old_key] > 20, counts

    rotated = subprocess.run([BINARY, "keys", "rotate", "--db", database], capture_output=True, text=True,
                             env=environment())
    assert rotated.returncode == 0, rotated.stderr
    answer = json.loads(rotated.stdout)
    assert answer["retired"] == [old_key] and answer["key"] != old_key and answer["resealed"] >= counts[old_key]
    with open(database + ".notes-key") as file:
        lines = file.read().split("\n")
    assert lines[0].split()[0] == answer["key"] and lines[1:] == [""]
    assert set(sealed_counts(database)) == {answer["key"]}

    served = Served(database, 18441)
    token = sign_in(served.base, "client01@demo.braid.test", CLIENT_PASSWORD)
    _, after, _ = call(served.base, "GET", "/api/v1/me/checkins", token=token)
    served.stop()
    assert after == before and any(entry.get("note") == note for entry in after["checkIns"])
