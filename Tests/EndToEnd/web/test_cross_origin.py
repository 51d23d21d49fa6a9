"""Another site's page must not act with the signed-in person's session: a real page on
another origin, served by a tiny HTTP server in the test, auto-submits forms to the
MySpotify server in the same Chromium where the person is signed in by cookie.

127.0.0.1 on another port is the same *site* as the server (cookies ignore ports, so
SameSite=Lax cookies go with its requests); localhost on another port is another site.
"""

from __future__ import annotations

import html
import http.server
import json
import threading
import uuid
from dataclasses import dataclass, field

import pytest

import harness
from conftest import ADMIN_EMAIL


@dataclass
class AttackerSite:
    """Pages served from another port of this machine: `pages[path] = html`."""

    port: int
    pages: dict = field(default_factory=dict)

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def attacker():
    pages: dict[str, str] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            page = pages.get(self.path.split("?")[0])
            body = (page or "not here").encode()
            self.send_response(200 if page is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, name="attacker-site", daemon=True)
    thread.start()
    try:
        yield AttackerSite(server.server_address[1], pages)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def auto_submitting_form(action: str, fields: list[tuple[str, str]], enctype: str) -> str:
    inputs = "".join(f'<input type="hidden" name="{html.escape(name)}" value="{html.escape(value)}">' for name, value in fields)
    return (f'<!doctype html><html><head><link rel="icon" href="data:,"><title>Win a prize</title></head><body>'
            f'<form id="f" method="post" enctype="{enctype}" action="{html.escape(action)}">{inputs}</form>'
            '<script>document.getElementById("f").submit()</script></body></html>')


def submit_from(browser, attacker: AttackerSite, host: str, page: str, action: str) -> str:
    """Opens the attacker's page, waits until its form has landed on `action`, and returns
    what the browser shows there (the server's answer)."""
    attacker.pages["/prize.html"] = page
    # The server's refusal is a 403 page; Chromium reports it (and the favicon it then asks
    # the server for) in the console. Those are expected here.
    browser.allow_console(r"the server responded with a status of 40[34]")
    browser.driver.get(attacker.url(host, "/prize.html"))
    browser.wait(lambda d: d.current_url == action and d.execute_script("return document.readyState") == "complete",
                 10, f"the form did not land on {action}")
    return browser.js("return document.body.innerText")


def me_in(browser, server) -> dict:
    """/api/me as the browser's own session sees it (its cookie, nothing else), asked from
    the server's web app. (Not from the page the form landed on: every answer that is not
    the app's carries `CSP: sandbox`, which gives that page an opaque origin and no cookies.)"""
    browser.driver.get(server.url + "/")
    return browser.js_async(
        "fetch('/api/me', {credentials: 'same-origin'}).then((r) => r.json()).then(done, (e) => done({error: String(e)}))")


def test_a_page_on_another_port_cannot_create_an_admin_with_the_admins_cookie(server, browser, attacker):
    browser.open("/")
    browser.sign_in(ADMIN_EMAIL)
    intruder = f"intruder-{uuid.uuid4().hex[:8]}@example.com"
    # enctype=text/plain writes name=value: with the "=" hidden in a JSON string, the body
    # is valid JSON, and a page may send it to any origin without asking (no preflight).
    name = json.dumps({"email": intruder, "password": "the intruder's password", "role": "admin", "pad": ""})[:-2]
    action = server.url + "/api/admin/users"
    page = auto_submitting_form(action, [(name, '"}')], "text/plain")

    answer = submit_from(browser, attacker, "127.0.0.1", page, action)
    emails = [user["email"] for user in server.admin.get("/api/admin/users")["items"]]
    assert intruder not in emails, f"the other page created an account with the admin's cookie: {answer}"
    assert "cross_origin_refused" in answer, answer
    assert me_in(browser, server)["email"] == ADMIN_EMAIL, "the admin is still signed in"

    # The app's own page, in the same browser with the same cookie, still makes changes.
    browser.open("/")
    browser.wait(lambda d: d.execute_script("return !document.getElementById('app').hidden"), 10, "the app did not open")
    status = browser.js_async("""
        fetch('/api/playlists', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({name: 'Own page'})})
          .then((r) => r.json().then((b) => done([r.status, b.id])), (e) => done(['error', String(e)]))""")
    assert status[0] == 201, status
    server.admin.request("DELETE", f"/api/playlists/{status[1]}")


@pytest.mark.parametrize("attacker_host", ["localhost", "127.0.0.1"], ids=["cross-site", "same-site-other-port"])
def test_another_sites_form_cannot_sign_the_visitor_in_as_the_attacker(server, browser, attacker, account, attacker_host):
    victim_email, _ = account
    mallory = f"mallory-{uuid.uuid4().hex[:8]}@example.com"
    server.client().sign_up(mallory)
    browser.open("/")
    browser.sign_in(victim_email)

    action = server.url + "/auth/token"
    page = auto_submitting_form(action, [("grant_type", "password"), ("username", mallory), ("password", harness.PASSWORD)],
                                "application/x-www-form-urlencoded")
    answer = submit_from(browser, attacker, attacker_host, page, action)
    assert me_in(browser, server)["email"] == victim_email, "the browser was signed in as the attacker"
    assert "cross_origin_refused" in answer, answer
