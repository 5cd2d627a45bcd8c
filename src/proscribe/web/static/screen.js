/* Screening page: names from the text box or a CSV file, POSTed to /api/screen in batches of 1,000;
 * results shown in a table and offered as CSV (one row per match) or JSON (everything, with receipts).
 * A name may come with a date of birth: after a tab, comma or semicolon at the end of a line of the
 * text box, or in a CSV column named "dob" (YYYY-MM-DD, YYYY-MM or YYYY; the API refuses other forms).
 * A hit that may be the same entity as another (a suggested pair no analyst has decided) says so under
 * its name, linking the other, whether that one is also a hit of the same name, the evidence and its
 * doubts (`cautions`), as the CLI's notes do. A date of birth the API could not read leaves that name
 * screened by name alone: its warning is shown under the name, with the line it came from, and a strong
 * match the filters left out (an entity whose state on the day is `uncertain`, say) is noted there too.
 * Designations show the part of the organisation listed (`military wing`) wherever they show the state. */
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
  let lastEntries = [];
  // "Name, 1962-01-12": a trailing ISO date (or month, or year) after a separator is the date of birth.
  const TRAILING_BIRTH = /^(.*\S)\s*[\t,;]\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/;
  // A date written another way (15/07/1963, 15.07.1963) is split off too, after a separator or a space:
  // left in the name its digits would sink every score; sent as the date, the server says it cannot
  // read it (day and month order is ambiguous) and screens the name alone, with a warning.
  const OTHER_BIRTH = /^(.*[^\s,;])(?:\s*[\t,;]\s*|\s+)(\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/;

  // `where` names the input a warning points back to: "line 3" of the text box, "names.csv row 4".
  function entry(line, where) {
    const found = TRAILING_BIRTH.exec(line) || OTHER_BIRTH.exec(line);
    return found ? { name: found[1].trim(), dob: found[2], where } : { name: line, dob: null, where };
  }

  // A file's text: UTF-8 (a byte-order mark, UTF-8's or UTF-16's, says so and is dropped), else, as
  // a spreadsheet saved as "CSV" on Windows often is, Windows-1252, which reads any byte; the caller
  // says which was assumed, so a misread name never passes silently ("H\ufffdzbollah").
  function decode(bytes) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes), guessed: null };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes), guessed: null };
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), guessed: null };
    } catch (e) {
      return { text: new TextDecoder("windows-1252").decode(bytes), guessed: "Windows-1252 (Western European)" };
    }
  }

  file.addEventListener("change", async () => {
    fileNames = [];
    const warning = document.getElementById("csv-warning");
    warning.hidden = true;
    warning.textContent = "";
    if (!file.files.length) return;
    const read = decode(new Uint8Array(await file.files[0].arrayBuffer()));
    if (read.guessed) {
      warning.textContent = file.files[0].name + " is not UTF-8: it was read as " + read.guessed
        + ": check the names in the results, and if they look wrong, save it as CSV UTF-8 and choose it again.";
      warning.hidden = false;
    }
    const rows = Dom.parseCsv(read.text);
    const header = rows.length ? rows[0].map((h) => h.trim().toLowerCase()) : [];
    const column = Math.max(header.indexOf("name"), 0);
    const dobColumn = header.indexOf("dob");
    const headed = header.includes("name") || dobColumn >= 0;
    const body = headed ? rows.slice(1) : rows;
    const source = file.files[0].name;
    fileNames = body
      .map((r, i) => ({
        name: (r[column] || "").trim(),
        dob: dobColumn >= 0 ? (r[dobColumn] || "").trim() || null : null,
        where: source + " row " + (i + (headed ? 2 : 1)),  // the row a spreadsheet shows it on
      }))
      .filter((e) => e.name);
    document.getElementById("csv-info").textContent = fileNames.length + " names read from " + file.files[0].name;
  });

  // "EU eu-terrorist (listed, military wing)": the part listed, when sources name one, beside the state.
  // A closed list's state is its last recorded, not one in force: "list closed 2026-01-28" says so.
  function designations(result) {
    return (result.designations || []).map((d) => d.jurisdiction + " " + d.list + " ("
      + d.state.replace("_", " ") + (d.scope ? ", " + d.scope : "")
      + (d.closed_on ? ", list closed " + d.closed_on : "") + ")").join("; ");
  }

  // As the CLI's CSV writes them (`EU:eu-terrorist:listed (military wing)`), so the two files agree.
  function designationLabels(result) {
    return (result.designations || []).map((d) => {
      const said = [d.scope, d.closed_on ? "list closed " + d.closed_on : null].filter(Boolean);
      return d.jurisdiction + ":" + d.list + ":" + d.state + (said.length ? " (" + said.join("; ") + ")" : "");
    }).join("; ");
  }

  function births(result) {
    return [...new Set((result.birth_dates || []).map((b) => b.label))].join("; ");
  }

  // The evidence and, set apart, the doubts: `why` ends "; but " and the cautions when there are any.
  function evidence(m) {
    const cautions = m.cautions || [];
    const doubt = "; but " + cautions.join("; ");
    const plain = cautions.length && m.why.endsWith(doubt) ? m.why.slice(0, -doubt.length) : m.why;
    return el("span", { class: "why" }, plain,
      cautions.length ? ["; but ", el("strong", { class: "cautions" }, cautions.join("; "))] : null);
  }

  // "may be the same as OMAR, Hassan Mahat (also a hit here): same name ...; but their dates of birth
  // differ (1955; 1962)": one line per entity the hit may be.
  function pairs(result) {
    return (result.may_be_same_as || []).map((m) => el("div", { class: "small may-be", "data-other": m.entity_id, title: m.why },
      "may be the same as ", el("bdi", {}, el("a", { href: "/entities/" + m.entity_id }, m.name)),
      m.in_results ? " (also a hit here)" : "", ": ", evidence(m)));
  }

  // As the CLI's CSV cell: `un-soi-009 (also a hit) [but their dates of birth differ (1955; 1962)]`.
  function samePairs(result) {
    return (result.may_be_same_as || []).map((m) => m.entity_id + (m.in_results ? " (also a hit)" : "")
      + ((m.cautions || []).length ? " [but " + m.cautions.join("; ") + "]" : "")).join("; ");
  }

  // What the page says of one name besides its hits: a date of birth not read (with the line it came
  // from), strong matches the filters left out.
  function remarks(response, where) {
    return [...(response.warnings || []).map((w) => where + ": " + w.message), ...(response.notes || [])];
  }

  function inputCell(response, where) {
    return el("td", {}, el("bdi", {}, response.query),
      (response.warnings || []).map((w) => el("div", { class: "small name-warning" }, el("strong", {}, where + ": " + w.message))),
      (response.notes || []).map((n) => el("div", { class: "small muted not-shown" }, n)));
  }

  function render(responses, entries) {
    tbody.replaceChildren();
    responses.forEach((response, at) => {
      const where = entries[at].where;
      if (!response.results.length) {
        tbody.append(el("tr", { "data-query": response.query }, inputCell(response, where),
          el("td", { colspan: 5, class: "muted" }, "no match")));
        return;
      }
      response.results.forEach((r, i) => {
        tbody.append(el("tr", { "data-query": response.query, "data-entity": r.entity_id },
          i === 0 ? inputCell(response, where) : el("td", {}, ""),
          el("td", {}, el("bdi", {}, el("a", { href: "/entities/" + r.entity_id }, r.name)),
            r.matched_name !== r.name ? el("div", { class: "small muted" }, "as “", el("bdi", {}, r.matched_name), "”") : null,
            pairs(r)),
          el("td", {}, r.score.toFixed(3)),
          el("td", { class: "small" }, r.detail),
          el("td", { class: "small" }, designations(r) || "—"),
          el("td", { class: "small" }, births(r) || "—")));
      });
    });
    section.hidden = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const typed = names.value.split(/\r?\n/).map((s, i) => entry(s.trim(), "line " + (i + 1))).filter((e) => e.name);
    const list = [...typed, ...fileNames];
    if (!list.length) { status.textContent = "Enter at least one name."; return; }
    // Refused before any is sent, as the API would refuse the batch: named by its line or row here.
    const longest = Number(form.dataset.maxNameChars);
    // Counted in characters (code points), as the server counts them, not in UTF-16 units.
    const long = list.find((e) => [...e.name].length > longest);
    if (long) {
      status.textContent = "Nothing screened: " + long.where + " has " + [...long.name].length
        + " characters; a name to screen has at most " + longest + ".";
      return;
    }
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
    lastEntries = list;
    const hits = out.filter((r) => r.results.length).length;
    status.textContent = "Screened " + out.length + " names: " + hits + " with a possible match.";
    render(out, list);
  });

  document.getElementById("dl-csv").addEventListener("click", () => {
    const rows = [["query", "entity_id", "name", "matched_name", "score", "detail", "designations", "birth_dates", "may_be_same_as"]];
    last.forEach((response, at) => {
      // As the CLI's bulk output: a remark ends each hit's detail, or the row of a name without one.
      const said = remarks(response, lastEntries[at].where).join("; ");
      if (!response.results.length) rows.push([response.query, "", "", "", "", said ? "no match; " + said : "no match", "", "", ""]);
      for (const r of response.results) {
        rows.push([response.query, r.entity_id, r.name, r.matched_name, r.score, said ? r.detail + "; " + said : r.detail,
          designationLabels(r), births(r), samePairs(r)]);
      }
    });
    Dom.download("screening.csv", "text/csv", Dom.csv(rows));
  });
  document.getElementById("dl-json").addEventListener("click", () => {
    Dom.download("screening.json", "application/json", JSON.stringify(last, null, 2));
  });
})();
