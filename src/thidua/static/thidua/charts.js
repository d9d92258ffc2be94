// The reports' charts (reports/_chart.html): each <canvas data-chart="{…}"> is drawn with
// Chart.js from the JSON the server wrote, escaped, in that attribute, so the page needs no
// inline script under the Content-Security-Policy. (Not a json_script element: htmx, set to
// allowScriptTags false, drops every <script> of the panel the dashboard swaps in.)
// The table beside each chart holds the same numbers for whoever does not see the canvas.
(function () {
  "use strict";
  // 1234567 → "1.234.567", whatever locales the browser carries (Intl without the vi data
  // falls back to commas).
  function number(v) {
    var digits = String(Math.round(Math.abs(v))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (v < 0 ? "−" : "") + digits;
  }

  // The chart's box: a bar of about 44 px for each category of a horizontal chart (plus the
  // axis and the legend), half the width (220–320 px) for a vertical one. Chart.js fills it.
  function size(canvas, d) {
    var box = canvas.parentElement;
    var height = d.horizontal ? 44 * d.labels.length + 110
      : Math.max(220, Math.min(320, box.clientWidth / 2));
    box.style.height = height + "px";
  }

  function short(label, most) {
    return label.length > most ? label.slice(0, most - 1) + "…" : label;
  }

  function draw(canvas) {
    if (!window.Chart || Chart.getChart(canvas)) return;
    var d = JSON.parse(canvas.dataset.chart);
    size(canvas, d);
    var shown = function (v) { return number(v) + (d.money ? " đ" : ""); };
    var valueAxis = d.horizontal ? "x" : "y", categoryAxis = d.horizontal ? "y" : "x";
    var scales = {};
    scales[valueAxis] = { beginAtZero: true, stacked: d.stacked,
      ticks: { precision: 0, callback: function (v) { return number(v); } } };
    scales[categoryAxis] = { stacked: d.stacked, ticks: { autoSkip: false, callback: function (v) {
      // Long names (a movement's) are cut on the axis; the tooltip and the table show them whole.
      return short(String(this.getLabelForValue(v)), canvas.clientWidth < 420 ? 14 : 28);
    } } };
    new Chart(canvas, {
      type: "bar",
      data: { labels: d.labels, datasets: d.datasets },
      options: {
        indexAxis: d.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        locale: "vi-VN",
        scales: scales,
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, color: "#212529" } },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + shown(c.parsed[valueAxis]); } } }
        }
      }
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  // The dashboard loads the charts as an htmx panel, swapped in place of its placeholder:
  // htmx announces the new content with `htmx:load`, from the content itself.
  document.addEventListener("htmx:load", function (e) { drawAll(e.target); });
})();
