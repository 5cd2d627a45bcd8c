/* Day arithmetic and PartialDate parsing shared by the pages (no dependencies).
 * Days are integers counted from 1970-01-01 in UTC, so no time zone can shift a date. */
"use strict";
const Dates = (() => {
  const MS = 86400000;
  function day(y, m, d) { return Math.round(Date.UTC(y, m - 1, d) / MS); }
  function parseDay(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return m ? day(+m[1], +m[2], +m[3]) : null;
  }
  function iso(n) { return new Date(n * MS).toISOString().slice(0, 10); }
  /* Earliest possible day of a PartialDate written as YYYY-MM-DD, YYYY-MM, YYYY or A/B ('..' = open). */
  function earliest(text) {
    if (!text || text === "unknown") return null;
    const left = String(text).split("/")[0];
    if (left === "" || left === "..") return null;
    const p = left.split("-").map(Number);
    return day(p[0], p[1] || 1, p[2] || 1);
  }
  /* Latest possible day of a PartialDate (null when open). */
  function latest(text) {
    if (!text || text === "unknown") return null;
    const parts = String(text).split("/");
    const right = parts.length > 1 ? parts[1] : parts[0];
    if (right === "" || right === "..") return null;
    const p = right.split("-").map(Number);
    if (p.length === 3) return day(p[0], p[1], p[2]);
    if (p.length === 2) return day(p[1] === 12 ? p[0] + 1 : p[0], p[1] === 12 ? 1 : p[1] + 1, 1) - 1;
    return day(p[0] + 1, 1, 1) - 1;
  }
  /* The same rule as Interval.covers: `from` day inclusive, `until` day exclusive, null = open. */
  function covers(interval, n) {
    const s = parseDay(interval.from), e = parseDay(interval.until);
    return (s === null || s <= n) && (e === null || n < e);
  }
  return { day, parseDay, iso, earliest, latest, covers };
})();
