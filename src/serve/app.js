// claimdesk review page: keys for the reading view, live counts on the queue.
// Everything here is an extra: the pages work as plain links and forms without it.
"use strict";

function typing(target) {
  return target.closest("input, textarea, select, [contenteditable]");
}

document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (typing(e.target)) {
    if (e.key === "Escape") e.target.blur();
    return;
  }
  const claims = Array.from(document.querySelectorAll("a.claim"));
  const current = claims.findIndex((c) => c.classList.contains("selected"));
  const go = (i) => {
    if (claims[i]) window.location.assign(claims[i].href);
  };
  const press = (key) => {
    const b = document.querySelector(`button[data-key="${key}"]`);
    if (b) b.click();
  };
  switch (e.key) {
    case "j": go(current + 1); break;
    case "k": go(current - 1); break;
    case "v": case "d": case "u": case "r": press(e.key); break;
    case "e": document.getElementById("evidence")?.focus(); break;
    case "n": document.getElementById("note")?.focus(); break;
    default: return;
  }
  e.preventDefault();
});

// The selected claim in view and focused, so that Tab continues from it.
window.addEventListener("DOMContentLoaded", () => {
  const sel = document.querySelector("a.claim.selected");
  if (sel) sel.focus({ preventScroll: false });
  const counts = document.querySelectorAll("[data-count]");
  if (counts.length === 0) return;
  setInterval(async () => {
    try {
      const r = await fetch("/api/counts", { credentials: "same-origin" });
      if (!r.ok) return;
      const stats = await r.json();
      for (const row of stats.rows) {
        const el = document.querySelector(`[data-count="${row.key}"]`);
        if (el) el.textContent = String(row.claims);
      }
    } catch (_) { /* the next poll tries again */ }
  }, 10000);
});
