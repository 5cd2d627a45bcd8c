/* Identity review page: with an API token, record a merge or a "not the same" judgement for one
 * suggested pair (POST /api/identity/judgements), a reviewed file's decisions all at once
 * (POST /api/identity/reviews), or withdraw a judgement. Each answer is said in words where it was asked. */
"use strict";
(() => {
  const field = (id) => document.getElementById(id).value.trim();

  /* The token, reason and decider the analyst gave; null (and `out` says what is missing) when incomplete. */
  function credentials(out) {
    const token = field("token"), reason = field("reason"), by = field("decided-by");
    if (!token || !reason) {
      out.textContent = "Enter an API token and a reason first.";
      return null;
    }
    return { token, reason, decided_by: by || null };
  }

  async function post(url, token, body) {
    const json = !(body instanceof FormData);
    const headers = { Authorization: "Bearer " + token };
    if (json) headers["Content-Type"] = "application/json";
    return fetch(url, { method: "POST", headers, body: json ? JSON.stringify(body) : body });
  }

  async function judge(row, judgement) {
    const out = row.querySelector(".outcome");
    const given = credentials(out);
    if (!given) return;
    const buttons = row.querySelectorAll("button");
    buttons.forEach((b) => { b.disabled = true; });
    out.textContent = "Recording…";
    const response = await post("/api/identity/judgements", given.token, {
      judgement, entity_id: row.dataset.entity, other_id: row.dataset.into,
      reason: given.reason, decided_by: given.decided_by,
    });
    if (!response.ok) {
      out.textContent = "Not recorded: " + (await Dom.problemText(response));
      buttons.forEach((b) => { b.disabled = false; });
      return;
    }
    const report = (await response.json()).report;
    out.textContent = (judgement === "same" ? "Merged into " + row.dataset.into : "Recorded as not the same")
      + " (judgement " + report.judgement_id + ").";
    row.classList.add("decided");
  }

  document.querySelectorAll("#suggestions tbody tr").forEach((row) => {
    row.querySelector("button.merge").addEventListener("click", () => judge(row, "same"));
    row.querySelector("button.distinct").addEventListener("click", () => judge(row, "distinct"));
  });

  document.querySelectorAll("#judgements tbody tr").forEach((row) => {
    const button = row.querySelector("button.withdraw");
    button.addEventListener("click", async () => {
      const out = row.querySelector(".outcome");
      const given = credentials(out);
      if (!given) return;
      button.disabled = true;
      const id = encodeURIComponent(row.dataset.judgement);
      const response = await post("/api/identity/judgements/" + id + "/withdraw", given.token,
        { reason: given.reason, decided_by: given.decided_by });
      if (!response.ok) {
        out.textContent = "Not withdrawn: " + (await Dom.problemText(response));
        button.disabled = false;
        return;
      }
      out.textContent = "Withdrawn.";
      row.classList.add("decided");
    });
  });

  const form = document.getElementById("review-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const out = document.getElementById("review-status");
    const file = document.getElementById("review-file").files[0];
    if (!file) { out.textContent = "Choose the reviewed file first."; return; }
    const given = credentials(out);
    if (!given) return;
    const body = new FormData();
    body.append("file", file);
    body.append("reason", given.reason);
    if (given.decided_by) body.append("decided_by", given.decided_by);
    out.textContent = "Recording…";
    const response = await post("/api/identity/reviews", given.token, body);
    if (!response.ok) {
      out.textContent = "Nothing recorded: " + (await Dom.problemText(response));
      return;
    }
    const r = (await response.json()).report;
    out.textContent = `${file.name}: ${r.merged} merged, ${r.distinct} recorded as not the same, `
      + `${r.already} already in force, ${r.undecided} undecided. Reload the page to see what remains.`;
  });
})();
