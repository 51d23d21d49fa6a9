"""Signing up, signing in and out, the session kept in HttpOnly cookies, and the refresh
that keeps it alive."""

import uuid

import harness
from browser import By


def test_sign_up_then_sign_out_and_sign_in_again(server, browser):
    email = f"new-{uuid.uuid4().hex[:8]}@example.com"
    browser.open("/")
    browser.find("#auth-form")
    # Google is not configured on this server: no Google button.
    assert not browser.find_all("#google-sign-in") or not browser.find_all("#google-sign-in")[0].is_displayed()
    browser.screenshot("sign-in-desktop")

    browser.sign_in(email, create=True)
    browser.wait_for_view("discover")
    browser.go("/settings", "settings")
    assert browser.find("#account-email").text == email

    browser.click("#sign-out")
    browser.find("#auth-form")

    # A wrong password is refused with a clear message (the server answers 400 invalid_grant).
    browser.allow_console(r"/auth/token - Failed to load resource: the server responded with a status of 40[01]")
    browser.find("#auth-email").send_keys(email)
    browser.find("#auth-password").send_keys("not the password")
    browser.click("#auth-submit")
    browser.wait(lambda d: d.find_element(By.ID, "auth-error").text == "Wrong email or password.", 10,
                 "no message for a wrong password")

    browser.find("#auth-password").clear()
    browser.sign_in(email)
    # Back on the page where the person signed out.
    browser.wait_for_view("settings")

    # A reload keeps the session: the cookies are there, and the page finds them.
    browser.driver.refresh()
    browser.wait_for_view("settings")
    cookies = {cookie["name"]: cookie for cookie in browser.driver.get_cookies()}
    assert cookies["myspotify_access"]["httpOnly"] is True
    # Nothing token-like is kept where page scripts can read it.
    stored = browser.js("return JSON.stringify(Object.assign({}, localStorage)) + document.cookie")
    assert cookies["myspotify_access"]["value"] not in stored
    assert "myspotify_access" not in browser.js("return document.cookie")


def test_an_expired_access_cookie_is_refreshed_and_the_request_retried(server, browser, account):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    browser.wait_for_view("discover")
    old = browser.driver.get_cookie("myspotify_access")["value"]

    # The access cookie is gone (as if its 15 minutes ran out): the next request gets a 401,
    # the app swaps the refresh cookie for new ones and retries, and the page still loads.
    browser.driver.delete_cookie("myspotify_access")
    browser.allow_console(r"Failed to load resource: the server responded with a status of 401")
    browser.go("/library", "library")
    assert browser.find_all(".card"), "the albums did not load after the refresh"
    renewed = browser.driver.get_cookie("myspotify_access")
    assert renewed and renewed["value"] != old


def test_google_button_links_to_the_server_when_configured(browsers, tmp_path):
    data = harness.new_data_folder("web-google")
    server = harness.Server(data, environment={
        "MYSPOTIFY_GOOGLE_CLIENT_ID": "test-client",
        "MYSPOTIFY_GOOGLE_CLIENT_SECRET": "test-secret",
        # Never fetched before someone presses the button; nothing listens there.
        "MYSPOTIFY_GOOGLE_DISCOVERY_URL": "http://127.0.0.1:9/.well-known/openid-configuration",
    })
    server.start()
    try:
        assert server.client().get("/auth/config")["google"] is True
        browser = browsers(server.url)
        browser.open("/library?sort=year")
        link = browser.find("#google-sign-in")
        href = link.get_attribute("href")
        assert href.startswith(server.url + "/auth/google/start?redirect=")
        # It comes back to the page the person was on, marked so the app looks for the cookie.
        assert "redirect=%2Flibrary%3Fsort%3Dyear%26signed_in%3Dgoogle" in href
    finally:
        server.stop()
        harness.remove(data)


def test_the_session_is_renewed_before_a_stream_when_it_is_about_to_expire(server, browser, account, track_ids):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    browser.wait_for_view("discover")
    old = browser.driver.get_cookie("myspotify_access")["value"]
    # Pretend the access cookie has 20 s left: starting a track must renew it first, so the
    # stream's requests (seeks included) never carry an expired cookie.
    browser.js("const hint = JSON.parse(localStorage.getItem('myspotify.session'));"
               "hint.expiresAt = Date.now() + 20000; hint.refreshedAt = 0;"
               "localStorage.setItem('myspotify.session', JSON.stringify(hint));")
    browser.button("Play Neon Harbor by Aurora Lane").click()
    browser.wait_playing_past(0.3)
    renewed = browser.driver.get_cookie("myspotify_access")["value"]
    assert renewed != old
    hint = browser.js("return JSON.parse(localStorage.getItem('myspotify.session'))")
    assert hint["expiresAt"] > browser.js("return Date.now()") + 10 * 60 * 1000
    # Only the hint is stored, never a token.
    assert renewed not in browser.js("return JSON.stringify(Object.assign({}, localStorage))")
