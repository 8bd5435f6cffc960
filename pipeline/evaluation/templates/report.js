// Evaluation report: sortable tables, error filter, navigation to marks, peer highlighting.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var v = cell.getAttribute("data-sort");
    return v === null ? cell.textContent.trim() : v;
  }

  function isNumber(s) {
    return s !== "" && !isNaN(Number(s));
  }

  function sortTable(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var values = rows.map(function (r) { return cellValue(r, index); });
    var numeric = values.every(function (v) { return v === "" || isNumber(v); });
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (a, b) {
      var x = values[a], y = values[b], c;
      if (numeric) {
        c = (x === "" ? -Infinity : Number(x)) - (y === "" ? -Infinity : Number(y));
      } else {
        c = x.localeCompare(y);
      }
      if (c === 0) c = a - b;  // stable
      return ascending ? c : -c;
    });
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var frag = document.createDocumentFragment();
    order.forEach(function (i) { frag.appendChild(rows[i]); });
    body.appendChild(frag);
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var head = table.tHead;
    if (!head) return;
    head.querySelectorAll("th").forEach(function (th) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("title", "sort by this column");
      th.addEventListener("click", function () { sortTable(table, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortTable(table, th); }
      });
    });
  });

  // Error list filter: free text and kind.
  var filter = document.getElementById("error-filter");
  var kind = document.getElementById("error-kind");
  var count = document.getElementById("error-count");
  var errorTable = document.getElementById("error-table");
  function applyFilter() {
    if (!errorTable || !errorTable.tBodies[0]) return;
    var q = filter ? filter.value.trim().toLowerCase() : "";
    var k = kind ? kind.value : "";
    var shown = 0, total = 0;
    Array.prototype.forEach.call(errorTable.tBodies[0].rows, function (row) {
      total += 1;
      var ok = (!k || row.getAttribute("data-kind") === k) &&
               (!q || row.textContent.toLowerCase().indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    if (count) count.textContent = shown === total ? total + " errors" : shown + " of " + total + " errors";
  }
  if (filter) filter.addEventListener("input", applyFilter);
  if (kind) kind.addEventListener("change", applyFilter);
  applyFilter();

  // Documents: expand / collapse, jump to a mark from the error list.
  function setAll(open) {
    document.querySelectorAll("details.doc").forEach(function (d) { d.open = open; });
  }
  var expand = document.getElementById("expand-all");
  var collapse = document.getElementById("collapse-all");
  if (expand) expand.addEventListener("click", function () { setAll(true); });
  if (collapse) collapse.addEventListener("click", function () { setAll(false); });

  function reveal(id) {
    var el = id ? document.getElementById(id) : null;
    if (!el) return;
    var d = el.closest("details");
    if (d) d.open = true;
    el.scrollIntoView({ block: "center" });
    if (el.classList.contains("ent")) {
      el.classList.add("flash");
      window.setTimeout(function () { el.classList.remove("flash"); }, 1600);
    }
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.jump") : null;
    if (!a) return;
    e.preventDefault();
    var id = a.getAttribute("href").slice(1);
    reveal(id);
    if (history.replaceState) history.replaceState(null, "", "#" + id);
  });
  if (location.hash.length > 1) reveal(decodeURIComponent(location.hash.slice(1)));

  // Hovering a mark highlights overlapping marks on the other side of the same document.
  function peers(mark) {
    var doc = mark.closest("details.doc");
    if (!doc) return [];
    var other = mark.getAttribute("data-side") === "gold" ? "pred" : "gold";
    var s = Number(mark.getAttribute("data-start")), e = Number(mark.getAttribute("data-end"));
    return Array.prototype.filter.call(
      doc.querySelectorAll('mark.ent[data-side="' + other + '"]'),
      function (m) { return Number(m.getAttribute("data-start")) < e && s < Number(m.getAttribute("data-end")); }
    );
  }
  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest ? e.target.closest("mark.ent[data-side]") : null;
    if (m) peers(m).forEach(function (p) { p.classList.add("peer"); });
  });
  document.addEventListener("mouseout", function (e) {
    var m = e.target.closest ? e.target.closest("mark.ent[data-side]") : null;
    if (m) peers(m).forEach(function (p) { p.classList.remove("peer"); });
  });
})();
