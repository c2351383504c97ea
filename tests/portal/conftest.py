from tests.browser import browser, browser_page, browser_reference_data  # noqa: F401
