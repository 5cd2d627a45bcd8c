/* Small DOM helpers shared by the pages: build elements safely (text is never parsed as HTML). */
"use strict";
const Dom = (() => {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  /* A text with the characters [start, end) wrapped in <mark>. A span as long as the whole text but
   * outside it (document offsets of the evidence sentence itself) marks the whole sentence. */
  function highlighted(text, span) {
    const frag = document.createDocumentFragment();
    if (span && span.length === 2 && span[1] - span[0] === text.length && span[1] > text.length) span = [0, text.length];
    if (!span || span.length !== 2 || span[0] < 0 || span[1] > text.length || span[0] >= span[1]) {
      frag.append(text);
      return frag;
    }
    frag.append(text.slice(0, span[0]), el("mark", {}, text.slice(span[0], span[1])), text.slice(span[1]));
    return frag;
  }
  /* A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first; not a plain number)
     gets a leading apostrophe, as the server's CSV does (proscribe/spreadsheet.py). */
  function textCell(s) {
    const t = s.replace(/^[ \n]+/, "");
    if (!t || !/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(t)) return s;
    return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? s : "'" + s;
  }
  /* Build a CSV document from rows of plain values (RFC 4180 quoting, formulas kept as text). */
  function csv(rows) {
    const cell = (v) => {
      const s = textCell(v === null || v === undefined ? "" : String(v));
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  }
  /* Offer `text` as a file download named `name`. */
  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  /* Parse CSV text into rows (quotes, doubled quotes and CRLF handled). */
  function parseCsv(text) {
    const rows = [];
    let row = [], field = "", quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += c;
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows.filter((r) => r.some((v) => v.trim() !== ""));
  }
  async function problemText(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || response.statusText;
    } catch (e) {
      return response.status + " " + response.statusText;
    }
  }
  return { el, highlighted, csv, download, parseCsv, problemText };
})();
