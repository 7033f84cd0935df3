"""First contact in real Chromium: every demo user lands on a page that says what they can do.

Also: the 404 page is ours and in zh-Hans, and at phone width (390 px) no page the newcomer
sees scrolls sideways or breaks a word one character per line.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from gongwen.org.demo import PEOPLE

pytestmark = pytest.mark.e2e

# The page wider than the viewport, or a word of 2+ CJK characters laid out one character per
# line (what a table column too narrow for 职务 did). Counting line boxes, not pixels, keeps the
# check true whatever CJK font the machine has.
LAYOUT_PROBLEMS = """
const problems = [];
if (document.documentElement.scrollWidth > window.innerWidth) {
  problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
}
for (const el of document.querySelectorAll('body *')) {
  for (const node of el.childNodes) {
    const text = node.nodeType === 3 ? node.textContent.trim() : '';
    if (!/^[\\u4e00-\\u9fff]{2,}$/.test(text)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (tops.size >= text.length) problems.push('one character per line: ' + text);
  }
}
return problems;
"""


@pytest.fixture
def demo_county(transactional_db):
    from gongwen.org.demo import load_demo

    load_demo()


def _log_in(browser, base: str, username: str) -> None:
    browser.delete_all_cookies()
    browser.get(f"{base}/login/")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys("gongwen-demo")
    browser.find_element(By.CSS_SELECTOR, "button.primary").click()
    WebDriverWait(browser, 10).until(ec.url_to_be(f"{base}/"))


def test_every_demo_user_reaches_a_page_saying_what_they_can_do(
    live_server, browser, demo_county
) -> None:
    for username, name, _clearance, _posts in PEOPLE:
        _log_in(browser, live_server.url, username)
        assert browser.find_element(By.CSS_SELECTOR, "[data-testid=current-user]").text == name
        work = browser.find_element(By.CSS_SELECTOR, "[data-testid=open-work]").text
        assert "待办" in work and "工作台" in work, username
        has_admin = 'data-testid="admin-link"' in browser.page_source  # no implicit wait
        assert has_admin == (username == "admin"), username
    browser.find_element(By.CSS_SELECTOR, "[data-testid=admin-link]").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/admin/"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-hans"


def test_the_404_page_is_ours_in_chinese(live_server, browser, demo_county) -> None:
    browser.get(f"{live_server.url}/no-such-page/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "页面没有找到"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=error-page]")
    assert "We're sorry" not in browser.page_source


def test_phone_width_pages_neither_scroll_sideways_nor_squeeze_words(
    live_server, browser, demo_county
) -> None:
    browser.set_window_size(390, 844)
    width = browser.execute_script("return window.innerWidth")
    assert width <= 420  # the window really is phone-sized
    browser.get(f"{live_server.url}/login/")
    assert browser.execute_script(LAYOUT_PROBLEMS) == []
    browser.get(f"{live_server.url}/no-such-page/")
    assert browser.execute_script(LAYOUT_PROBLEMS) == []
    for username in ("fanglin", "admin"):  # two posts; the longest home page
        _log_in(browser, live_server.url, username)
        assert browser.execute_script(LAYOUT_PROBLEMS) == [], username
