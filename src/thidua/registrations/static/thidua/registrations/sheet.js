// The registration sheet: filter people by name, tick a title for every row shown, keep
// the counts live, warn before leaving unsaved ticks, and send the person grid as one
// JSON field (a unit of a thousand people would pass the server's limit on form fields).
(function () {
  "use strict";

  function fold(text) {
    return (text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function init() {
    var table = document.getElementById("sheet-people");
    if (!table || !table.tBodies.length) return;
    var rows = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return r.dataset.person; });
    var form = document.querySelector("[data-sheet-form]");
    var filter = document.querySelector("[data-sheet-filter]");
    var onlyRegistered = document.querySelector("[data-only-registered]");
    var shown = document.querySelector("[data-shown]");
    var dirtyNote = document.querySelector("[data-dirty]");
    var dirty = false;
    var submitting = false;

    function boxes(row) {
      return Array.prototype.slice.call(row.querySelectorAll("input[type=checkbox][name^='p']:not(:disabled)"));
    }
    function isRegistered(row) {
      return row.querySelector("input[type=checkbox][name^='p']:checked, [data-registered]") !== null;
    }
    function visibleRows() { return rows.filter(function (r) { return !r.hidden; }); }

    function refreshCounts() {
      document.querySelectorAll("[data-count]").forEach(function (el) {
        var code = el.dataset.count;
        if (!form) return;
        el.textContent = table.querySelectorAll("tbody input[type=checkbox][value='" + code + "']:checked").length;
      });
      document.querySelectorAll("[data-column]").forEach(function (head) {
        var code = head.dataset.column;
        var cells = visibleRows().map(function (r) {
          return r.querySelector("input[type=checkbox][name^='p'][value='" + code + "']:not(:disabled)");
        }).filter(Boolean);
        var ticked = cells.filter(function (c) { return c.checked; }).length;
        head.checked = cells.length > 0 && ticked === cells.length;
        head.indeterminate = ticked > 0 && ticked < cells.length;
      });
    }

    function applyFilter() {
      var query = fold(filter ? filter.value : "");
      var only = onlyRegistered && onlyRegistered.checked;
      var count = 0;
      rows.forEach(function (r) {
        var show = (!query || r.dataset.key.indexOf(query) !== -1) && (!only || isRegistered(r));
        r.hidden = !show;
        if (show) count += 1;
      });
      if (shown) {
        shown.hidden = !(query || only);
        shown.textContent = "(" + count + "/" + rows.length + ")";
      }
      refreshCounts();
    }

    function markDirty() {
      dirty = true;
      if (dirtyNote) dirtyNote.hidden = false;
    }

    function setColumn(code, value) {
      visibleRows().forEach(function (r) {
        var box = r.querySelector("input[type=checkbox][name^='p'][value='" + code + "']:not(:disabled)");
        if (box && box.checked !== value) { box.checked = value; markDirty(); }
      });
      refreshCounts();
    }

    if (filter) filter.addEventListener("input", applyFilter);
    if (onlyRegistered) onlyRegistered.addEventListener("change", applyFilter);
    document.querySelectorAll("[data-column]").forEach(function (head) {
      head.addEventListener("change", function () { setColumn(head.dataset.column, head.checked); });
    });
    document.querySelectorAll("[data-tick-all]").forEach(function (button) {
      button.addEventListener("click", function () { setColumn(button.dataset.tickAll, true); });
    });
    document.querySelectorAll("[data-untick-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        visibleRows().forEach(function (r) {
          boxes(r).forEach(function (b) { if (b.checked) { b.checked = false; markDirty(); } });
        });
        refreshCounts();
      });
    });

    if (!form) { applyFilter(); return; }
    form.addEventListener("change", function (e) {
      if (e.target.matches("[data-column]")) return;
      markDirty();
      refreshCounts();
    });
    form.addEventListener("input", function (e) { if (e.target.name && e.target.name.charAt(0) === "n") markDirty(); });

    form.addEventListener("submit", function () {
      var grid = { p: {}, n: {} };
      rows.forEach(function (r) {
        var pk = r.dataset.person;
        grid.p[pk] = boxes(r).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        var note = r.querySelector("input[name='n" + pk + "']");
        if (note && note.value.trim()) grid.n[pk] = note.value.trim();
      });
      form.querySelector("input[name=grid]").value = JSON.stringify(grid);
      // The grid travels as JSON: the per-person fields stay out of the request.
      rows.forEach(function (r) {
        r.querySelectorAll("input[name^='p'], input[name^='n']").forEach(function (input) {
          if (!input.disabled) { input.disabled = true; input.dataset.gridOff = "1"; }
        });
      });
      submitting = true;
    });
    window.addEventListener("pageshow", function () {
      document.querySelectorAll("[data-grid-off]").forEach(function (input) {
        input.disabled = false;
        delete input.dataset.gridOff;
      });
      submitting = false;
    });
    window.addEventListener("beforeunload", function (e) {
      if (dirty && !submitting) { e.preventDefault(); e.returnValue = ""; }
    });
    applyFilter();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
