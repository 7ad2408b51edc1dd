#!/usr/bin/env python3
"""serve_page_test.py — the search page in a real browser (headless Chromium through WebDriver):
type a query, click a company facet, check the count and the chip, remove the chip, go back, and
check that an article titled <script>alert(1)</script> with a javascript: url ran nothing (issue 17).

Usage: serve_page_test.py VEILLE_INDEX VEILLE_SEARCH SOURCE_DIR SCREENSHOT.png
Exit 77 (ctest SKIP_RETURN_CODE) only when no browser or WebDriver client is installed."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

SKIP = 77
HOSTILE = {"id": "hostile-1", "title": "<script>alert(1)</script> piège", "date": "2025-07-01",
           "source": "<img src=x onerror=alert(2)>", "url": "javascript:alert(3)",
           "body": "Un article piège : <script>alert(4)</script> sur la cybersécurité et OpenAI."}


def main():
    index_bin, search_bin, source, screenshot = sys.argv[1:5]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_bin = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    try:
        from selenium import webdriver
        from selenium.common.exceptions import NoAlertPresentException
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        print("SKIP: python3-selenium is not installed (scripts/setup installs it)")
        return SKIP
    if not chromium or not os.path.exists(driver_bin):
        print("SKIP: chromium or chromium-driver is not installed (scripts/setup installs them)")
        return SKIP

    with tempfile.TemporaryDirectory() as tmp:
        hostile = os.path.join(tmp, "hostile.jsonl")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(json.dumps(HOSTILE, ensure_ascii=False) + "\n")
        db = os.path.join(tmp, "db")
        subprocess.run([index_bin, "--db", db, os.path.join(source, "corpus/articles"), hostile],
                       check=True, stdout=subprocess.DEVNULL)
        server = subprocess.Popen([search_bin, "--db", db, "serve", "--listen", "127.0.0.1:0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,1000", "--lang=fr"):
            options.add_argument(arg)
        driver = None
        try:
            url = server.stdout.readline().strip()
            assert url.startswith("http://"), "serve printed no URL"
            driver = webdriver.Chrome(service=Service(executable_path=driver_bin), options=options)
            run(driver, url, By, Keys, WebDriverWait, NoAlertPresentException, screenshot)
        finally:
            if driver:
                driver.quit()
            server.terminate()
            server.wait(10)
    print("ok: search, facet, chip, back button, escaping, server-rendered page")
    return 0


def run(driver, url, By, Keys, WebDriverWait, NoAlertPresentException, screenshot):
    # Read in one script each: the page swaps its results in, so element handles go stale.
    wait = WebDriverWait(driver, 15)

    def total():
        return int(driver.execute_script(
            "var t = document.getElementById('total'); return t && t.dataset.total || '-1';"))

    def chips():
        return driver.execute_script(
            "return Array.from(document.querySelectorAll('#puces a.puce'), function (a) { return a.textContent; });")

    driver.get(url)
    box = driver.find_element(By.ID, "q")
    box.send_keys("openai")
    box.send_keys(Keys.ENTER)
    wait.until(lambda d: "q=openai" in d.current_url and total() > 0)
    all_total = total()
    assert all_total > 1, all_total

    # A company facet: its count becomes the total, and a chip appears.
    facet = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=facette-company] a:not(.actif)")
    name = facet.find_element(By.CLASS_NAME, "valeur").text
    count = int(facet.find_element(By.CLASS_NAME, "nombre").text)
    facet.click()
    wait.until(lambda d: chips())
    assert total() == count, (total(), count)
    assert chips() == [f"Entreprise : {name} ×"], chips()
    assert "filter=company" in driver.current_url
    driver.save_screenshot(screenshot)

    # Removing the chip restores the unfiltered results; Back brings the filter again.
    driver.find_element(By.CSS_SELECTOR, "#puces a.puce").click()
    wait.until(lambda d: not chips())
    assert total() == all_total
    driver.back()
    wait.until(lambda d: chips())
    assert total() == count and "filter=company" in driver.current_url
    driver.back()
    wait.until(lambda d: not chips())
    assert total() == all_total

    # The hostile article: shown as text, not linked, and nothing ran.
    driver.get(url + "?q=pi%C3%A8ge")
    title = driver.find_element(By.CSS_SELECTOR, "#article-hostile-1 h2")
    assert "<script>alert(1)</script>" in title.text, title.text
    assert not title.find_elements(By.TAG_NAME, "a")
    assert not driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")
    try:
        driver.switch_to.alert
        raise AssertionError("an alert opened: the article's script ran")
    except NoAlertPresentException:
        pass

    # Without JavaScript, the same URL carries the results in its HTML.
    with urllib.request.urlopen(url + "?q=openai") as answer:
        html = answer.read().decode("utf-8")
    assert f'data-total="{all_total}"' in html


if __name__ == "__main__":
    sys.exit(main())
