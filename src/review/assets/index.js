// notice-extract review index: sort by a column, filter by text, status and
// warnings. The state lives in the URL's fragment (#sort=amounts&desc=1&q=…),
// so a view can be bookmarked or sent. Inlined in index.html, allowed by the
// page's Content-Security-Policy hash; no other script runs on the page.
(function () {
  "use strict";
  var table = document.getElementById("notices");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var q = document.getElementById("q");
  var status = document.getElementById("status");
  var warned = document.getElementById("warned");
  var shown = document.getElementById("shown");
  var state = { sort: null, desc: false };

  function value(row, col) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-v");
    return v === null ? cell.textContent.trim() : v;
  }

  function comparator(col, numeric) {
    return function (a, b) {
      var x = value(a, col), y = value(b, col);
      if (numeric) { return (parseFloat(x) || 0) - (parseFloat(y) || 0); }
      // Empty cells (no title, no date) go last in either direction.
      if (x === "" || y === "") { return (x === "") - (y === ""); }
      return x.localeCompare(y, "zh");
    };
  }

  function apply() {
    var order = rows.slice();
    heads.forEach(function (h, col) {
      var key = h.getAttribute("data-key");
      if (key === state.sort) {
        var cmp = comparator(col, h.getAttribute("data-type") === "num");
        var dir = state.desc ? -1 : 1;
        order.sort(function (a, b) {
          var x = value(a, col), y = value(b, col);
          var empty = h.getAttribute("data-type") !== "num" && (x === "" || y === "");
          return empty ? cmp(a, b) : dir * cmp(a, b);
        });
        h.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      } else if (h.hasAttribute("data-key")) {
        h.setAttribute("aria-sort", "none");
      }
    });
    var needle = q.value.trim().toLowerCase();
    var want = status.value;
    var n = 0;
    order.forEach(function (row) {
      var ok = (needle === "" || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
        (want === "" || row.getAttribute("data-status") === want) &&
        (!warned.checked || row.hasAttribute("data-warned"));
      row.hidden = !ok;
      if (ok) { n += 1; }
      body.appendChild(row);
    });
    shown.textContent = n + " of " + rows.length;
    save();
  }

  function save() {
    var p = new URLSearchParams();
    if (q.value) { p.set("q", q.value); }
    if (status.value) { p.set("status", status.value); }
    if (warned.checked) { p.set("warned", "1"); }
    if (state.sort) { p.set("sort", state.sort); }
    if (state.sort && state.desc) { p.set("desc", "1"); }
    var frag = p.toString();
    if (frag === location.hash.replace(/^#/, "")) { return; }
    try {
      history.replaceState(null, "", frag ? "#" + frag : location.pathname);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the view
      // still works, it just cannot be bookmarked.
    }
  }

  function load() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    q.value = p.get("q") || "";
    status.value = p.get("status") || "";
    if (status.value !== (p.get("status") || "")) { status.value = ""; }
    warned.checked = p.get("warned") === "1";
    var key = p.get("sort");
    state.sort = heads.some(function (h) { return h.getAttribute("data-key") === key; }) ? key : null;
    state.desc = p.get("desc") === "1";
  }

  heads.forEach(function (h) {
    var button = h.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var key = h.getAttribute("data-key");
      if (state.sort === key) {
        state.desc = !state.desc;
      } else {
        state.sort = key;
        state.desc = h.getAttribute("data-type") === "num"; // biggest first
      }
      apply();
    });
  });
  q.addEventListener("input", apply);
  status.addEventListener("change", apply);
  warned.addEventListener("change", apply);
  window.addEventListener("hashchange", function () { load(); apply(); });
  load();
  apply();
  table.setAttribute("data-ready", "1");
}());
