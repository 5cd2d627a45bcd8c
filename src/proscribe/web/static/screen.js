/* Screening page: names from the text box or a CSV file, POSTed to /api/screen in batches of 1,000;
 * results shown in a table and offered as CSV (one row per match) or JSON (everything, with receipts).
 * A name may come with a date of birth: after a tab, comma or semicolon at the end of a line of the
 * text box, or in a CSV column named "dob" (YYYY-MM-DD, YYYY-MM or YYYY; the API refuses other forms).
 * A hit that may be the same entity as another (a suggested pair no analyst has decided) says so under
 * its name, linking the other, and whether that one is also a hit of the same name. */
"use strict";
(() => {
  const { el } = Dom;
  const BATCH = 1000;
  const form = document.getElementById("screen-form");
  const names = document.getElementById("names");
  const file = document.getElementById("csv");
  const status = document.getElementById("screen-status");
  const section = document.getElementById("screen-results");
  const tbody = document.querySelector("#screen-table tbody");
  let fileNames = [];
  let last = [];
  // "Name, 1962-01-12": a trailing ISO date (or month, or year) after a separator is the date of birth.
  const TRAILING_BIRTH = /^(.*\S)\s*[\t,;]\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/;

  function entry(line) {
    const found = TRAILING_BIRTH.exec(line);
    return found ? { name: found[1].trim(), dob: found[2] } : { name: line, dob: null };
  }

  file.addEventListener("change", async () => {
    fileNames = [];
    if (!file.files.length) return;
    const rows = Dom.parseCsv(await file.files[0].text());
    const header = rows.length ? rows[0].map((h) => h.trim().toLowerCase()) : [];
    const column = Math.max(header.indexOf("name"), 0);
    const dobColumn = header.indexOf("dob");
    const body = header.includes("name") || dobColumn >= 0 ? rows.slice(1) : rows;
    fileNames = body
      .map((r) => ({ name: (r[column] || "").trim(), dob: dobColumn >= 0 ? (r[dobColumn] || "").trim() || null : null }))
      .filter((e) => e.name);
    document.getElementById("csv-info").textContent = fileNames.length + " names read from " + file.files[0].name;
  });

  function designations(result) {
    return (result.designations || []).map((d) => d.jurisdiction + " " + d.list + " (" + d.state.replace("_", " ") + ")").join("; ");
  }

  function births(result) {
    return [...new Set((result.birth_dates || []).map((b) => b.label))].join("; ");
  }

  // "may be the same as OMAR, Hassan Mahat (also a hit here)": one line per entity the hit may be.
  function pairs(result) {
    return (result.may_be_same_as || []).map((m) => el("div", { class: "small may-be", "data-other": m.entity_id, title: m.why },
      "may be the same as ", el("a", { href: "/entities/" + m.entity_id }, m.name),
      m.in_results ? " (also a hit here)" : ""));
  }

  function samePairs(result) {
    return (result.may_be_same_as || []).map((m) => m.entity_id + (m.in_results ? " (also a hit)" : "")).join("; ");
  }

  function render(responses) {
    tbody.replaceChildren();
    for (const response of responses) {
      if (!response.results.length) {
        tbody.append(el("tr", { "data-query": response.query }, el("td", {}, response.query),
          el("td", { colspan: 5, class: "muted" }, "no match")));
        continue;
      }
      response.results.forEach((r, i) => {
        tbody.append(el("tr", { "data-query": response.query, "data-entity": r.entity_id },
          el("td", {}, i === 0 ? response.query : ""),
          el("td", {}, el("a", { href: "/entities/" + r.entity_id }, r.name),
            r.matched_name !== r.name ? el("div", { class: "small muted" }, "as “" + r.matched_name + "”") : null,
            pairs(r)),
          el("td", {}, r.score.toFixed(3)),
          el("td", { class: "small" }, r.detail),
          el("td", { class: "small" }, designations(r) || "—"),
          el("td", { class: "small" }, births(r) || "—")));
      });
    }
    section.hidden = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const list = [...names.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean).map(entry), ...fileNames];
    if (!list.length) { status.textContent = "Enter at least one name."; return; }
    const at = document.getElementById("at").value || null;
    status.textContent = "Screening " + list.length + " names…";
    const out = [];
    for (let i = 0; i < list.length; i += BATCH) {
      const response = await fetch("/api/screen", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          names: list.slice(i, i + BATCH).map((e) => e.name),
          birth_dates: list.slice(i, i + BATCH).map((e) => e.dob),
          at,
        }),
      });
      if (!response.ok) { status.textContent = "Screening failed: " + (await Dom.problemText(response)); return; }
      out.push(...(await response.json()).results);
    }
    last = out;
    const hits = out.filter((r) => r.results.length).length;
    status.textContent = "Screened " + out.length + " names: " + hits + " with a possible match.";
    render(out);
  });

  document.getElementById("dl-csv").addEventListener("click", () => {
    const rows = [["query", "entity_id", "name", "matched_name", "score", "detail", "designations", "birth_dates", "may_be_same_as"]];
    for (const response of last) {
      if (!response.results.length) rows.push([response.query, "", "", "", "", "no match", "", "", ""]);
      for (const r of response.results) {
        rows.push([response.query, r.entity_id, r.name, r.matched_name, r.score, r.detail, designations(r), births(r), samePairs(r)]);
      }
    }
    Dom.download("screening.csv", "text/csv", Dom.csv(rows));
  });
  document.getElementById("dl-json").addEventListener("click", () => {
    Dom.download("screening.json", "application/json", JSON.stringify(last, null, 2));
  });
})();
