"""Whole journeys in a real browser (issue 5), in order: they share one demo server."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import shot


def wait_for(browser, condition):
    # Chromium can answer a check on a node that a navigation is replacing with a generic "node does not belong to
    # the document" error instead of a stale-element one: that is the page changing, so look again.
    from selenium.common.exceptions import WebDriverException

    return WebDriverWait(browser, 15, ignored_exceptions=[WebDriverException]).until(condition)

CLIENT = ("client01@demo.braid.test", "demo-client-password")
SPANISH_CLIENT = ("client06@demo.braid.test", "demo-client-password")
CLINICIAN = ("rivera@demo.braid.test", "demo-clinician-password")


def sign_in(browser, server, email, password):
    browser.delete_all_cookies()
    browser.get(server + "/login")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "form.signout")))


def choose(browser, name, value):
    browser.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']").click()


def fill_check_in(browser, safety):
    choose(browser, "mood", "6" if not safety else "1")
    choose(browser, "craving", "3" if not safety else "9")
    sleep = browser.find_element(By.ID, "sleepHours")
    sleep.clear()
    sleep.send_keys("7.5")
    choose(browser, "used", "false")
    choose(browser, "safety", "true" if safety else "false")


def test_client_checks_in_on_a_phone(server, browser):
    sign_in(browser, server, *CLIENT)
    assert browser.current_url.endswith("/today")
    assert browser.execute_script("return window.innerWidth") == 375
    assert "tel:988" in browser.page_source
    shot(browser, "1-client-today")
    fill_check_in(browser, safety=False)
    browser.find_element(By.XPATH, "//button[normalize-space()='Save check-in']").click()
    wait_for(browser, EC.url_contains("saved=1"))
    assert "Saved. Thank you for checking in." in browser.page_source
    shot(browser, "2-client-saved")
    # ... and sees it on the chart of their pattern, with sleep and the month-grid use calendar.
    browser.find_element(By.LINK_TEXT, "See my pattern").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "svg.chart[role='img']")))
    captions = [c.text for c in browser.find_elements(By.TAG_NAME, "figcaption")]
    assert "Latest mood 6 on " in captions[0]
    assert any("hours of sleep" in c.lower() for c in captions)
    assert browser.find_elements(By.CSS_SELECTOR, "table.calendar caption")
    shot(browser, "2b-client-pattern")
    # The page fits the phone: no horizontal scrolling.
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 375
    # How the cycle works: the four parts and the chart with their own curve beside the simulated one.
    browser.find_element(By.LINK_TEXT, "How the cycle works").click()
    wait_for(browser, EC.title_contains("How the cycle works"))
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "main h2")]
    assert headings[:4] == ["Surge", "Crash", "Chase", "Deepening"]
    assert "Typical crash (simulated)" in browser.page_source
    shot(browser, "2c-client-cycle")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 375


def test_client_safety_yes_shows_crisis_resources(server, browser):
    sign_in(browser, server, *CLIENT)
    fill_check_in(browser, safety=True)
    browser.find_element(By.XPATH, "//button[normalize-space()='Save check-in']").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".crisis-urgent")))
    page = browser.page_source
    assert "Call 988 now" in page
    assert "your care team has been alerted" in page
    assert browser.find_element(By.CSS_SELECTOR, ".crisis-urgent").is_displayed()
    assert "Your safety plan" in page
    shot(browser, "3-client-crisis")


def test_clinician_sees_alert_first_opens_chart_and_acknowledges(server, browser):
    sign_in(browser, server, *CLINICIAN)
    assert browser.current_url.endswith("/caseload")
    alerts = browser.find_elements(By.CSS_SELECTOR, "div.alert")
    assert alerts, "open alerts are shown"
    heading = browser.find_element(By.CSS_SELECTOR, "main h1").location["y"]
    table = browser.find_element(By.CSS_SELECTOR, "main table").location["y"]
    assert heading < alerts[0].location["y"] < table
    mine = [a for a in alerts if "Alex M." in a.text and "thoughts of being better off dead" in a.text]
    assert mine, "the new check-in alert for Alex M. is listed"
    shot(browser, "4-clinician-caseload")
    # Open the chart from the alert.
    mine[0].find_element(By.LINK_TEXT, "Alex M.").click()
    wait_for(browser, EC.title_contains("Alex M."))
    assert "/clients/" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text == "Alex M."
    assert "last 90 days: mood, craving and use" in browser.page_source
    shot(browser, "5-clinician-chart")
    browser.find_element(By.LINK_TEXT, "365 days").click()
    wait_for(browser, EC.url_contains("days=365"))
    assert "last 365 days" in browser.page_source
    # Alex's alerts head the chart as cards; other clients' are listed by name.
    cards = browser.find_elements(By.CSS_SELECTOR, "div.alert")
    assert cards and all("Alex M." in card.text for card in cards)
    before = len(cards)
    # Acknowledge the alert on the chart with a note; the page comes back to the chart without it.
    alert = [a for a in cards if "thoughts of being better off dead" in a.text][0]
    alert.find_element(By.TAG_NAME, "textarea").send_keys("Called Alex; safe with family tonight; plan reviewed.")
    alert.find_element(By.TAG_NAME, "button").click()
    wait_for(browser, EC.staleness_of(alert))
    assert "/clients/" in browser.current_url and "days=365" in browser.current_url
    assert len(browser.find_elements(By.CSS_SELECTOR, "div.alert")) == before - 1
    assert "Called Alex; safe with family tonight; plan reviewed." in browser.page_source
    shot(browser, "6-clinician-acknowledged")
    # Record a urine screen from the chart.
    browser.find_element(By.CSS_SELECTOR, "form#screen input[value='negative']").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Record screen']").click()
    wait_for(browser, EC.url_contains("saved=screen"))
    assert "Urine screen saved." in browser.page_source
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 375


def test_public_self_check(server, browser):
    browser.delete_all_cookies()
    browser.get(server + "/")
    assert "treated together" in browser.page_source
    browser.find_element(By.LINK_TEXT, "Start the self-check").click()
    wait_for(browser, EC.url_contains("/self-check"))
    choose(browser, "everDepressed", "yes")
    browser.find_element(By.ID, "depressionAge").send_keys("15")
    browser.find_element(By.ID, "firstUseAge").send_keys("19")
    choose(browser, "moodInBreak", "lifted")
    choose(browser, "lowsAfterUse", "yes")
    choose(browser, "phq2_1", "2")
    choose(browser, "phq2_2", "1")
    shot(browser, "7-self-check")
    browser.find_element(By.XPATH, "//button[normalize-space()='See what this suggests']").click()
    wait_for(browser, EC.title_contains("What your answers suggest"))
    page = browser.page_source
    assert "What your answers suggest" in page
    assert "What to do next" in page
    assert browser.get_cookies() == []
    shot(browser, "8-self-check-result")


def test_clinician_chart_on_a_desktop(server, desktop):
    sign_in(desktop, server, *CLINICIAN)
    # The least urgent client (last row) for the picture; the chart's own alerts would fill the top.
    desktop.find_elements(By.CSS_SELECTOR, "table.caseload tbody th a")[-1].click()
    wait_for(desktop, EC.presence_of_element_located((By.CSS_SELECTOR, "svg.chart")))
    assert desktop.execute_script("return document.documentElement.scrollWidth") <= 1280
    shot(desktop, "9-desktop-clinician-chart")


PAGES = {
    "public": ["/", "/self-check", "/login", "/?lang=es", "/self-check?lang=es", "/login?lang=es"],
    "client": ["/today", "/pattern", "/cycle", "/my-plan", "/safety-plan", "/my-relapse-plan", "/reminders",
               "/my-consents", "/recovery", "/thought-records", "/thought-records/new?starter=never-happy",
               "/diary-card", "/activities", "/paws", "/support", "/my-groups", "/profile"],
    # Finley J. reads the pages in Spanish.
    "spanish": ["/today", "/pattern", "/cycle", "/my-plan", "/safety-plan", "/my-relapse-plan", "/reminders",
                "/my-consents", "/recovery", "/diary-card", "/thought-records/new", "/activities", "/support",
                "/my-groups", "/paws", "/profile"],
    "clinician": ["/caseload", "/caseload?show=discharged"],
    "admin": [
        "/admin", "/admin/settings", "/admin/notifications", "/admin/audit", "/admin/audit?action=auth", "/program",
    ],
    "lead": ["/program", "/program?days=365", "/program/report"],
}

def test_clinician_accepts_a_php_recommendation_and_overrides_another(server, browser, desktop):
    """Issue 11: on a phone, Dr. Rivera accepts the pending step-up to PHP (the safety-plan review is asked for);
    on a desktop she overrides a step-down with a reason; both are kept on the chart."""
    from selenium.webdriver.support.ui import Select

    sign_in(browser, server, *CLINICIAN)
    flagged = browser.find_elements(By.XPATH, "//table[@class='caseload']//tr[.//li[@data-flag='step-up-recommended']]//th//a")
    assert flagged, "a client with step-up-recommended on the caseload"
    flagged[0].click()
    panel = wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "[data-recommended-level]")))
    assert panel.get_attribute("data-recommended-level") == "php" and panel.get_attribute("data-step") == "up"
    rules = [li.get_attribute("data-rule") for li in panel.find_elements(By.CSS_SELECTOR, "li[data-rule]")]
    assert rules, "the rules behind the recommendation are listed"
    button = browser.find_element(By.CSS_SELECTOR, "#accept-level button")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait_for(browser, EC.staleness_of(panel))
    current = wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "[data-current-level]")))
    assert current.get_attribute("data-current-level") == "php"
    assert browser.find_element(By.ID, "safety-plan-review").is_displayed()
    shot(browser, "11-level-accepted-phone")

    sign_in(desktop, server, *CLINICIAN)
    charts = [a.get_attribute("href") for a in
              desktop.find_elements(By.XPATH, "//table[@class='caseload']//tr[td[@data-level='php']]//th//a")]
    for chart in charts:
        desktop.get(chart)
        panel = desktop.find_elements(By.CSS_SELECTOR, "[data-recommended-level]")
        if panel and panel[0].get_attribute("data-step") == "down":
            break
    else:
        raise AssertionError("a client at PHP with a step-down recommended")
    Select(desktop.find_element(By.ID, "override-level-choice")).select_by_value("php")
    desktop.find_element(By.ID, "override-reason").send_keys("Stays at PHP two more weeks: first week back at work")
    desktop.find_element(By.CSS_SELECTOR, "#override-level button").click()
    wait_for(desktop, EC.staleness_of(panel[0]))
    decision = wait_for(desktop, EC.presence_of_element_located((By.CSS_SELECTOR, "table.decisions td[data-decision]")))
    assert decision.get_attribute("data-decision") == "overridden"
    assert "first week back at work" in desktop.find_element(By.CSS_SELECTOR, "table.decisions").text
    shot(desktop, "11-level-overridden-desktop")


def test_clinician_builds_a_plan_from_the_suggestions_and_the_client_opens_my_plan(server, browser, desktop):
    """Issue 11: on a desktop Dr. Rivera reviews the problems the data suggest (suggested interventions already
    ticked) and signs a new version of the plan; the client opens "My plan" on a phone."""
    sign_in(desktop, server, *CLINICIAN)
    desktop.find_element(By.XPATH, "//table[@class='caseload']//th//a[normalize-space()='Alex M.']").click()
    builder = wait_for(desktop, EC.presence_of_element_located((By.ID, "plan-builder")))
    version = int(desktop.find_element(By.CSS_SELECTOR, "[data-plan-version]").get_attribute("data-plan-version"))
    summary = desktop.find_element(By.CSS_SELECTOR, "#plan details summary")
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
    if desktop.find_element(By.CSS_SELECTOR, "#plan details").get_attribute("open") is None:
        summary.click()
    problems = builder.find_elements(By.CSS_SELECTOR, "fieldset[data-problem]")
    assert problems, "the data suggest problems"
    sud = builder.find_element(By.CSS_SELECTOR, "fieldset[data-problem='stimulant-use-disorder']")
    ticked = [box.get_attribute("name") for box in sud.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
              if box.is_selected()]
    assert any(name.endswith("contingency-management") for name in ticked)
    assert any(name.endswith(".cbt") for name in ticked)
    shot(desktop, "11-plan-builder-desktop")
    button = builder.find_element(By.CSS_SELECTOR, "button[type=submit]")
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait_for(desktop, EC.staleness_of(builder))
    errors = desktop.find_elements(By.ID, "plan-error")
    assert not errors, errors[0].text if errors else ""
    signed = wait_for(desktop, EC.presence_of_element_located((By.CSS_SELECTOR, "[data-plan-version]")))
    assert int(signed.get_attribute("data-plan-version")) == version + 1
    assert "Treatment plan signed" in desktop.page_source

    sign_in(browser, server, *CLIENT)
    browser.find_element(By.LINK_TEXT, "My plan").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "ul.my-problems li")))
    assert "What we're working on" in browser.page_source
    assert "F14" not in browser.page_source
    axe_check(browser, "my plan")
    shot(browser, "11-my-plan-phone")


def test_clinician_records_a_negative_screen_and_the_client_sees_the_earning(server, browser, desktop):
    """Issue 12: on a desktop Dr. Rivera enrolls Blair in contingency management and records today's negative
    urine screen; the first voucher is in the ledger at once, and Blair sees it on Today on a phone."""
    sign_in(desktop, server, *CLINICIAN)
    desktop.find_element(By.XPATH, "//table[@class='caseload']//th//a[normalize-space()='Blair T.']").click()
    enroll = wait_for(desktop, EC.presence_of_element_located((By.CSS_SELECTOR, "#cm-enroll button")))
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'});", enroll)
    enroll.click()
    wait_for(desktop, EC.staleness_of(enroll))
    assert "Enrolled in contingency management" in desktop.page_source
    form = desktop.find_element(By.CSS_SELECTOR, "form#screen")
    form.find_element(By.CSS_SELECTOR, "input[name='result'][value='negative']").click()
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait_for(desktop, EC.staleness_of(form))
    streak = wait_for(desktop, EC.presence_of_element_located((By.CSS_SELECTOR, "#contingency [data-streak]")))
    assert streak.get_attribute("data-streak") == "1"
    assert desktop.find_element(By.CSS_SELECTOR, "#contingency [data-earned]").get_attribute("data-earned") == "2.50"
    rows = desktop.find_elements(By.CSS_SELECTOR, "table.cm-ledger tbody tr[data-result='N']")
    assert len(rows) == 1 and "2.50" in rows[0].text
    shot(desktop, "12-cm-ledger-desktop")

    sign_in(browser, server, "client02@demo.braid.test", "demo-client-password")
    card = wait_for(browser, EC.presence_of_element_located((By.ID, "contingency")))
    assert "My rewards" in card.text and "$2.50" in card.text
    assert card.find_element(By.CSS_SELECTOR, "[data-streak]").get_attribute("data-streak") == "1"
    assert "Next screen" in card.text
    shot(browser, "12-cm-today-phone")


def test_part2_consent_recorded_by_the_team_and_taken_back_by_the_client(server, browser, desktop):
    """Issue 13 §5: on a desktop Dr. Rivera records a consent Alex signed for a recovery residence; a disclosure to
    a recipient no consent names is refused with nothing sent. On a phone Alex reads who has had the record and
    takes the new consent back."""
    from selenium.webdriver.support.ui import Select

    sign_in(desktop, server, *CLINICIAN)
    desktop.find_element(By.XPATH, "//table[@class='caseload']//th//a[normalize-space()='Alex M.']").click()
    link = wait_for(desktop, EC.presence_of_element_located((By.LINK_TEXT, "Consents and disclosures (42 CFR Part 2)")))
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()
    form = wait_for(desktop, EC.presence_of_element_located((By.ID, "consent-form")))
    form.find_element(By.ID, "consent-recipient").send_keys("Northside Recovery Residence")
    Select(form.find_element(By.ID, "consent-purpose")).select_by_value("care-coordination")
    form.find_element(By.ID, "consent-signature").send_keys("Alex M.")
    box = form.find_element(By.NAME, "rightToRevokeExplained")
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.click()
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    status = wait_for(desktop, EC.presence_of_element_located((By.CSS_SELECTOR, "p.summary[role=status]")))
    assert status.text == "Consent recorded."
    row = desktop.find_element(By.XPATH, "//table[contains(@class,'consents')]//tr[td[normalize-space()='Northside Recovery Residence']]")
    assert row.get_attribute("data-consent-status") == "active"
    disclose = desktop.find_element(By.ID, "disclose-form")
    disclose.find_element(By.ID, "disclose-recipient").send_keys("Northside Hospital")
    button = disclose.find_element(By.CSS_SELECTOR, "button[type=submit]")
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    refusal = wait_for(desktop, EC.presence_of_element_located((By.ID, "recipient-error")))
    assert "no consent of the client names Northside Hospital as a recipient" in refusal.text
    assert "Not disclosed: nothing left the program." in desktop.page_source
    shot(desktop, "13-consents-desktop")

    sign_in(browser, server, *CLIENT)
    browser.find_element(By.LINK_TEXT, "Who may see my record").click()
    wait_for(browser, EC.presence_of_element_located((By.XPATH, "//h1[normalize-space()='Who may see my record']")))
    accounting = browser.find_element(By.CSS_SELECTOR, "table.disclosures")
    assert "Riverside Community Health" in accounting.text
    card = browser.find_element(By.XPATH, "//li[h3[normalize-space()='Northside Recovery Residence']]")
    assert card.get_attribute("data-consent-status") == "active"
    button = card.find_element(By.CSS_SELECTOR, "button[type=submit]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "p.summary[role=status]")))
    card = browser.find_element(By.XPATH, "//li[h3[normalize-space()='Northside Recovery Residence']]")
    assert card.get_attribute("data-consent-status") == "revoked"
    assert not card.find_elements(By.CSS_SELECTOR, "button")
    shot(browser, "13-my-consents-phone")


def click(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def test_client_writes_a_thought_record_on_a_phone(server, browser, desktop):
    """Issue 14: Alex starts from the starter library's "I'll never be happy without cocaine", rates the feeling
    before and after a balanced thought, and ticks a trigger; the care team sees the record with its trend."""
    sign_in(browser, server, *CLIENT)
    browser.find_element(By.LINK_TEXT, "My recovery tools").click()
    browser.find_element(By.LINK_TEXT, "My thought records").click()
    browser.find_element(By.LINK_TEXT, "Write a thought record").click()
    click(browser, browser.find_element(By.LINK_TEXT, "I'll never be happy without cocaine."))
    thought = wait_for(browser, EC.presence_of_element_located((By.ID, "automaticThought")))
    assert thought.get_attribute("value") == "I'll never be happy without cocaine."
    assert "Ask yourself:" in browser.page_source
    browser.find_element(By.ID, "situation").send_keys("Sunday evening, alone, payday tomorrow")
    browser.find_element(By.ID, "emotion0").send_keys("hopeless")
    browser.find_element(By.ID, "before0").send_keys("90")
    browser.find_element(By.ID, "evidenceAgainst").send_keys("I enjoyed the walk with my sister on Saturday.")
    browser.find_element(By.ID, "balancedThought").send_keys("Enjoyment is slowly coming back without cocaine.")
    browser.find_element(By.ID, "after0").send_keys("40")
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[name='trigger-alone']"))
    click(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save thought record']"))
    wait_for(browser, EC.url_contains("saved=1"))
    card = browser.find_element(By.CSS_SELECTOR, "ul.records li.card")
    assert "hopeless: 90 → 40" in card.text and "Being alone" in card.text
    shot(browser, "14-thought-record-phone")

    sign_in(desktop, server, *CLINICIAN)
    desktop.find_element(By.XPATH, "//table[@class='caseload']//th//a[normalize-space()='Alex M.']").click()
    link = wait_for(desktop, EC.presence_of_element_located((By.PARTIAL_LINK_TEXT, "Recovery tools")))
    click(desktop, link)
    records = wait_for(desktop, EC.presence_of_element_located((By.CSS_SELECTOR, "[data-records]")))
    assert int(records.get_attribute("data-records")) >= 2
    assert "Being alone" in desktop.find_element(By.CSS_SELECTOR, "ol.triggers").text
    shot(desktop, "14-recovery-chart-desktop")


def test_client_fills_the_diary_card_on_a_phone(server, browser):
    """Issue 14: today's part of the DBT diary card: a strong urge to use, none acted on, urge surfing used; the
    week grid shows it. No suicide urge, so no alert."""
    from selenium.webdriver.support.ui import Select

    sign_in(browser, server, *CLIENT)
    browser.get(server + "/diary-card")
    day = wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "details[open]")))
    name = day.find_element(By.CSS_SELECTOR, "select[name$='.urge.use']").get_attribute("name")
    date = name.split(".")[0]
    Select(browser.find_element(By.NAME, f"{date}.urge.use")).select_by_value("5")
    Select(browser.find_element(By.NAME, f"{date}.urge.suicide")).select_by_value("0")
    Select(browser.find_element(By.NAME, f"{date}.emotion.fear")).select_by_value("3")
    Select(browser.find_element(By.NAME, f"{date}.action.used")).select_by_value("false")
    Select(browser.find_element(By.NAME, f"{date}.skillsRating")).select_by_value("7")
    box = browser.find_element(By.NAME, f"{date}.skill.urge-surfing")
    if not box.is_selected():
        click(browser, box)
    click(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save diary card']"))
    wait_for(browser, EC.url_contains("saved=1"))
    grid = browser.find_element(By.ID, "diary-grid")
    row = grid.find_element(By.XPATH, ".//tr[th[normalize-space()='Urge: to use']]")
    assert "5" in [td.text for td in row.find_elements(By.TAG_NAME, "td")]
    assert "Urge surfing" in grid.text
    assert "Help is here" not in browser.page_source
    shot(browser, "14-diary-card-phone")


def test_client_marks_group_homework_done_from_today(server, browser):
    """Issue 14: this week's homework from the relapse-prevention group is on Alex's Today page; marked done, it
    leaves Today and shows done on My groups."""
    sign_in(browser, server, *CLIENT)
    card = wait_for(browser, EC.presence_of_element_located((By.ID, "homework")))
    item = card.find_element(By.CSS_SELECTOR, "li[data-homework]")
    homework = item.get_attribute("data-homework")
    assert "high-risk situations" in item.text
    click(browser, item.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_for(browser, EC.url_contains("saved=1"))
    assert not browser.find_elements(By.CSS_SELECTOR, f"li[data-homework='{homework}']")
    browser.get(server + "/my-groups")
    done = browser.find_element(By.CSS_SELECTOR, f"li[data-homework='{homework}']")
    assert "Done ✓" in done.text
    assert "Relapse prevention" in browser.page_source
    shot(browser, "14-homework-done-phone")


def test_spanish_today_with_the_spanish_crisis_line(server, browser):
    """Issue 14 §8: Finley J. chose Spanish: Today, its check-in and the crisis banner are in Spanish, with 988's
    Spanish options (press 2, text AYUDA); the public pages follow ?lang=es."""
    sign_in(browser, server, *SPANISH_CLIENT)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Hoy, Finley J."
    banner = browser.find_element(By.CSS_SELECTOR, "div.crisis")
    assert "oprima 2 para español" in banner.text and "envíe AYUDA por texto al 988" in banner.text
    assert banner.find_element(By.CSS_SELECTOR, "a[href='sms:988?body=AYUDA']")
    assert "¿Cómo está su estado de ánimo hoy?" in browser.page_source
    assert "How is your mood" not in browser.page_source
    shot(browser, "14-spanish-today-phone")
    browser.delete_all_cookies()
    browser.get(server + "/?lang=es")
    assert browser.find_element(By.TAG_NAME, "h1").text == "El consumo de cocaína y la depresión, tratados juntos"
    browser.find_element(By.CSS_SELECTOR, "a.language[hreflang='en']").click()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


AXE_RUN = """
const done = arguments[arguments.length - 1];
const rules = axe.getRules().map(rule => rule.ruleId);
axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']})
    .then(results => done({violations: results.violations, rules: rules.length, version: axe.version}))
    .catch(error => done({error: String(error)}));
"""
AXE_SEEN = {"pages": 0, "minor": {}}


def axe_check(browser, label, collect=None):
    """Every axe-core 4.12.1 rule (experimental and best-practice ones too, not only the WCAG tags) on the page
    the browser shows: no serious or critical violation; minor and moderate ones are counted and printed."""
    from conftest import AXE_VERSION, axe_source

    if not browser.execute_script("return typeof window.axe !== 'undefined'"):
        browser.execute_script(axe_source())
    browser.set_script_timeout(60)
    results = browser.execute_async_script(AXE_RUN)
    assert "error" not in results, f"{label}: axe failed: {results.get('error')}"
    assert results["version"] == AXE_VERSION and results["rules"] > 90
    AXE_SEEN["pages"] += 1
    problems = []
    for violation in results["violations"]:
        where = [node["target"] for node in violation["nodes"]][:3]
        if violation["impact"] in ("serious", "critical"):
            why = (violation["nodes"][0].get("failureSummary") or "").replace("\n", " ")[:300]
            problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {where}: {why}")
        else:
            AXE_SEEN["minor"].setdefault(violation["id"], set()).add(label)
    if collect is not None:
        collect.extend(f"{label}: {problem}" for problem in problems)
    else:
        assert not problems, f"{label}: " + "; ".join(problems)


ADMIN = ("admin@demo.braid.test", "demo-admin-password")
LEAD = ("lead@demo.braid.test", "demo-lead-password")


def create_account(browser, server, role, name, email, clinician=None, admitted=None):
    """Fills the admin's account form and returns the one-time link it shows."""
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/admin")
    Select(browser.find_element(By.ID, "role")).select_by_value(role)
    browser.find_element(By.ID, "name").send_keys(name)
    browser.find_element(By.ID, "email").send_keys(email)
    if clinician:
        box = browser.find_element(By.XPATH, f"//label[contains(., '{clinician}')]/input")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        box.click()
    if admitted:
        browser.execute_script("document.getElementById('admitted-on').value = arguments[0];", admitted)
        Select(browser.find_element(By.ID, "admission-level")).select_by_value("iop")
    button = browser.find_element(By.CSS_SELECTOR, "#account-form button[type=submit]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    link = wait_for(browser, EC.presence_of_element_located((By.ID, "invitation-link"))).get_attribute("value")
    assert "/invite/" in link and len(link.rsplit("/", 1)[1]) >= 40
    return link


def test_admin_invites_client_sets_password_on_phone_clinician_discharges(server, browser):
    """Issue 10: an admin creates a clinician and a client with a care team; the client opens the invitation on
    a phone and sets a password; the clinician discharges the client, and the caseload updates."""
    sign_in(browser, server, *ADMIN)
    create_account(browser, server, "clinician", "Dr. Noor Haddad", "haddad@demo.braid.test")
    shot(browser, "10-admin-invitation")
    import datetime
    admitted = (datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=3)).isoformat()
    link = create_account(browser, server, "client", "Quinn E.", "quinn@demo.braid.test",
                          clinician="rivera@demo.braid.test", admitted=admitted)
    axe_check(browser, "invitation link page")
    browser.get(server + "/admin")
    rows = {row.find_element(By.TAG_NAME, "th").text: row.find_element(By.CSS_SELECTOR, "td[data-state]")
            .get_attribute("data-state") for row in browser.find_elements(By.CSS_SELECTOR, "table.accounts tbody tr")}
    assert rows["Quinn E."] == "invited" and rows["Dr. Noor Haddad"] == "invited"
    shot(browser, "10-admin-accounts")

    # The client, on a phone, opens the link and sets a password; nobody at the program sees it.
    browser.delete_all_cookies()
    browser.get(link)
    assert "Welcome to Braid, Quinn E." in browser.find_element(By.TAG_NAME, "h1").text
    axe_check(browser, "invitation form")
    browser.find_element(By.ID, "password").send_keys("quinn-own-password")
    browser.find_element(By.ID, "confirm").send_keys("quinn-own-password")
    shot(browser, "10-invitation-phone")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "form.signout")))
    assert browser.current_url.endswith("/today")
    # The link works once.
    browser.delete_all_cookies()
    browser.get(link)
    assert "already used" in browser.find_element(By.ID, "invitation-state").text

    # Dr. Rivera sees the new client, discharges them, and the caseload updates.
    sign_in(browser, server, *CLINICIAN)
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.caseload tbody th a")]
    assert "Quinn E." in names
    browser.find_element(By.LINK_TEXT, "Quinn E.").click()
    status = wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "[data-episode-status]")))
    assert status.get_attribute("data-episode-status") == "active"
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element(By.ID, "discharge-reason")).select_by_value("completed")
    button = browser.find_element(By.CSS_SELECTOR, "#discharge button[type=submit]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait_for(browser, EC.staleness_of(status))
    status = wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "[data-episode-status]")))
    assert status.get_attribute("data-episode-status") == "discharged"
    shot(browser, "10-chart-discharged")
    browser.get(server + "/caseload")
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.caseload tbody th a")]
    assert "Quinn E." not in names
    browser.get(server + "/caseload?show=discharged")
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.caseload tbody th a")]
    assert "Quinn E." in names
    shot(browser, "10-caseload-discharged")

    # The program lead sees counts only.
    sign_in(browser, server, *LEAD)
    assert browser.current_url.endswith("/program")
    assert "Quinn" not in browser.page_source and "Alex M." not in browser.page_source
    # The report: both tracks side by side over the demo's episodes, three plots, still no names.
    browser.find_element(By.LINK_TEXT, "Program report: outcomes of both tracks, level flow and plots").click()
    assert browser.find_element(By.ID, "report-depression").is_displayed()
    assert browser.find_element(By.ID, "report-use").is_displayed()
    assert len(browser.find_elements(By.CSS_SELECTOR, "figure svg.chart")) == 3
    assert "Quinn" not in browser.page_source and "Alex M." not in browser.page_source
    shot(browser, "11-program-report")


def test_every_page_passes_an_axe_scan_on_a_phone(server, browser):
    """Every axe-core rule, in the real browser at 375 px, on every kind of page."""
    scan_every_page(server, browser, "375px")


def test_every_page_passes_an_axe_scan_on_a_desktop(server, desktop):
    """The same scan at desktop width (1280 px)."""
    scan_every_page(server, desktop, "desktop")
    print(f"axe {AXE_SEEN['pages']} page scans; minor or moderate findings (allowed): "
          + ", ".join(f"{rule} on {len(pages)}" for rule, pages in sorted(AXE_SEEN["minor"].items())))


def scan_every_page(server, browser, width):
    """Scans every kind of page; all serious or critical findings are listed together at the end."""
    problems = []

    def scan(path):
        browser.get(server + path)
        axe_check(browser, f"{path} at {width}", collect=problems)

    browser.delete_all_cookies()
    for path in PAGES["public"] + ["/no-such-page"]:
        scan(path)
    sign_in(browser, server, *CLIENT)
    for path in PAGES["client"]:
        scan(path)
    sign_in(browser, server, *SPANISH_CLIENT)
    for path in PAGES["spanish"]:
        scan(path)
    sign_in(browser, server, *ADMIN)
    for path in PAGES["admin"]:
        scan(path)
    browser.get(server + "/admin")
    account = browser.find_element(By.CSS_SELECTOR, "table.accounts tbody th a").get_attribute("href")
    scan(account.replace(server, ""))
    sign_in(browser, server, *LEAD)
    for path in PAGES["lead"]:
        scan(path)
    sign_in(browser, server, *CLINICIAN)
    scan("/caseload?show=discharged")
    scan("/caseload")
    chart = browser.find_element(By.CSS_SELECTOR, "table.caseload tbody th a").get_attribute("href")
    for path in ["", "?days=30", "/assessments/new?instrument=phq9", "/assessments/new?instrument=cssrs",
                 "/ordering", "/safety-plan", "/relapse-plan", "/consents", "/counseling-notes", "/recovery"]:
        scan(chart.replace(server, "") + path)
    scan("/groups")
    browser.get(server + "/groups")
    group = browser.find_element(By.CSS_SELECTOR, "table.caseload tbody td a").get_attribute("href")
    scan(group.replace(server, ""))
    assert not problems, f"{len(problems)} serious or critical axe findings:\n" + "\n".join(problems)


def test_keyboard_only_check_in(server, browser):
    """Issue 15: a client signs in and checks in with the keyboard alone (Tab, arrows, space, Enter) on a phone,
    and every control she lands on shows where the focus is."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    def press(*keys):
        ActionChains(browser).send_keys(*keys).perform()

    def focused():
        return browser.switch_to.active_element

    def tab_to(matches, limit=120):
        for _ in range(limit):
            press(Keys.TAB)
            element = focused()
            outline = browser.execute_script(
                "const s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth];", element)
            assert outline[0] != "none" and outline[1] != "0px", \
                f"no visible focus on <{element.tag_name} {element.get_attribute('name') or ''}>"
            if matches(element):
                return element
        raise AssertionError("the keyboard never reached the control")

    def radio(name):
        return lambda element: element.get_attribute("type") == "radio" and element.get_attribute("name") == name

    browser.delete_all_cookies()
    browser.get(server + "/login")
    tab_to(lambda element: element.get_attribute("id") == "email")
    press(CLIENT[0], Keys.TAB, CLIENT[1], Keys.ENTER)
    wait_for(browser, EC.url_contains("/today"))

    # Mood 3: into the group, then arrows move the choice; craving 5; sleep typed; not used; no safety worry.
    for name, value in [("mood", 3), ("craving", 5)]:
        tab_to(radio(name))
        press(Keys.SPACE)
        start = int(focused().get_attribute("value"))
        for _ in range(value - start):
            press(Keys.ARROW_RIGHT)
        assert focused().get_attribute("value") == str(value) and focused().is_selected()
    tab_to(lambda element: element.get_attribute("id") == "sleepHours")
    press(Keys.CONTROL, "a")
    press("6.5")
    for name, value in [("used", "false"), ("safety", "false")]:
        tab_to(radio(name))
        for _ in range(4):
            if focused().get_attribute("value") == value:
                break
            press(Keys.ARROW_RIGHT)
        press(Keys.SPACE)
        assert focused().get_attribute("value") == value and focused().is_selected()
    tab_to(lambda element: element.tag_name == "button" and element.text == "Save check-in")
    press(Keys.ENTER)
    wait_for(browser, EC.url_contains("saved=1"))
    assert "Saved. Thank you for checking in." in browser.page_source
    shot(browser, "15-keyboard-check-in-saved")
