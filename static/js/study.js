// Review session: keyboard shortcuts (Space/Enter reveal, 1-4 rate, U undo), the time spent on
// each card, and the live "interpreted as" preview for drill answers.
(function () {
  "use strict";

  const study = document.getElementById("study");
  if (!study) return;

  const cardInput = document.querySelector("input[name=card]");
  const revealLink = document.getElementById("reveal-button");
  const cardId = cardInput ? cardInput.value : (revealLink && new URL(revealLink.href).searchParams.get("card"));
  const key = cardId ? `cram:shown:${cardId}` : null;

  // Time on a card counts from when its front first appeared, across the reveal page load.
  if (key && !window.sessionStorage.getItem(key)) window.sessionStorage.setItem(key, String(Date.now()));
  const ratingForm = document.getElementById("rating-form");
  if (ratingForm && key) {
    ratingForm.addEventListener("submit", () => {
      const shown = Number(window.sessionStorage.getItem(key)) || Date.now();
      document.getElementById("duration-ms").value = String(Math.max(0, Date.now() - shown));
      window.sessionStorage.removeItem(key);
    });
  }

  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.isContentEditable);
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.metaKey) return;
    const drill = document.getElementById("drill-answer");
    if (typing(event.target)) {
      if (event.target === drill && event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        drill.form.requestSubmit();
      }
      return;
    }
    if ((event.key === " " || event.key === "Enter") && revealLink && !drill) {
      event.preventDefault();
      revealLink.click();
    } else if (["1", "2", "3", "4"].includes(event.key) && !event.ctrlKey) {
      const button = document.querySelector(`button.rate[data-key="${event.key}"]`);
      if (button) {
        event.preventDefault();
        button.click();
      }
    } else if (event.key === "u" || (event.ctrlKey && event.key === "z")) {
      const undo = document.getElementById("undo-button");
      if (undo) {
        event.preventDefault();
        undo.click();
      }
    }
  });

  // Drill answers: show how the input is read, as on practice tests.
  const drill = document.getElementById("drill-answer");
  if (drill) {
    drill.focus();
    const target = document.querySelector("#drill-preview .preview-math");
    const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
    let timer = null;
    let seq = 0;
    drill.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(async () => {
        const mine = ++seq;
        const value = drill.value;
        if (!value.trim()) {
          target.innerHTML = '<span class="muted">type an answer to see how it is read</span>';
          return;
        }
        try {
          const response = await fetch(drill.dataset.previewUrl, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRFToken": token },
            credentials: "same-origin",
            body: JSON.stringify({ kind: drill.dataset.kind, response: value }),
          });
          const data = await response.json();
          if (mine !== seq) return;
          if (data.error) {
            target.textContent = "";
            const span = document.createElement("span");
            span.className = "preview-error";
            span.textContent = data.error;
            target.appendChild(span);
          } else {
            target.innerHTML = data.mathml; // rebuilt from an allowlist on the server
          }
        } catch (error) {
          /* offline: the answer is still checked on submit */
        }
      }, 250);
    });
  }
})();
