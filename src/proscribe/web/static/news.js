/* News page: POST the text (and its title, when one is entered) to /api/extract, show each claim's
 * evidence highlighted in the text, and, with an API token, send the same article to
 * /api/ingest/news to store the claims. */
"use strict";
(() => {
  const { el } = Dom;
  const form = document.getElementById("news-form");
  const status = document.getElementById("news-status");
  const doc = document.getElementById("news-doc");
  const tbody = document.querySelector("#news-claims tbody");
  const titleInput = document.getElementById("news-title");
  let article = null;

  /* Where each claim's evidence sits in the text: its span (document offsets) when that matches the
   * evidence, else the first occurrence of the evidence sentence. Overlapping marks keep the first. */
  function marks(text, claims) {
    const out = [];
    claims.forEach((c, i) => {
      const [start, end] = c.span || [-1, -1];
      if (start >= 0 && text.slice(start, end) === c.evidence) {
        out.push({ start, end, index: i });
        return;
      }
      const at = text.indexOf(c.evidence);
      if (at >= 0) out.push({ start: at, end: at + c.evidence.length, index: i });
    });
    return out.sort((a, b) => a.start - b.start).filter((m, i, all) => i === 0 || m.start >= all[i - 1].end);
  }

  function show(text, claims) {
    doc.replaceChildren();
    let pos = 0;
    for (const m of marks(text, claims)) {
      doc.append(text.slice(pos, m.start), el("mark", { id: "claim-" + m.index, title: claims[m.index].rule }, text.slice(m.start, m.end)));
      pos = m.end;
    }
    doc.append(text.slice(pos));
    tbody.replaceChildren(...claims.map((c, i) => el("tr", {},
      el("td", {}, el("bdi", {}, c.entity_id ? el("a", { href: "/entities/" + c.entity_id }, c.organisation) : c.organisation)),
      el("td", {}, c.jurisdiction),
      el("td", {}, el("a", { href: "#claim-" + i }, c.action.replace("_", " "))),
      el("td", {}, c.date || "?"),
      el("td", {}, c.authority || ""),
      el("td", {}, c.legal_basis || ""))));
    if (!claims.length) tbody.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No designation event found.")));
    document.getElementById("news-results").hidden = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = document.getElementById("news-text").value.trim();
    const url = document.getElementById("news-url").value.trim() || null;
    const published = document.getElementById("news-published").value || null;
    const title = titleInput.value.trim() || null;
    if (!text && !url) { status.textContent = "Paste the article's text or give its URL."; return; }
    status.textContent = "Reading…";
    const response = await fetch("/api/extract", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text || null, url, title, published_on: published }),
    });
    if (!response.ok) { status.textContent = "Extraction failed: " + (await Dom.problemText(response)); return; }
    const body = await response.json();
    article = { text: body.text, url: body.document.url, title: body.document.title,
      published_on: body.document.published_on };
    const day = body.document.published_on;
    status.textContent = body.claims.length + " claim(s) found" +
      (day ? " in an article published on " + day : "") + ". Nothing has been stored.";
    // A decision reported as done after the article appeared: the publication day is likely wrong.
    const warnings = document.getElementById("news-warnings");
    warnings.querySelector("ul").replaceChildren(...(body.warnings || []).map((w) => el("li", {}, w)));
    warnings.hidden = !(body.warnings || []).length;
    show(body.text, body.claims);
  });

  document.getElementById("ingest-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const out = document.getElementById("ingest-status");
    const token = document.getElementById("token").value.trim();
    if (!article || !token) { out.textContent = "Extract an article and enter a token first."; return; }
    const response = await fetch("/api/ingest/news", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      // A title entered after reading still names the article (else the one it was read with).
      body: JSON.stringify({ ...article, title: titleInput.value.trim() || article.title }),
    });
    if (!response.ok) { out.textContent = "Not added: " + (await Dom.problemText(response)); return; }
    out.replaceChildren(...added((await response.json()).report));
  });

  /* The ingest report in words: what was stored, what an earlier reading of the article no longer
   * gives, a publication date put right, then each warning. */
  function added(report) {
    const parts = [report.new_claims + " new claim(s) stored", report.existing_claims + " already held"];
    if (report.claims_superseded) parts.push(report.claims_superseded + " from an earlier reading set aside");
    if (report.claims_restored) parts.push(report.claims_restored + " counted again");
    if (report.sources_redated) parts.push("publication date put right");
    const nodes = ["Added: " + parts.join("; ") + "."];
    if (report.warnings.length) nodes.push(el("ul", {}, ...report.warnings.map((w) => el("li", {}, w))));
    return nodes;
  }
})();
