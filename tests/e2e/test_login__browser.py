"""A demo user logs in through the real login page in Chromium and sees their departments."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_county(transactional_db):
    from gongwen.org.demo import load_demo

    load_demo()


def test_demo_user_logs_in_and_sees_departments(live_server, browser, demo_county) -> None:
    browser.get(f"{live_server.url}/")
    assert "/login/" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-hans"
    browser.find_element(By.ID, "id_username").send_keys("fanglin")
    browser.find_element(By.ID, "id_password").send_keys("gongwen-demo")
    browser.find_element(By.CSS_SELECTOR, "button.primary").click()

    WebDriverWait(browser, 10).until(ec.url_to_be(f"{live_server.url}/"))
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=current-user]").text == "方琳"
    table = browser.find_element(By.CSS_SELECTOR, "[data-testid=positions]").text
    assert "县政府办秘书科" in table and "教育局办公室" in table


def test_switching_to_english_and_logging_out(live_server, browser, demo_county) -> None:
    browser.get(f"{live_server.url}/login/")
    browser.find_element(By.CSS_SELECTOR, "button[name=language][value=en]").click()
    WebDriverWait(browser, 10).until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Log"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Log in"
    browser.find_element(By.ID, "id_username").send_keys("huangmin")
    browser.find_element(By.ID, "id_password").send_keys("gongwen-demo")
    browser.find_element(By.CSS_SELECTOR, "button.primary").click()
    # page_source does not wait for the navigation the click started; an element lookup does
    WebDriverWait(browser, 10).until(ec.url_to_be(f"{live_server.url}/"))
    assert "My departments and positions" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.XPATH, "//button[text()='Log out']").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/login/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Log in"


def test_a_wrong_password_shows_an_error(live_server, browser, demo_county) -> None:
    browser.get(f"{live_server.url}/login/")
    browser.find_element(By.ID, "id_username").send_keys("huangmin")
    browser.find_element(By.ID, "id_password").send_keys("wrong")
    browser.find_element(By.CSS_SELECTOR, "button.primary").click()
    assert "用户名或密码不正确" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
