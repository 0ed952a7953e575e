// Progressive enhancement only: every form here also works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-autosubmit]") && target.form) {
      target.form.submit();
    }
    // A file input labelled in Thai (thai/widgets/file.html): name the chosen file(s).
    if (target.matches && target.matches(".file-pick__input")) {
      var status = target.parentNode.querySelector(".file-pick__status");
      if (status) {
        if (!status.dataset.empty) { status.dataset.empty = status.textContent; }
        var names = Array.prototype.map.call(target.files || [], function (f) { return f.name; });
        status.textContent = names.length === 0 ? status.dataset.empty
          : names.length === 1 ? names[0] : status.dataset.many + " " + names.join(", ");
      }
    }
  });
})();

// Nothing typed is lost. Forms marked data-draft-key keep what is typed in this browser
// (localStorage) until the server confirms it, and offer it back after a closed tab or a crash.
// A save that meets an ended session or an expired page keeps every field as typed, says so
// (role="alert"), lets the person log in again without leaving the page, then sends it again.
// Typing keeps the session alive (at most one call a minute); the page warns before the
// 12-hour limit. The Thai messages and the log-in form come from templates/_session.html.
(function () {
  "use strict";
  var root = document.getElementById("lc-session");
  var alertBox = document.getElementById("lc-session-alert");
  var dialog = document.getElementById("lc-login-dialog");
  if (!root || !alertBox) {
    return;
  }
  var PREFIX = "lc-draft:";
  var PING_EVERY = 60 * 1000;
  var WARN_BEFORE = 10 * 60;
  var baselines = new WeakMap(); // form -> the fields as the server holds them
  var snapshots = new WeakMap(); // requesting element -> the fields it sent
  var pending = []; // saves waiting for a log-in: {elt, submitter}
  var retried = new WeakSet();
  var lastPing = 0;
  var warnTimer = null;

  function msg(name, values) {
    var text = root.dataset["msg" + name] || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(values[key]);
    });
    return text;
  }

  function say(text, withLogin) {
    alertBox.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    alertBox.appendChild(p);
    if (withLogin && dialog) {
      var row = document.createElement("p");
      row.className = "button-row";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.dataset.loginOpen = "";
      button.textContent = dialog.querySelector("h2").textContent;
      row.appendChild(button);
      var link = dialog.querySelector("[data-login-newtab]").cloneNode(true);
      row.appendChild(link);
      alertBox.appendChild(row);
    }
    alertBox.classList.add("session-alert--shown");
  }

  function quiet() {
    alertBox.textContent = "";
    alertBox.classList.remove("session-alert--shown");
  }

  // Fields ------------------------------------------------------------------------------------
  function fields(scope) {
    var out = {};
    scope.querySelectorAll("input[name], textarea[name], select[name]").forEach(function (el) {
      var type = (el.type || "").toLowerCase();
      if (["hidden", "submit", "button", "file", "password", "reset"].indexOf(type) >= 0) {
        return;
      }
      if (type === "checkbox") {
        out[el.name] = el.checked ? el.value || "on" : "";
      } else if (type === "radio") {
        if (el.checked) { out[el.name] = el.value; } else if (!(el.name in out)) { out[el.name] = ""; }
      } else {
        out[el.name] = el.value;
      }
    });
    return out;
  }

  function same(a, b) {
    if (!a || !b) { return false; }
    var keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) { return false; }
    return keys.every(function (key) { return a[key] === b[key]; });
  }

  function draftForm(elt) {
    if (!elt || !elt.closest) { return null; }
    var form = elt.tagName === "FORM" ? elt : elt.form || elt.closest("form");
    return form && form.dataset.draftKey ? form : null;
  }

  function formByKey(key) {
    var found = null;
    document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      if (form.dataset.draftKey === key) { found = form; }
    });
    return found;
  }

  function version(form) {
    var input = form.querySelector("input[name=version]");
    return input ? input.value : null;
  }

  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(PREFIX + key)); } catch (e) { return null; }
  }

  function forget(key) {
    try { window.localStorage.removeItem(PREFIX + key); } catch (e) { /* storage off */ }
  }

  function keep(form) {
    var key = form.dataset.draftKey;
    var now = fields(form);
    if (same(now, baselines.get(form))) {
      forget(key);
      return;
    }
    var draft = { fields: now, version: version(form), at: Date.now() };
    try { window.localStorage.setItem(PREFIX + key, JSON.stringify(draft)); } catch (e) { /* full */ }
  }

  // What the server rendered is what it holds, unless the form shows something unsaved
  // (a version conflict, an unfinished row, an error): then nothing counts as confirmed.
  function adopt(form) {
    if (baselines.has(form)) { return; }
    var unsaved = form.matches("[data-draft-unsaved]") || form.querySelector("[data-draft-unsaved]");
    baselines.set(form, unsaved ? null : fields(form));
    var draft = read(form.dataset.draftKey);
    if (unsaved) {
      keep(form);
    } else if (draft && same(draft.fields, baselines.get(form))) {
      forget(form.dataset.draftKey);
    } else if (draft) {
      offer(form, draft);
    }
  }

  function offer(form, draft) {
    var old = form.parentNode.querySelector(".draft-offer");
    if (old) { old.remove(); }
    var box = document.createElement("div");
    box.className = "notice notice--warning draft-offer";
    box.setAttribute("role", "status");
    var when = new Date(draft.at).toLocaleString("th-TH", { dateStyle: "medium", timeStyle: "short" });
    var text = document.createElement("p");
    text.textContent = msg("Draft", { time: when });
    var row = document.createElement("p");
    row.className = "button-row";
    [["Restore", "button"], ["Discard", "button button--ghost"]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = pair[1];
      button.dataset.draftAction = pair[0].toLowerCase();
      button.textContent = msg(pair[0]);
      row.appendChild(button);
    });
    box.appendChild(text);
    box.appendChild(row);
    form.parentNode.insertBefore(box, form);
    box.querySelector("[data-draft-action=restore]").addEventListener("click", function () {
      restore(form, read(form.dataset.draftKey) || draft);
      box.textContent = msg("Restored");
    });
    box.querySelector("[data-draft-action=discard]").addEventListener("click", function () {
      forget(form.dataset.draftKey);
      box.remove();
    });
  }

  function restore(form, draft) {
    var changed = [];
    Object.keys(draft.fields).forEach(function (name) {
      form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']").forEach(function (el) {
        var value = draft.fields[name];
        var type = (el.type || "").toLowerCase();
        if (type === "checkbox") {
          if (el.checked !== (value !== "")) { el.checked = value !== ""; changed.push(el); }
        } else if (type === "radio") {
          el.checked = el.value === value;
        } else if (["hidden", "file", "password"].indexOf(type) < 0 && el.value !== value) {
          el.value = value;
          changed.push(el);
        }
      });
    });
    // Saved against the version the text was typed on: the server's conflict check applies.
    var versionInput = form.querySelector("input[name=version]");
    if (versionInput && draft.version) { versionInput.value = draft.version; }
    changed.forEach(function (el) {
      if (el.tagName === "TEXTAREA") {
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    keep(form);
    send(form, changed);
  }

  // Sending again --------------------------------------------------------------------------
  function send(form, changed) {
    if (!window.htmx) { return; }
    if (form.hasAttribute("hx-post")) {
      window.htmx.trigger(form, "submit");
      return;
    }
    var done = [];
    (changed || []).forEach(function (el) {
      var target = el.hasAttribute("hx-post") ? el : null;
      if (target && done.indexOf(target) < 0) {
        done.push(target);
        window.htmx.trigger(target, "change");
      }
    });
  }

  function resend(item) {
    if (item.submitter !== undefined) {
      item.elt.dataset.sessionChecked = "1";
      item.elt.requestSubmit(item.submitter || undefined);
    } else if (window.htmx) {
      window.htmx.trigger(item.elt, item.elt.tagName === "FORM" ? "submit" : "change");
    }
  }

  function resumePending() {
    var items = pending.splice(0);
    if (!items.length) { quiet(); return; }
    say(msg("SavedAgain"), false);
    // Script saves first; a plain form submission leaves the page, so it goes last.
    items.sort(function (a, b) { return (a.submitter !== undefined) - (b.submitter !== undefined); });
    var seen = [];
    items.forEach(function (item) {
      if (seen.indexOf(item.elt) < 0) { seen.push(item.elt); resend(item); }
    });
  }

  function waitForLogIn(item) {
    pending.push(item);
    say(msg("Ended"), true);
  }

  // The session -----------------------------------------------------------------------------
  function setToken(token) {
    if (!token) { return; }
    document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
      input.value = token;
    });
  }

  function status() {
    return fetch(root.dataset.statusUrl, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      cache: "no-store"
    }).then(function (response) { return response.json(); }).then(function (data) {
      lastPing = Date.now();
      setToken(data.csrf_token);
      plan(data.seconds_left);
      return data;
    });
  }

  function plan(secondsLeft) {
    if (warnTimer) { window.clearTimeout(warnTimer); warnTimer = null; }
    if (typeof secondsLeft !== "number") { return; }
    warnTimer = window.setTimeout(function () {
      var minutes = Math.max(1, Math.round(Math.min(secondsLeft, WARN_BEFORE) / 60));
      say(msg("Expiring", { minutes: minutes }), false);
    }, Math.max(0, secondsLeft - WARN_BEFORE) * 1000);
  }

  function checkBack() {
    if (!pending.length) { return; }
    status().then(function (data) {
      if (data.authenticated) { resumePending(); }
    }).catch(function () { /* still away */ });
  }

  // htmx events ------------------------------------------------------------------------------
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var form = draftForm(elt);
    if (form) {
      snapshots.set(elt, fields(elt === form ? form : elt.closest("fieldset") || form));
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var detail = event.detail;
    var form = draftForm(detail.elt);
    if (!form || !detail.successful || !detail.xhr) { return; }
    var text = detail.xhr.responseText || "";
    if (text.indexOf("data-draft-saved") < 0 || text.indexOf("data-draft-unsaved") >= 0) { return; }
    var current = formByKey(form.dataset.draftKey) || form;
    var base = baselines.get(current);
    if (current === form || base) {
      baselines.set(current, Object.assign({}, base || {}, snapshots.get(detail.elt) || {}));
    }
    keep(current);
  });

  // An ended session or an expired page is expected, not an error: handled before htmx would
  // report it, and nothing is swapped.
  function sessionTrouble(xhr, elt) {
    var reason = xhr.getResponseHeader("X-Learningcity-Error");
    if (xhr.status === 429) {
      // The deadline rush: nginx answers "busy" at once; the save is sent again by itself.
      var seconds = parseInt(xhr.getResponseHeader("Retry-After"), 10) || 10;
      say(msg("Busy", { seconds: seconds }), false);
      window.setTimeout(function () { resend({ elt: elt }); }, seconds * 1000);
      return true;
    }
    if (xhr.status === 401 || reason === "session-ended") {
      waitForLogIn({ elt: elt });
      return true;
    }
    if (reason !== "csrf-failed") { return false; }
    if (retried.has(elt)) {
      waitForLogIn({ elt: elt });
      return true;
    }
    retried.add(elt);
    say(msg("Csrf"), false);
    status().then(function (data) {
      if (data.authenticated) { resend({ elt: elt }); } else { waitForLogIn({ elt: elt }); }
    }).catch(function () { say(msg("Network"), false); });
    return true;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.xhr && detail.isError && sessionTrouble(detail.xhr, detail.requestConfig ? detail.requestConfig.elt : detail.elt)) {
      detail.isError = false;
      detail.shouldSwap = false;
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    say(msg("Error", { status: event.detail.xhr.status }), false);
  });

  document.addEventListener("htmx:afterOnLoad", function (event) {
    if (event.detail.xhr && event.detail.xhr.status < 400) { retried.delete(event.detail.elt); }
  });

  document.addEventListener("htmx:sendError", function () {
    say(msg("Network"), false);
  });

  // A whole page is never put into a box (a part of a page was expected).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.shouldSwap || !detail.xhr || detail.target === document.body) { return; }
    if (detail.elt && detail.elt.closest && detail.elt.closest("[hx-select]")) { return; }
    if (/^\s*<!doctype html/i.test(detail.xhr.responseText || "")) {
      detail.shouldSwap = false;
      say(msg("Page"), false);
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("form[data-draft-key]").forEach(adopt);
  });

  // Typing: kept in the browser, and the session kept alive ---------------------------------
  function typed(event) {
    var form = event.target.form;
    var draft = draftForm(event.target);
    if (draft) { keep(draft); }
    if (form && root.dataset.loggedIn && form.closest("dialog") === null && Date.now() - lastPing > PING_EVERY) {
      lastPing = Date.now();
      status().then(function (data) {
        if (!data.authenticated && !pending.length) { say(msg("Ended"), true); }
      }).catch(function () { /* offline: the next save says so */ });
    }
  }
  document.addEventListener("input", typed);
  document.addEventListener("change", typed);

  // A plain (non-htmx) save of a draft form checks the session first, so the person never
  // lands on the log-in page with their text left behind.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.dataset || !form.dataset.draftKey || form.hasAttribute("hx-post")) {
      return;
    }
    if (form.dataset.sessionChecked) {
      delete form.dataset.sessionChecked;
      return;
    }
    event.preventDefault();
    var submitter = event.submitter || null;
    keep(form);
    status().then(function (data) {
      if (data.authenticated) {
        resend({ elt: form, submitter: submitter });
      } else {
        waitForLogIn({ elt: form, submitter: submitter });
      }
    }).catch(function () { say(msg("Network"), false); });
  });

  // Log in again without leaving the page -------------------------------------------------
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest || !dialog) { return; }
    if (target.closest("[data-login-open]")) {
      dialog.querySelector("[data-login-error]").hidden = true;
      dialog.showModal();
    } else if (target.closest("[data-login-close]")) {
      dialog.close();
    }
  });

  if (dialog) {
    var loginForm = dialog.querySelector("form");
    var loginError = dialog.querySelector("[data-login-error]");
    loginForm.addEventListener("submit", function (event) {
      event.preventDefault();
      loginError.hidden = true;
      status().then(function (data) {
        var body = new FormData(loginForm);
        body.append("csrfmiddlewaretoken", data.csrf_token);
        return fetch(loginForm.dataset.sessionLogin, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-Requested-With": "fetch", Accept: "application/json" }
        });
      }).then(function (response) {
        return response.json().catch(function () { return { errors: [msg("LoginFailed")] }; });
      }).then(function (data) {
        setToken(data.csrf_token);
        if (data.authenticated) {
          loginForm.reset();
          dialog.close();
          root.dataset.loggedIn = "1";
          plan(data.seconds_left);
          resumePending();
        } else if (data.second_factor_url) {
          window.open(data.second_factor_url, "_blank", "noopener");
          loginError.textContent = msg("SecondFactor");
          loginError.hidden = false;
        } else {
          loginError.textContent = (data.errors && data.errors[0]) || msg("LoginFailed");
          loginError.hidden = false;
        }
      }).catch(function () {
        loginError.textContent = msg("Network");
        loginError.hidden = false;
      });
    });
  }

  // Back from a log-in in another tab: save what waits.
  window.addEventListener("focus", checkBack);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { checkBack(); }
  });

  // A log-in finished in another tab (accounts/session_back.html) tells this one at once.
  window.addEventListener("storage", function (event) {
    if (event.key === "lc-session-back") { checkBack(); }
  });

  function start() {
    if (document.querySelector("[data-session-back]")) {
      try { window.localStorage.setItem("lc-session-back", String(Date.now())); } catch (e) { /* off */ }
    }
    var forms = document.querySelectorAll("form[data-draft-key]");
    forms.forEach(adopt);
    if (forms.length && root.dataset.loggedIn) {
      status().catch(function () { /* offline */ });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
