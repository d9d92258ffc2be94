// The reports' charts (reports/_chart.html): each <canvas data-chart="{…}"> is drawn with
// Chart.js from the JSON the server wrote, escaped, in that attribute, so the page needs no
// inline script under the Content-Security-Policy. (Not a json_script element: htmx, set to
// allowScriptTags false, drops every <script> of the panel the dashboard swaps in.)
// The table beside each chart holds the same numbers for whoever does not see the canvas.
(function () {
  "use strict";
  var numbers = new Intl.NumberFormat("vi-VN");

  function short(label, size) {
    return label.length > size ? label.slice(0, size - 1) + "…" : label;
  }

  function draw(canvas) {
    if (!window.Chart || Chart.getChart(canvas)) return;
    var d = JSON.parse(canvas.dataset.chart);
    var shown = function (v) { return numbers.format(v) + (d.money ? " đ" : ""); };
    var valueAxis = d.horizontal ? "x" : "y", categoryAxis = d.horizontal ? "y" : "x";
    var scales = {};
    scales[valueAxis] = { beginAtZero: true, stacked: d.stacked,
      ticks: { precision: 0, callback: function (v) { return numbers.format(v); } } };
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
