/* Entity page: world map, legend, status table and timeline at a date chosen with a slider.
 * The timeline JSON is embedded once in the page; states per date are computed here with the same rule
 * as the server (Interval.covers), so moving the slider never reloads the page. */
"use strict";
(() => {
  const { el, highlighted } = Dom;
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const rows = data.timeline.timelines;
  const claims = data.timeline.claims || {};
  const names = data.names || {};
  const LABEL = { listed: "listed", suspended: "suspended", not_listed: "not listed", uncertain: "uncertain", no_data: "no data",
    closed: "on a closed list (its last recorded state)" };
  // When several lists of one jurisdiction disagree, the map shows the strongest state. A list its
  // publisher closed (OFSI's gb-hmt, from 2026-01-28) holds its last recorded states, not ones in
  // force: from its closing day a state on it other than "not listed" counts as `closed`, which
  // any state in force on an open list outranks.
  const PRIORITY = ["listed", "suspended", "uncertain", "closed", "not_listed"];

  const slider = document.getElementById("date-slider");
  const input = document.getElementById("date-input");
  const output = document.getElementById("date-label");
  const mapBox = document.getElementById("map");
  const evidenceBody = document.getElementById("ev-body");
  const evidenceEmpty = document.getElementById("ev-empty");
  const today = Dates.parseDay(data.today);

  const jurName = (code) => names[code] || code;

  // ---- the time axis ------------------------------------------------------------------------
  function firstDay() {
    let first = null;
    const see = (text) => {
      const n = Dates.earliest(text);
      if (n !== null && (first === null || n < first)) first = n;
    };
    for (const row of rows) {
      row.intervals.forEach((iv) => { see(iv.start); see(iv.end); });
      row.events.forEach((ev) => see(ev.date));
      row.proposals.forEach((ev) => see(ev.date));
    }
    const year = first === null ? 2000 : +Dates.iso(first).slice(0, 4) - 1;
    return Dates.day(Math.min(year, 2000), 1, 1);
  }
  // The slider always spans the whole history; the timeline's window can be narrowed (`span`).
  const axisMin = firstDay();
  const axisMax = today;
  let viewMin = axisMin;
  const pct = (n) => (100 * (Math.min(Math.max(n, viewMin), axisMax) - viewMin)) / (axisMax - viewMin || 1);
  const visible = (n) => n >= viewMin && n <= axisMax;
  slider.min = axisMin;
  slider.max = axisMax;
  input.min = Dates.iso(axisMin);

  // ---- states at a day ----------------------------------------------------------------------
  const WHOLE = "whole organisation";
  const LISTINGS = new Set(["list", "relist", "reinstate"]);
  function rowInterval(row, n) {
    return row.intervals.find((iv) => Dates.covers(iv, n)) || null;
  }
  function closedBy(row, n) {
    return !!row.list_closed && n >= Dates.parseDay(row.list_closed.on);
  }
  function statesAt(n) {
    const out = new Map();
    for (const row of rows) {
      const iv = rowInterval(row, n);
      if (!iv) continue;
      const state = iv.state !== "not_listed" && closedBy(row, n) ? "closed" : iv.state;
      const prev = out.get(row.jurisdiction);
      if (!prev || PRIORITY.indexOf(state) < PRIORITY.indexOf(prev)) out.set(row.jurisdiction, state);
    }
    return out;
  }

  // ---- map ----------------------------------------------------------------------------------
  const countries = new Map();
  async function loadMap() {
    const response = await fetch(mapBox.dataset.src);
    if (!response.ok) throw new Error("map " + response.status);
    mapBox.insertAdjacentHTML("beforeend", await response.text());
    for (const g of mapBox.querySelectorAll(".country")) {
      countries.set(g.dataset.code, g);
      if (!names[g.dataset.code]) names[g.dataset.code] = g.dataset.name;
      g.addEventListener("click", () => focusRow(g.dataset.code));
    }
  }

  function paint(n) {
    const states = statesAt(n);
    const counts = { listed: 0, suspended: 0, not_listed: 0, uncertain: 0, closed: 0, no_data: 0 };
    const universe = new Set([...countries.keys(), ...rows.map((r) => r.jurisdiction)]);
    for (const code of universe) counts[states.get(code) || "no_data"] += 1;
    for (const [code, g] of countries) {
      const state = states.get(code) || "no_data";
      g.setAttribute("class", "country st-" + state);
      g.dataset.state = state;
      g.querySelector("title").textContent = jurName(code) + ": " + LABEL[state];
    }
    for (const chip of document.querySelectorAll("#supra .chip")) {
      const state = states.get(chip.dataset.code) || "no_data";
      chip.className = "chip state-" + state;
      chip.dataset.state = state;
      chip.querySelector(".st").textContent = LABEL[state];
    }
    for (const [state, count] of Object.entries(counts)) {
      document.getElementById("count-" + state).textContent = count;
    }
    paintTable(n);
    for (const cursor of document.querySelectorAll(".tl-cursor")) cursor.style.left = pct(n) + "%";
  }

  function paintTable(n) {
    const body = document.querySelector("#status-table tbody");
    body.replaceChildren(
      ...rows.map((row) => {
        const iv = rowInterval(row, n);
        const state = iv ? iv.state : "no_data";
        return el("tr", { "data-jurisdiction": row.jurisdiction, "data-list": row.list, "data-state": state },
          el("td", {}, el("a", { href: "/jurisdictions/" + row.jurisdiction }, jurName(row.jurisdiction))),
          el("td", {}, row.list_name || row.list),
          el("td", {}, el("span", { class: "badge state-" + state }, LABEL[state]), ...scopeCell(row, iv, n)),
          el("td", {}, iv && iv.start ? iv.start : ""),
          el("td", { class: "nowrap" }, lastSeen(row, n)),
          el("td", { class: "small" }, rowNote(row, iv, n)));
      }));
  }
  // As the status answer's `scope` and `scope_since` (query.common.scope_in_force): the parts the
  // listings since the state began name, up to the day; the whole organisation once one says so;
  // and the date of the listing that named that scope.
  function scopeAt(row, iv, n) {
    if (!iv || (iv.state !== "listed" && iv.state !== "suspended")) return { text: "", since: null };
    const began = iv.from ? Dates.parseDay(iv.from) : Dates.earliest(iv.start);
    let parts = [];
    let since = null;
    for (const ev of row.events) {
      if (ev.refuted || !LISTINGS.has(ev.action) || !ev.scope) continue;
      const first = Dates.earliest(ev.date), last = Dates.latest(ev.date);
      if (first === null || first > n || (began !== null && last !== null && last < began)) continue;
      if (ev.scope === WHOLE) {
        if (parts.length !== 1 || parts[0] !== WHOLE) { parts = [WHOLE]; since = ev.date; }
      } else if (!parts.includes(WHOLE) && !parts.includes(ev.scope)) { parts.push(ev.scope); since = ev.date; }
    }
    return { text: parts.join("; "), since };
  }
  // A scope a later listing extended the designation to says since when (the UK's Hamas: whole
  // organisation since 2021-11-26, listed since 2001-03-29).
  function scopeCell(row, iv, n) {
    const scope = scopeAt(row, iv, n);
    if (!scope.text) return [];
    const text = scope.since && scope.since !== iv.start ? scope.text + " (since " + scope.since + ")" : scope.text;
    return [el("br", {}), el("span", { class: "small muted scope" }, text)];
  }
  // As the status answer's `last_seen`: the latest snapshot on or before the day showing it listed.
  function lastSeen(row, n) {
    let last = "";
    for (const day of row.seen_on || []) if (Dates.parseDay(day) <= n) last = day;
    return last;
  }
  // The same note as the status answer: the interval's own, a start the sources date differently
  // (the date conflict whose uncertain days end the day before), then a closed list's.
  function rowNote(row, iv, n) {
    if (!iv) return "";
    const notes = iv.note ? [iv.note] : [];
    const disputed = disputedStart(row, iv);
    if (disputed) notes.push(disputed);
    if (iv.takeover) notes.push(iv.takeover);
    if (closedBy(row, n)) notes.push(row.list_closed.note);
    return notes.join("; ");
  }

  function disputedStart(row, iv) {
    if (iv.state === "uncertain" || !iv.from) return "";
    const before = Dates.parseDay(iv.from) - 1;
    const found = (row.conflicts || []).find((c) => c.kind === "date" && c.window && Dates.latest(c.window) === before);
    return found ? "start disputed: " + found.description : "";
  }

  // ---- timeline -----------------------------------------------------------------------------
  function describeInterval(row, iv) {
    // A window open at its start ("../2026-03-05": by that day) has no first day to name.
    const from = iv.from || (iv.start && !iv.start.startsWith("..") ? iv.start : null);
    const until = iv.until || iv.end;
    return LABEL[iv.state] + (from ? " from " + from : " until") + (until ? (from ? " to " : " ") + until : " onwards") +
      " · " + jurName(row.jurisdiction) + " · " + (row.list_name || row.list);
  }
  function describeEvent(row, ev, proposal) {
    const what = (proposal ? "pending proposal: " : "") + ev.action.replace("_", " ");
    const by = ev.authorities && ev.authorities.length ? " by " + ev.authorities.join(", ") : "";
    // Who decides a proposal, per its sources; several bodies means they disagree (a decider conflict).
    const deciders = (ev.deciders || []).map((d) => d.authority);
    const decides = deciders.length ? ", decided by " + deciders.join(" or ") + (deciders.length > 1 ? " (sources disagree)" : "") : "";
    return what + " on " + ev.date + by + decides + " · " + jurName(row.jurisdiction) + (ev.refuted ? " (refuted)" : "");
  }

  function axisRow() {
    const track = el("div", { class: "tl-track" });
    const first = +Dates.iso(viewMin).slice(0, 4) + (Dates.iso(viewMin).endsWith("-01-01") ? 0 : 1);
    const last = +Dates.iso(axisMax).slice(0, 4);
    const step = Math.max(1, Math.ceil((last - first) / 8));
    for (let y = first; y <= last; y += step) {
      track.append(el("span", { class: "tl-tick", style: "left:" + pct(Dates.day(y, 1, 1)) + "%" }, String(y)));
    }
    return el("div", { class: "tl-axis", "aria-hidden": "true" }, el("div", { class: "tl-label" }, "Year"), track);
  }

  function timelineRow(row) {
    const track = el("div", { class: "tl-track" });
    for (const iv of row.intervals) {
      const start = Dates.parseDay(iv.from) ?? Dates.earliest(iv.start);
      const end = Dates.parseDay(iv.until) ?? Dates.earliest(iv.end);
      if ((end !== null && end < viewMin) || (start !== null && start > axisMax)) continue;
      const left = pct(start === null ? viewMin : start);
      const right = pct(end === null ? axisMax : end);
      const text = describeInterval(row, iv);
      track.append(el("button", {
        type: "button", class: "tl-iv state-" + iv.state, title: text, "aria-label": text, "aria-pressed": "false",
        "data-kind": "interval", "data-state": iv.state, "data-jurisdiction": row.jurisdiction,
        style: "left:" + left + "%;width:" + Math.max(right - left, 0.3) + "%",
        onclick: (e) => select(e.currentTarget, text, iv.claims, intervalNotes(iv)),
      }));
    }
    const marker = (ev, proposal) => {
      const at = Dates.earliest(ev.date);
      if (at === null || !visible(at)) return;
      const text = describeEvent(row, ev, proposal);
      track.append(el("button", {
        type: "button", class: "tl-ev" + (proposal ? " proposal" : "") + (ev.refuted ? " refuted" : ""),
        title: text, "aria-label": text, "aria-pressed": "false", "data-kind": proposal ? "proposal" : "event",
        "data-action": ev.action, "data-date": ev.date, "data-jurisdiction": row.jurisdiction,
        style: "left:" + pct(at) + "%", onclick: (e) => select(e.currentTarget, text, ev.claims, eventNotes(ev)),
      }));
    };
    row.events.forEach((ev) => marker(ev, false));
    row.proposals.forEach((ev) => marker(ev, true));
    for (const conflict of row.conflicts) {
      const at = Dates.earliest(conflict.window);
      if (at !== null && !visible(at)) continue;
      const text = "Conflict: " + conflict.description;
      track.append(el("button", {
        type: "button", class: "tl-cf", title: text, "aria-label": text, "aria-pressed": "false",
        "data-kind": "conflict", "data-jurisdiction": row.jurisdiction,
        style: "left:" + (at === null ? 98 : pct(at)) + "%",
        onclick: (e) => select(e.currentTarget, text, conflict.claims, conflictNotes(conflict)),
      }, "!"));
    }
    track.append(el("div", { class: "tl-cursor", "aria-hidden": "true" }));
    const label = el("div", { class: "tl-label", id: "row-" + row.jurisdiction + "-" + row.list, tabindex: "-1" },
      el("b", {}, jurName(row.jurisdiction)), el("span", { class: "muted" }, row.list_name || row.list));
    return el("div", { class: "tl-row", role: "group", "aria-label": jurName(row.jurisdiction) + ", " + (row.list_name || row.list),
      "data-jurisdiction": row.jurisdiction, "data-list": row.list }, label, track);
  }

  // Markers close in time would overlap (Kazakhstan's two delistings of the Taliban, five months
  // apart, on a track spanning decades), and the one drawn last would take the other's clicks. Each
  // marker keeps its place in time but goes down to the first free lane of its row: conflicts, events
  // and proposals each have their own lane (above, on and below the bar), and a marker that would
  // overlap one already in it moves to the lanes under the proposals, the row growing to hold them.
  const LANE_REM = 1.1;          // lane k's top is .1rem + k * LANE_REM
  const GAP_PX = 2;              // the least room between two markers of one lane
  function declutter(track) {
    const markers = [...track.querySelectorAll(".tl-ev, .tl-cf")];
    for (const m of markers) { m.style.top = ""; m.classList.remove("stacked"); }
    track.style.minHeight = "";
    if (!track.getBoundingClientRect().width) return;  // not laid out: nothing can overlap yet
    const lanes = new Map();     // lane -> [left, right] extents taken, in pixels
    let deepest = 2;
    const placed = markers.map((m) => {
      const box = m.getBoundingClientRect();
      const lane = m.classList.contains("tl-cf") ? 0 : m.classList.contains("proposal") ? 2 : 1;
      return { m, lane, left: box.left, right: box.right };
    }).sort((a, b) => a.lane - b.lane || a.left - b.left);
    for (const item of placed) {
      const clash = (lane) => (lanes.get(lane) || []).some(([l, r]) => item.left < r + GAP_PX && item.right > l - GAP_PX);
      let lane = item.lane;
      while (clash(lane)) lane = Math.max(lane + 1, 3);
      if (!lanes.has(lane)) lanes.set(lane, []);
      lanes.get(lane).push([item.left, item.right]);
      if (lane !== item.lane) {
        item.m.style.top = (0.1 + lane * LANE_REM) + "rem";
        item.m.classList.add("stacked");
        deepest = Math.max(deepest, lane);
      }
    }
    track.style.minHeight = deepest > 2 ? (0.1 + (deepest + 1) * LANE_REM) + "rem" : "";
  }

  function drawTimeline() {
    const box = document.getElementById("timeline");
    if (!rows.length) {
      box.replaceChildren(el("p", { class: "muted", style: "padding:.6rem" }, "No designation is recorded for this organisation."));
      return;
    }
    box.replaceChildren(axisRow(), ...rows.map(timelineRow));
    for (const cursor of box.querySelectorAll(".tl-cursor")) cursor.style.left = pct(+slider.value) + "%";
    for (const track of box.querySelectorAll(".tl-row .tl-track")) declutter(track);
  }
  // The markers' widths are fixed while the track's follows the window: lanes are worked out again.
  let relayout = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(relayout);
    relayout = requestAnimationFrame(() => {
      for (const track of document.querySelectorAll("#timeline .tl-row .tl-track")) declutter(track);
    });
  });

  const span = document.getElementById("tl-span");
  span.addEventListener("change", () => {
    const years = +span.value;
    viewMin = years ? Math.max(axisMin, axisMax - Math.round(years * 365.25)) : axisMin;
    drawTimeline();
  });

  function focusRow(code) {
    const label = document.querySelector('.tl-row[data-jurisdiction="' + code + '"] .tl-label');
    if (label) { label.scrollIntoView({ block: "center" }); label.focus(); }
  }

  // ---- evidence -----------------------------------------------------------------------------
  /* Whether a source's address opens in a browser (http or https), as the server's `web_url` says. */
  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\/?#\s]/i.test(url.trim());
  }

  function claimView(id) {
    const c = claims[id];
    if (!c) return el("div", { class: "claim" }, "Claim " + id + " (details not available)");
    const src = c.source || {};
    const facts = el("dl", { class: "dl" },
      el("dt", {}, "Claim"), el("dd", {}, (c.action || c.state || "").replace("_", " ") + " on " + c.date),
      c.authority ? [el("dt", {}, "Authority"), el("dd", {}, c.authority)] : null,
      c.decider ? [el("dt", {}, "Decided by"), el("dd", {}, c.decider)] : null,
      c.legal_basis ? [el("dt", {}, "Legal basis"), el("dd", {}, c.legal_basis)] : null,
      c.scope ? [el("dt", {}, "Scope"), el("dd", {}, c.scope)] : null,
      el("dt", {}, "Source"),
      el("dd", { class: "source" },
        // Only a web address is a link: a text ingested from a file is held as urn:sha256:..., shown as text.
        isWebUrl(src.url) ? el("a", { href: src.url, rel: "noopener noreferrer", class: "source-url" }, src.title || src.url)
          : (src.title || src.url || "—"),
        src.url && src.title ? el("div", { class: "small muted" }, src.url) : null,
        el("div", { class: "small muted" }, [src.kind, src.published_on].filter(Boolean).join(" · "))),
      c.record ? [el("dt", {}, "List record"), el("dd", {}, el("code", { class: "record" }, c.record))] : null,
      c.rule ? [el("dt", {}, "Rule"), el("dd", {}, el("code", {}, c.rule))] : null,
      c.note ? [el("dt", {}, "Note"), el("dd", {}, c.note)] : null);
    return el("div", { class: "claim", "data-claim": id }, facts,
      c.evidence ? el("blockquote", {}, highlighted(c.evidence, c.span)) : null);
  }

  /* Lines shown above the claims: what the resolver said about this interval, event or conflict. */
  function intervalNotes(iv) {
    const out = [];
    if (iv.candidates && iv.candidates.length) out.push("Possible states in this window: " + iv.candidates.map((s) => LABEL[s] || s).join(", ") + ".");
    if (iv.authority) out.push("Decided by " + iv.authority + ".");
    if (iv.note) out.push(iv.note);
    if (!iv.claims.length) out.push("No claim states this stretch directly: it is the state before the first recorded event or after the last.");
    return out;
  }
  function eventNotes(ev) {
    const out = [];
    if (ev.scope) out.push("Scope: " + ev.scope + ".");
    if (ev.note) out.push(ev.note);
    if (ev.refuted) out.push("A better source contradicts this report; it does not change the timeline.");
    return out;
  }
  function conflictNotes(conflict) {
    return [conflict.resolution ? "Resolution: " + conflict.resolution + "." : "Unresolved: the sources are shown side by side."];
  }

  function select(button, title, ids, notes) {
    for (const b of document.querySelectorAll("#timeline [aria-pressed=true]")) b.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-pressed", "true");
    evidenceEmpty.hidden = true;
    evidenceBody.replaceChildren(el("p", {}, el("strong", {}, title)),
      ...(notes || []).map((line) => el("p", { class: "small" }, line)), ...(ids || []).map(claimView));
    document.getElementById("evidence").scrollIntoView({ block: "nearest" });
  }

  // ---- the date control ---------------------------------------------------------------------
  function setDay(n, push) {
    n = Math.min(Math.max(n, axisMin), axisMax);
    const text = Dates.iso(n);
    slider.value = n;
    slider.setAttribute("aria-valuetext", text);
    input.value = text;
    output.textContent = text;
    for (const span of document.querySelectorAll(".at-text")) span.textContent = text;
    paint(n);
    document.getElementById("as-of-at").value = text;
    const clear = document.getElementById("as-of-clear");
    if (clear) clear.href = location.pathname + "?at=" + text;
    if (push) {
      const params = new URLSearchParams(location.search);
      params.set("at", text);
      history.replaceState(null, "", "?" + params.toString());
    }
  }
  slider.addEventListener("input", () => setDay(+slider.value, true));
  slider.addEventListener("keydown", (e) => {
    const jump = { PageUp: 30, PageDown: -30 }[e.key];
    if (jump) { e.preventDefault(); setDay(+slider.value + jump, true); }
  });
  input.addEventListener("change", () => {
    const n = Dates.parseDay(input.value);
    if (n !== null) setDay(n, true);
  });

  drawTimeline();
  evidenceEmpty.hidden = false;  // hidden in the page as served: without this script nothing can be selected
  const start = Dates.parseDay(data.at) ?? today;
  setDay(start, false);
  loadMap().then(() => setDay(+slider.value, false), (err) => {
    mapBox.append(el("p", { class: "error" }, "The map could not be loaded (" + err.message + "); the table lists the same states."));
  }).finally(() => document.body.setAttribute("data-ready", "true"));
})();
