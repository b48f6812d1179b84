// Practice-test page: countdown synced to the server's clock, autosave with retries and a
// local backup (a lost connection loses nothing typed), live "interpreted as" preview, flags.
(function () {
  "use strict";

  const root = document.getElementById("practice-test");
  if (!root) return;

  const testId = root.dataset.testId;
  const apiBase = root.dataset.api; // /api/v1/tests/<id>/
  // Sent with every autosave: the server then checks this test's signed key in the save's
  // own statement instead of looking up the session and the user.
  const autosaveKey = root.dataset.autosaveKey;
  const previewUrl = root.dataset.previewUrl;
  const reviewUrl = root.dataset.reviewUrl;
  const deadline = Date.parse(root.dataset.deadline);
  // The server owns the clock: measure how far this device's clock is off.
  const skew = Date.parse(root.dataset.serverTime) - Date.now();
  const storageKey = (index) => `cram:test:${testId}:${index}`;
  let closing = false;

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function api(url, method, body, options = {}) {
    const headers = { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), Accept: "application/json" };
    if (method === "PUT" && autosaveKey) headers["X-Autosave-Key"] = autosaveKey;
    const response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive: Boolean(options.keepalive),
    });
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = {};
    }
    return { status: response.status, ok: response.ok, data };
  }

  // ---- countdown -------------------------------------------------------------------------
  const countdown = document.getElementById("countdown");
  const announcer = document.getElementById("timer-announcer");
  const warned = new Set();

  function format(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    const pad = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  }

  function tick() {
    // Round up: "00:00" only once the server's deadline has really passed, so a submission
    // by the countdown always counts as one the time ran out for.
    const msLeft = deadline - (Date.now() + skew);
    const left = Math.max(0, Math.ceil(msLeft / 1000));
    countdown.textContent = format(left);
    countdown.classList.toggle("is-low", left <= 60);
    for (const mark of [300, 60]) {
      if (left <= mark && left > 0 && !warned.has(mark)) {
        warned.add(mark);
        announcer.textContent = `${mark / 60} minute${mark > 60 ? "s" : ""} left.`;
      }
    }
    if (msLeft <= 0) {
      timeUp();
      return;
    }
    window.setTimeout(tick, 1000 - ((Date.now() + skew) % 1000));
  }

  async function timeUp() {
    if (closing) return;
    closing = true;
    announcer.textContent = "Time is up. Submitting your saved answers.";
    document.body.classList.add("is-closing");
    await Promise.allSettled(boxes.map((box) => box.flush()));
    await api(`${apiBase}submit/`, "POST", {});
    window.location.assign(reviewUrl);
  }

  // ---- progress ----------------------------------------------------------------------------
  const total = Number(root.dataset.total);
  const answeredState = new Map();
  const flaggedState = new Map();
  document.querySelectorAll(".qnav").forEach((link) => {
    answeredState.set(link.dataset.index, link.classList.contains("is-answered"));
    flaggedState.set(link.dataset.index, link.classList.contains("is-flagged"));
  });

  function refreshProgress() {
    const answered = [...answeredState.values()].filter(Boolean).length;
    const flagged = [...flaggedState.values()].filter(Boolean).length;
    document.getElementById("answered-count").textContent = answered;
    document.getElementById("flagged-count").textContent = flagged;
    document.getElementById("left-count").textContent = total - answered;
    document.getElementById("progress").value = answered;
    document.querySelectorAll(".qnav").forEach((link) => {
      link.classList.toggle("is-answered", Boolean(answeredState.get(link.dataset.index)));
      link.classList.toggle("is-flagged", Boolean(flaggedState.get(link.dataset.index)));
    });
  }

  // ---- one answer box ----------------------------------------------------------------------
  function AnswerBox(form) {
    const index = form.dataset.index;
    const kind = form.dataset.kind;
    const input = form.querySelector(".answer-input");
    const status = form.querySelector(".save-status");
    const previewMath = form.querySelector(".preview-math");
    const flag = form.querySelector(".flag-input");
    // What the server has: typing that happened before this script ran is not saved yet.
    let savedValue = input.defaultValue;
    let pending = null;
    let saveTimer = null;
    let previewTimer = null;
    let retryDelay = 1000;
    let previewSeq = 0;

    function setStatus(text, state) {
      status.textContent = text;
      status.dataset.state = state || "";
    }

    function backup(value) {
      try {
        if (value === savedValue) window.localStorage.removeItem(storageKey(index));
        else window.localStorage.setItem(storageKey(index), JSON.stringify({ value, at: Date.now() }));
      } catch (error) {
        /* private mode or full storage: the network save still runs */
      }
    }

    async function save() {
      const value = input.value;
      if (value === savedValue) return;
      setStatus("Saving…", "saving");
      let result;
      try {
        result = await api(`${apiBase}items/${index}/`, "PUT", { response: value });
      } catch (error) {
        result = { status: 0, ok: false, data: {} };
      }
      if (result.ok) {
        savedValue = value;
        retryDelay = 1000;
        if (input.value === value) backup(value);
        const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
        setStatus(`Saved ${time}`, "saved");
        if (input.value !== value) schedule(0);
      } else if (result.status === 409) {
        setStatus(result.data.detail || "This test is closed.", "closed");
        closing = true;
        window.setTimeout(() => window.location.assign(reviewUrl), 1500);
      } else if (result.status >= 400 && result.status < 500) {
        setStatus(result.data.detail || "This answer could not be saved.", "error");
      } else {
        setStatus("Not saved yet: connection lost, retrying…", "offline");
        schedule(retryDelay);
        retryDelay = Math.min(retryDelay * 2, 15000);
      }
    }

    function schedule(delay) {
      window.clearTimeout(saveTimer);
      saveTimer = window.setTimeout(() => {
        pending = save().finally(() => {
          pending = null;
        });
      }, delay);
    }

    async function preview() {
      if (!previewMath) return;
      const value = input.value;
      const seq = ++previewSeq;
      if (!value.trim()) {
        previewMath.innerHTML = '<span class="muted">type an answer to see how it is read</span>';
        return;
      }
      let result;
      try {
        result = await api(previewUrl, "POST", { kind, response: value });
      } catch (error) {
        return;
      }
      if (seq !== previewSeq || !result.ok) return;
      if (result.data.error) {
        previewMath.innerHTML = "";
        const span = document.createElement("span");
        span.className = "preview-error";
        span.textContent = result.data.error;
        previewMath.appendChild(span);
      } else {
        // server-rendered MathML, rebuilt from an allowlist on the server
        previewMath.innerHTML = result.data.mathml;
        for (const note of result.data.notes || []) {
          const small = document.createElement("span");
          small.className = "preview-note";
          small.textContent = note;
          previewMath.appendChild(small);
        }
      }
    }

    function changed() {
      answeredState.set(index, input.value.trim() !== "");
      refreshProgress();
      backup(input.value);
      setStatus("Unsaved changes…", "dirty");
      schedule(700);
      window.clearTimeout(previewTimer);
      previewTimer = window.setTimeout(preview, 250);
    }

    // choices write their labels into the hidden response input
    const choiceInputs = form.querySelectorAll(".choice-input");
    if (choiceInputs.length) {
      const current = input.value.split(/[\s,]+/).filter(Boolean);
      choiceInputs.forEach((box) => {
        box.checked = current.includes(box.value);
        box.addEventListener("change", () => {
          input.value = [...choiceInputs].filter((b) => b.checked).map((b) => b.value).join(", ");
          changed();
        });
      });
    }
    input.addEventListener("input", changed);

    if (flag) {
      flag.addEventListener("change", async () => {
        flaggedState.set(index, flag.checked);
        refreshProgress();
        const result = await api(`${apiBase}items/${index}/`, "PUT", { flagged: flag.checked }).catch(() => null);
        if (!result || !result.ok) setStatus("Flag not saved; try again.", "error");
      });
    }

    // restore anything typed but not saved (a reload, a crash, a lost connection)
    try {
      const stored = JSON.parse(window.localStorage.getItem(storageKey(index)) || "null");
      if (stored && stored.value !== input.value) {
        input.value = stored.value;
        setStatus("Restored your unsaved answer; saving…", "dirty");
        answeredState.set(index, input.value.trim() !== "");
        schedule(0);
      }
    } catch (error) {
      /* ignore unreadable backups */
    }
    if (input.value !== savedValue && saveTimer === null) changed(); // typed while loading
    else if (input.value.trim()) preview();

    return {
      index,
      input,
      flush() {
        window.clearTimeout(saveTimer);
        return pending || save();
      },
      dirty() {
        return input.value !== savedValue;
      },
    };
  }

  const boxes = [...document.querySelectorAll("form.question")].map(AnswerBox);
  refreshProgress();

  // The browser may drop the page at any moment: send what is unsaved on the way out.
  window.addEventListener("pagehide", () => {
    for (const box of boxes) {
      if (box.dirty()) {
        api(`${apiBase}items/${box.index}/`, "PUT", { response: box.input.value }, { keepalive: true }).catch(() => {});
      }
    }
  });

  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      const next = document.querySelector("button[name=next]");
      if (next) {
        event.preventDefault();
        next.click();
      }
    }
  });

  document.getElementById("submit-form").addEventListener("submit", async (event) => {
    const unanswered = total - [...answeredState.values()].filter(Boolean).length;
    const message = unanswered
      ? `Submit now? ${unanswered} question${unanswered > 1 ? "s are" : " is"} still unanswered.`
      : "Submit the test now?";
    if (!window.confirm(message)) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    closing = true;
    await Promise.allSettled(boxes.map((box) => box.flush()));
    event.target.submit();
  });

  tick();
})();
