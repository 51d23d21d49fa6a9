"""Debian's headless Chromium driven by Selenium, with the waits and checks the web tests share.

Every test gets a fresh browser (`Browser`), so no test depends on another's cookies,
service worker or IndexedDB. The browser's console is read after each test: an error
there fails the test unless the test declared it expected (a server stopped on purpose).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import harness

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DESKTOP = (1280, 800)
PHONE = (360, 740)
# The phone size of the checks (an iPhone 12 to 15 viewport).
PHONE_390 = (390, 844)


def chromium_paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        raise RuntimeError("Debian's chromium and chromium-driver are needed: run ./scripts/setup --tests")
    return chromium, driver


class Browser:
    """One Chromium window on the app, with helpers named after what a person does."""

    def __init__(self, base_url: str, *, autoplay: bool = True, size: tuple[int, int] = DESKTOP):
        chromium, driver_path = chromium_paths()
        self.base_url = base_url
        self.profile = Path(tempfile.mkdtemp(prefix="myspotify-chromium-"))
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--user-data-dir={self.profile / 'profile'}", "--no-first-run",
                     "--disable-features=Translate,MediaRouter", f"--window-size={size[0]},{size[1]}"):
            options.add_argument(flag)
        if autoplay:
            options.add_argument("--autoplay-policy=no-user-gesture-required")
        else:
            # Headless Chromium may allow autoplay by default; ask for the strict policy phones have.
            options.add_argument("--autoplay-policy=document-user-activation-required")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # Chromium writes temporary files (and the driver its logs) under TMPDIR.
        environment = {**os.environ, "TMPDIR": str(self.profile)}
        self.driver = webdriver.Chrome(options=options, service=Service(driver_path, env=environment))
        self.driver.set_window_size(*size)
        self.allowed_console = []
        self.console = []

    # Navigation and waiting

    def open(self, path: str = "/") -> None:
        self.driver.get(self.base_url + path)

    def wait(self, condition, timeout: float = 10, message: str = ""):
        # A stale element means the page re-rendered between two reads: ask again.
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)

    def find(self, css: str, timeout: float = 10):
        """The visible element matching `css`, waited for."""
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, css)), timeout, f"no visible {css}")

    def find_all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def texts(self, css: str) -> list[str]:
        """The text of every element matching `css`, read at once (no stale elements mid re-render)."""
        return self.js("return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent)", css)

    def click(self, css: str, timeout: float = 10):
        element = self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, css)), timeout, f"{css} is not clickable")
        element.click()
        return element

    def button(self, label: str, timeout: float = 10):
        """The clickable button (or link) whose accessible label or text is `label`."""
        literal = xpath_literal(label)
        xpath = (f"//*[(self::button or self::a) and (@aria-label={literal} or normalize-space(.)={literal})]")
        return self.wait(EC.element_to_be_clickable((By.XPATH, xpath)), timeout, f"no button {label!r}")

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def js_async(self, script: str, *args):
        """Runs `script` with `done` as its last argument, waiting until it calls done(value)."""
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];" + script, *args)

    def wait_for_view(self, name: str, timeout: float = 10) -> None:
        """Until the app's main area shows the page `name`, fully loaded."""
        self.wait(lambda d: d.execute_script(
            "const m = document.getElementById('main'); return m && m.dataset.view === arguments[0] && m.dataset.state === 'ready'",
            name), timeout, f"the {name} page did not load")

    def go(self, path: str, view: str) -> None:
        """Follows an in-app link to `path` (no page load) and waits for the page."""
        self.js("history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'))", path)
        self.wait_for_view(view)

    # Signing in

    def sign_in(self, email: str, password: str = harness.PASSWORD, *, create: bool = False) -> None:
        """Fills the sign-in form (or the sign-up form) and waits for the app."""
        self.find("#auth-form")
        if create:
            self.click("#tab-signup")
        email_field = self.find("#auth-email")
        email_field.clear()
        email_field.send_keys(email)
        self.find("#auth-password").send_keys(password)
        self.click("#auth-submit")
        self.wait(lambda d: d.execute_script("return !document.getElementById('app').hidden"), 10, "the app did not open after signing in")

    # The player, read through the page (the <audio> the HTML5 player made)

    def audio(self, expression: str):
        return self.js(f"const audio = document.getElementById('audio-engine'); return {expression};")

    def wait_playing_past(self, seconds: float, timeout: float = 15) -> float:
        self.wait(lambda d: self.audio(f"!audio.paused && audio.currentTime > {seconds}"), timeout,
                  f"currentTime did not pass {seconds} s")
        return self.audio("audio.currentTime")

    # Evidence

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def wait_for_images(self, timeout: float = 5) -> None:
        """Until the images in view have loaded (lazy ones further down are not waited for)."""
        self.wait(lambda d: d.execute_script(
            "return [...document.images].every((i) => i.complete || i.getBoundingClientRect().top > innerHeight)"),
            timeout, "images in view did not load")

    def allow_console(self, pattern: str) -> None:
        """Declares console errors matching `pattern` expected (the server was stopped on purpose)."""
        self.allowed_console.append(re.compile(pattern))

    def console_errors(self) -> list[str]:
        self.console.extend(self.driver.get_log("browser"))
        return [entry["message"] for entry in self.console
                if entry["level"] == "SEVERE" and not any(p.search(entry["message"]) for p in self.allowed_console)]

    def stray_text(self) -> list[str]:
        """Words that only a bug prints (a null or an object turned into text), found on the page."""
        text = self.js("return document.body.innerText")
        return re.findall(r"\b(?:null|undefined|NaN)\b|\[object Object\]", text)

    def unlabelled_controls(self) -> list[str]:
        """Visible buttons, links and fields with no accessible name (screen readers would say only "button")."""
        return self.js("""
            const named = (e) => (e.getAttribute('aria-label') || '').trim() || (e.getAttribute('aria-labelledby') && document.getElementById(e.getAttribute('aria-labelledby'))?.textContent.trim())
              || (e.labels && [...e.labels].some((l) => l.textContent.trim())) || (e.title || '').trim()
              || (!['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) && e.textContent.trim());
            return [...document.querySelectorAll('button, a[href], input, select, textarea')]
              .filter((e) => e.offsetParent !== null && e.type !== 'hidden' && !named(e))
              .map((e) => e.outerHTML.slice(0, 120));""")

    def has_horizontal_overflow(self) -> bool:
        """Whether anything sticks out sideways (the page must fit from 360 px up)."""
        return self.js("""
            const root = document.scrollingElement;
            const main = document.getElementById('main');
            return root.scrollWidth > innerWidth + 1 || (main && main.scrollWidth > main.clientWidth + 1);""")

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


def xpath_literal(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


__all__ = ["Browser", "ARTIFACTS", "DESKTOP", "PHONE", "PHONE_390", "TimeoutException", "By"]
