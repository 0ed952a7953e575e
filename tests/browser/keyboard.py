"""Driving a page with the keyboard alone, and checking the focus is visible at every stop."""

from django.urls import reverse

from tests.factories import PASSWORD

# The focused element, and whether a person can see where the focus is: an outline or a box
# shadow on it (a visually hidden file input shows its focus on the label styled as a button).
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const shown = e.matches(".file-pick__input") ? e.nextElementSibling : e;
  const s = getComputedStyle(shown);
  const r = shown.getBoundingClientRect();
  return {
    what: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " " +
      (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 30),
    visible: r.width > 0 && r.height > 0 &&
      ((s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none"),
  };
}"""


class Keyboard:
    """Tab through a page like a person without a mouse; remember focus stops nobody can see."""

    def __init__(self, page) -> None:
        self.page = page
        self.unseen: list[str] = []

    def _check(self) -> None:
        focus = self.page.evaluate(FOCUS)
        if focus and not focus["visible"]:
            self.unseen.append(f"{self.page.url}: {focus['what']}")

    def tab_to(self, selector: str, *, limit: int = 200) -> None:
        """Press Tab until the element matching ``selector`` has the focus."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            self._check()
            if self.page.evaluate(
                "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
            ):
                return
        raise AssertionError(f"{selector} never got the focus by Tab on {self.page.url}")

    def type_into(self, selector: str, text: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.type(text)

    def press_on(self, selector: str, key: str = "Enter", *, navigates: bool = True) -> None:
        """Tab to the element and press ``key`` on it, waiting for the page it leads to."""
        self.tab_to(selector)
        if not navigates:
            self.page.keyboard.press(key)
            return
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def log_in(self, base_url: str, email: str, next_url: str, code=None) -> None:
        self.page.goto(f"{base_url}{reverse('accounts:login')}?next={next_url}")
        self.type_into("#id_username", email)
        self.type_into("#id_password", PASSWORD)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        if code is not None:
            self.type_into("#id_code", code())
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        assert self.page.url == base_url + next_url, self.page.url
