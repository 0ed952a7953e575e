"""Locust scenario of the deadline rush: one applicant finishes and submits its application.

Started by ``bench/deadline_rush.py`` (which prepares the accounts and reads the figures);
each simulated applicant logs in, opens its application, autosaves its narratives as it types,
uploads the map, ten photos and the presentation, uploads the signed certification page, checks
and submits, then reads its receipt. What the server acknowledged is written to a JSON file so
the orchestrator can check that every acknowledged submission and file was committed.

Pace (``RUSH_PACE``): ``page`` (the default) keeps the page's own pace: the autosave fires only
after 1.5 s without typing (``hx-trigger="input changed delay:1500ms"``), so an applicant reads a
section for a few seconds, then each autosave follows a sentence typed and that pause (2–6 s);
the uploads go back to back, as the page's upload script sends them. ``none``: no think time at
all (every request right after the previous answer), for comparison with earlier runs.
``RUSH_HTTP``: ``fast`` (locust's FastHttpUser, geventhttpclient: far less client CPU on the
cores the servers share) or ``requests`` (HttpUser).
"""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, HttpUser, constant_pacing, events, task
from locust.exception import StopUser
from rush_forms import form_fields  # bench/, beside this file

PLAN = json.loads(Path(os.environ["RUSH_PLAN"]).read_text(encoding="utf-8"))
PHOTOS = [Path(p).read_bytes() for p in PLAN["photos"]]
MAP = Path(PLAN["map"]).read_bytes()
SLIDES = Path(PLAN["presentation"]).read_bytes()
SIGNED = Path(PLAN["signed_page"]).read_bytes()
NEXT_APPLICANT = itertools.count()
FINISHED: list[int] = []
ACKNOWLEDGED: dict[str, list] = {"submissions": [], "files": [], "not_logged_in": []}
# Response times (ms) by group, for the figures the orchestrator prints; 429s are counted apart.
TIMES: dict[str, list[float]] = {"log in": [], "autosave": [], "page": []}
BUSY = {"429": 0}
RETRIES = 20  # a browser on the busy page reloads itself; we give up after this many
PACE = os.environ.get("RUSH_PACE", "page")
READING_SECONDS = (3.0, 6.0)  # a section's question and guidance read before typing
TYPING_SECONDS = (2.0, 6.0)  # a sentence typed, then the page's 1.5 s pause before it saves
TYPING = "ชุมชนของเราจัดพื้นที่การเรียนรู้ให้เด็กและเยาวชนทุกวันเสาร์ โดยมีอาสาสมัครในท้องถิ่นร่วมสอน "


class Applicant(FastHttpUser if os.environ.get("RUSH_HTTP", "fast") == "fast" else HttpUser):
    wait_time = constant_pacing(0)
    # FastHttpUser: never retry a request by itself (a POST must not be sent twice), and wait
    # longer than nginx's 60 s before calling an answer lost.
    max_retries = 0
    network_timeout = 180.0
    connection_timeout = 60.0

    def on_start(self) -> None:
        index = next(NEXT_APPLICANT)
        if index >= len(PLAN["applicants"]):
            raise StopUser
        self.me = PLAN["applicants"][index]
        self.random = random.Random(index)  # the same think times for the same applicant

    def _think(self, seconds: tuple[float, float]) -> None:
        if PACE == "page":
            gevent.sleep(self.random.uniform(*seconds))

    def _csrf(self) -> str:
        # FastHttpUser keeps a plain CookieJar, HttpUser a requests jar: both iterate cookies.
        jar = getattr(self.client, "cookiejar", None)
        if jar is None:
            jar = self.client.cookies
        return next((cookie.value for cookie in jar if cookie.name == "csrftoken"), "")

    def _busy(self, response) -> bool:
        """A 429 from nginx: wait as its Retry-After says (the page's meta refresh), then the
        caller tries again."""
        if response.status_code != 429:
            return False
        BUSY["429"] += 1
        gevent.sleep(float(response.headers.get("Retry-After", "5")))
        return True

    def _signed_page(self) -> bytes:
        """This applicant's page with its application's code (older plans: the shared one)."""
        path = self.me.get("signed_page")
        return Path(path).read_bytes() if path else SIGNED

    def _get(self, url, name):
        for _attempt in range(RETRIES):
            response = self.client.get(url, name=name)
            if not self._busy(response):
                return response
        return response

    def _post(self, url, data, name, files=None, htmx=False, xhr=False):
        for _attempt in range(RETRIES):
            headers = {"X-CSRFToken": self._csrf(), "Referer": self.host + url}
            if htmx:
                headers["HX-Request"] = "true"
            if xhr:  # the upload script's XMLHttpRequest (it shows the progress bar)
                headers["X-Requested-With"] = "XMLHttpRequest"
            response = self.client.post(
                url, data=data, files=files, headers=headers, name=name, allow_redirects=False
            )
            if not self._busy(response):
                return response
        return response

    def _log_in(self) -> bool:
        for _attempt in range(RETRIES):
            self._get("/accounts/login/", "page: login")
            data = {"username": self.me["email"], "password": PLAN["password"]}
            headers = {"X-CSRFToken": self._csrf(), "Referer": self.host + "/accounts/login/"}
            login = self.client.post(
                "/accounts/login/",
                data=data,
                headers=headers,
                name="log in",
                allow_redirects=False,
            )
            if not self._busy(login):  # busy: the page comes back and the password is retyped
                return login.status_code == 302
        return False

    def journey(self) -> None:
        me = self.me
        if not self._log_in():
            ACKNOWLEDGED["not_logged_in"].append(me["application"])
            raise StopUser
        page = self._get(me["application_url"], "page: application").text or ""
        for number in PLAN["criteria"]:
            action = f"/apply/applications/{me['application']}/sections/{number}/"
            fields = form_fields(page, action)
            fields["evidence_confirmed"] = "on"
            text = ""
            self._think(READING_SECONDS)
            for _keystrokes in range(PLAN["autosaves_per_section"]):
                self._think(TYPING_SECONDS)
                text += TYPING
                fields["narrative"] = text
                response = self._post(action, fields, "autosave", htmx=True)
                version = re.search(r'id="version-\d+" value="(\d+)"', response.text or "")
                if version:
                    fields["version"] = version.group(1)
        upload = f"/files/applications/{me['application']}/upload/"
        sends = [("map", 1, "map.pdf", MAP, "")]
        sends += [
            ("photos", slot, f"IMG_{slot:04d}.jpg", PHOTOS[slot - 1], f"กิจกรรมการเรียนรู้ครั้งที่ {slot}")
            for slot in range(1, 11)
        ]
        sends += [("presentation", 1, "slides.pdf", SLIDES, "")]
        for kind, slot, filename, content, caption in sends:
            response = self._post(
                upload,
                {"kind": kind, "slot": slot, "caption": caption},
                f"upload {kind}",
                files={"file": (filename, content)},
                xhr=True,
            )
            stored = response.status_code == 200 and "/pending/" not in (response.text or "")
            if stored and '"redirect"' in response.text:
                ACKNOWLEDGED["files"].append([me["application"], kind, slot])
        self._post(
            f"/apply/applications/{me['application']}/certify/upload/",
            {},
            "certify (signed page)",
            files={"signed_file": ("signed.pdf", self._signed_page())},
        )
        check_url = f"/apply/applications/{me['application']}/check/"
        check = self._get(check_url, "page: check").text or ""
        submit_url = f"/apply/applications/{me['application']}/submit/"
        response = self._post(submit_url, form_fields(check, submit_url), "submit")
        if response.status_code == 302 and "receipt" in response.headers.get("Location", ""):
            ACKNOWLEDGED["submissions"].append([me["application"], time.time()])
            self._get(response.headers["Location"], "page: receipt")

    @task
    def finish_and_submit(self) -> None:
        try:
            self.journey()
        finally:
            FINISHED.append(self.me["application"])
            if len(FINISHED) == len(PLAN["applicants"]):
                # Every applicant is through: end the run now rather than at --run-time.
                gevent.spawn_later(1, self.environment.runner.quit)
        raise StopUser


@events.request.add_listener
def _time(name, response_time, response=None, **_kwargs) -> None:
    if response is not None and response.status_code == 429:
        return
    group = "page" if name.startswith("page:") else name
    if group in TIMES:
        TIMES[group].append(response_time)


@events.quitting.add_listener
def _write_acknowledged(environment, **_kwargs) -> None:
    ACKNOWLEDGED["times"] = TIMES
    ACKNOWLEDGED["busy_429"] = BUSY["429"]
    Path(os.environ["RUSH_ACKNOWLEDGED"]).write_text(json.dumps(ACKNOWLEDGED), encoding="utf-8")
