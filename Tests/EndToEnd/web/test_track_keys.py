"""Issue 15, keyboard and the track menu: a track list is one Tab stop (arrows move, Enter
plays, the menu key opens the track's menu); the same menu on a right click and a long
press (play next, add to queue, add to playlist, go to album, go to artist, like, share);
Alt+P reaches the player from anywhere."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.keys import Keys

from browser import By, PHONE_390
from test_player import open_album

MENU = ["Play next", "Add to queue", "Add to playlist…", "Go to album", "Go to artist", "Add to Liked songs", "Share…"]


def active(browser) -> str:
    """What has the focus: its accessible label or text."""
    return browser.js("const e = document.activeElement; return e.getAttribute('aria-label') || e.textContent.trim()")


def menu_items(browser) -> list[str]:
    browser.find("dialog[open] .menu-list")
    return [t.strip() for t in browser.texts("dialog[open] .menu-item")]


def test_a_track_list_is_one_tab_stop_with_arrow_keys_enter_and_the_menu_key(server, browser, account, track_ids):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    browser.go("/library/tracks", "library")
    browser.find("#main .track-row")
    stops = browser.js("return [...document.querySelectorAll('#main .track-list button, #main .track-list a[href]')].filter((e) => e.tabIndex >= 0).length")
    assert stops == 1, f"{stops} Tab stops in the list"

    # Tab from the sort menu lands on the first track, and the next Tab leaves the list.
    browser.find("#library-sort").send_keys(Keys.TAB)
    first = browser.texts("#main .track-row .track-title")[0]
    assert active(browser).startswith(f"Play {first}")
    browser.driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    second = browser.texts("#main .track-row .track-title")[1]
    assert active(browser).startswith(f"Play {second}")
    browser.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert browser.js("return document.activeElement.closest('.track-row') === document.querySelectorAll('#main .track-row')[1]")
    assert browser.js("return document.activeElement.matches('.track-album a, .like-button')")
    browser.driver.switch_to.active_element.send_keys(Keys.ARROW_LEFT)
    assert active(browser).startswith(f"Play {second}")
    browser.driver.switch_to.active_element.send_keys(Keys.END)
    last = browser.texts("#main .track-row .track-title")[-1]
    assert active(browser).startswith(f"Play {last}")
    browser.driver.switch_to.active_element.send_keys(Keys.HOME)
    browser.driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    # The list remembers where the keyboard was: still one stop, now the second track.
    stops = browser.js("return [...document.querySelectorAll('#main .track-list button, #main .track-list a[href]')].filter((e) => e.tabIndex >= 0).map((e) => e.getAttribute('aria-label'))")
    assert len(stops) == 1 and stops[0].startswith(f"Play {second}")
    browser.driver.switch_to.active_element.send_keys(Keys.TAB)
    assert not browser.js("return Boolean(document.activeElement.closest('#main .track-list'))"), "Tab stayed in the list"

    # Enter plays the focused track.
    browser.find_all("#main .track-row .track-play")[1].send_keys(Keys.ENTER)
    browser.wait(lambda d: browser.audio("audio.src").endswith(track_ids[second]), 5, "Enter did not play the track")

    # The menu key (Shift+F10, and the ContextMenu key) opens the track's menu; Escape gives the focus back.
    browser.find_all("#main .track-row .track-play")[1].send_keys(Keys.SHIFT, Keys.F10)
    assert menu_items(browser) == MENU
    assert browser.find("dialog[open] .dialog-title").text == second
    browser.screenshot("track-menu-from-keyboard")
    browser.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    browser.wait(lambda d: not browser.find_all("dialog[open]"), 5)
    assert active(browser).startswith(f"Play {second}")
    browser.js("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'ContextMenu', bubbles: true}))")
    assert menu_items(browser) == MENU
    browser.driver.switch_to.active_element.send_keys(Keys.ESCAPE)

    # Alt+P: the player from anywhere, even a field.
    browser.find("#search-input").click()
    browser.driver.switch_to.active_element.send_keys(Keys.ALT, "p")
    browser.wait(lambda d: browser.js("return document.activeElement.id") == "play-pause", 3, "Alt+P did not reach the player")


def test_right_click_opens_the_track_menu_and_it_likes(server, browser, account, track_ids):
    email, client = account
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Salt Roads")
    title = browser.find_all("#main .track-row .track-title")[0]
    ActionChains(browser.driver).context_click(title).perform()
    assert menu_items(browser) == MENU
    assert browser.find("dialog[open] .dialog-title").text == "Lantern Song"
    browser.screenshot("track-menu-right-click")
    browser.button("Add to Liked songs").click()
    browser.wait(lambda d: [t["title"] for t in client.get("/api/likes")["items"]] == ["Lantern Song"], 5)
    # The heart agrees, and the menu now offers the way back.
    browser.wait(lambda d: browser.find_all("#main .track-row .like-button")[0].get_attribute("aria-pressed") == "true", 5)
    ActionChains(browser.driver).context_click(browser.find_all("#main .track-row .track-title")[0]).perform()
    assert "Remove from Liked songs" in menu_items(browser)
    browser.button("Go to artist").click()
    browser.wait_for_view("artist")
    assert browser.find("#main h1").text == "Copper Tide"
    assert not browser.audio("audio.src"), "a right click played the track"


def test_a_long_press_opens_the_track_menu_on_a_phone(server, browsers, account):
    email, _ = account
    browser = browsers(server.url, size=PHONE_390)
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Night Drive")
    row = browser.find_all("#main .track-row .track-title")[1]
    touch = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(browser.driver, mouse=touch)
    actions.pointer_action.move_to(row).pointer_down().pause(0.9).pointer_up()
    actions.perform()
    assert menu_items(browser) == MENU
    assert browser.find("dialog[open] .dialog-title").text == "Glass Rivers"
    sheet = browser.find("dialog[open]").rect
    assert sheet["x"] >= 0 and sheet["x"] + sheet["width"] <= PHONE_390[0]
    browser.screenshot("track-menu-long-press-phone")
    # The press opened the menu; it did not also play the track.
    assert not browser.audio("audio.src")
    browser.button("Play next").click()
    browser.wait(lambda d: browser.find(".player-title").text == "Glass Rivers", 5)
