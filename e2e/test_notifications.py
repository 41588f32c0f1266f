"""Issue 12: a safety alert reaches the person on call at night, by a signed webhook and by email, through real
local receivers (an HTTP server and aiosmtpd's SMTP server), and neither carries anything clinical. Runs after the
journeys (file order) on the same demo server, and switches the channels off again at the end."""

import hashlib
import hmac
import http.server
import json
import socket
import threading
import time
import urllib.request

from aiosmtpd.controller import Controller
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import shot
from test_journeys import ADMIN, CLIENT, sign_in, wait_for

SECRET = "e2e-webhook-secret-0123456789"
NOTE = "Fought with my brother about money"
CLINICAL = ["suicid", "harm", "phq", "c-ssrs", "mood", "craving", "cocaine", "relapse", "depress", "score",
            NOTE.lower(), "brother"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Hooks(http.server.BaseHTTPRequestHandler):
    calls = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hooks.calls.append((self.headers.get("X-Braid-Signature"), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8")))
        return "250 Message accepted"


def api(server, method, path, body=None, token=None):
    request = urllib.request.Request(server + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def set_channels(browser, server, fields):
    browser.get(server + "/admin/notifications")
    form = browser.find_element(By.ID, "notification-settings")
    for name, value in fields.items():
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait_for(browser, EC.staleness_of(form))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_elements(By.CSS_SELECTOR, "p.summary[role=status]"), "not saved: " + main[:600]


def test_an_alert_reaches_the_person_on_call_by_signed_webhook_and_email(server, browser):
    hooks = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Hooks)
    threading.Thread(target=hooks.serve_forever, daemon=True).start()
    mailbox = Mailbox()
    smtp_port = free_port()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    try:
        sign_in(browser, server, *ADMIN)
        set_channels(browser, server, {
            "on-call-rota": "daily 00:00-00:00 rivera@demo.braid.test\ndaily 00:00-00:00 chen@demo.braid.test",
            "notify-webhook-url": f"http://127.0.0.1:{hooks.server_address[1]}/hook",
            "notify-webhook-secret": SECRET, "notify-smtp": f"127.0.0.1:{smtp_port}",
            "notify-email-from": "alerts@demo.braid.test", "reason": "Night cover: webhook to the pager, email",
        })
        assert "rivera@demo.braid.test" in browser.find_element(By.TAG_NAME, "main").text
        shot(browser, "12-notification-settings")

        token = api(server, "POST", "/api/v1/auth/token", {"email": CLIENT[0], "password": CLIENT[1]})["token"]
        created = api(server, "POST", "/api/v1/me/checkins", {
            "mood": 1, "craving": 9, "sleepHours": 3, "used": True, "safety": True, "note": NOTE}, token)
        alert = created["safetyAlert"]["id"]

        deadline = time.time() + 60
        mine = []
        while time.time() < deadline:
            mine = [(signature, body) for signature, body in Hooks.calls if json.loads(body).get("alert") == alert]
            mails = [m for m in mailbox.messages if f"/clients/" in m[1]]
            if mine and mails:
                break
            time.sleep(1)
        assert mine, "no webhook call for the new alert within 60 s"
        signature, body = mine[0]
        assert signature == "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        payload = json.loads(body)
        assert payload["recipient"] == "rivera@demo.braid.test" and payload["urgency"] == "urgent"
        assert payload["step"] == 0 and payload["link"].endswith("#alerts")
        assert any(rcpt == ["rivera@demo.braid.test"] for rcpt, _ in mailbox.messages)
        assert all("Subject: Braid: a safety alert needs attention" in text for _, text in mailbox.messages)

        me = api(server, "GET", "/api/v1/me", token=token)
        forbidden = CLINICAL + [me["name"].lower()]
        everything = [body.decode() for _, body in Hooks.calls] + [text for _, text in mailbox.messages]
        for text in everything:
            for word in forbidden:
                assert word not in text.lower(), f"'{word}' left Braid in a notification"

        browser.get(server + "/admin/notifications")
        log = wait_for(browser, EC.presence_of_element_located((By.ID, "delivery-log")))
        assert "delivered" in log.text
        shot(browser, "12-delivery-log")
    finally:
        # Switch the channels off so the rest of the run sends nothing to receivers that are gone.
        set_channels(browser, server, {"notify-webhook-url": "", "notify-smtp": "", "reason": "End of the test"})
        hooks.shutdown()
        smtp.stop()
