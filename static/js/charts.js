// Plotly charts of the app: data comes from json_script elements, never from inline scripts.
(function () {
  "use strict";

  function readData(el) {
    var source = document.getElementById(el.dataset.source);
    if (!source) { return null; }
    var data = JSON.parse(source.textContent);
    return el.dataset.key ? data[el.dataset.key] : data;
  }

  // Nothing leaves the app: no logo link, no upload to a chart-sharing service.
  var config = {
    displaylogo: false,
    responsive: true,
    showSendToCloud: false,
    showEditInChartStudio: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "sendChartToCloud"]
  };
  var font = { family: "DejaVu Sans, system-ui, sans-serif", color: "#1b1f24" };

  var renderers = {
    matrix: function (el, data) {
      // A bubble of several initiatives opens the list of exactly them.
      var groupUrl = function (p) {
        var sep = data.group_url.indexOf("?") === data.group_url.length - 1 ? "" : "&";
        return data.group_url + sep + "stage=" + encodeURIComponent(p.stage) +
          "&business_value=" + p.business_value + "&technical_feasibility=" +
          p.technical_feasibility + "&implementation_effort=" + p.implementation_effort;
      };
      var byStage = {};
      data.points.forEach(function (p) {
        (byStage[p.stage] = byStage[p.stage] || []).push(p);
      });
      var traces = Object.keys(byStage).map(function (stage) {
        var pts = byStage[stage];
        return {
          type: "scatter",
          mode: "markers",
          name: data.stage_labels[stage],
          x: pts.map(function (p) { return p.technical_feasibility + (((p.pk * 37) % 11) - 5) / 40; }),
          y: pts.map(function (p) { return p.business_value + (((p.pk * 53) % 11) - 5) / 40; }),
          text: pts.map(function (p) { return p.title; }),
          customdata: pts.map(function (p) { return [p.url || groupUrl(p), p.implementation_effort, p.priority_score]; }),
          hovertemplate: "<b>%{text}</b><br>" + data.axis.y + ": %{y:.0f}<br>" + data.axis.x +
            ": %{x:.0f}<br>" + data.axis.size + ": %{customdata[1]}<extra>%{fullData.name}</extra>",
          marker: {
            size: pts.map(function (p) { return 8 + p.implementation_effort * 6; }),
            color: data.colours[stage],
            opacity: 0.8,
            line: { width: 1, color: "#1b1f24" }
          }
        };
      });
      var layout = {
        font: font,
        margin: { t: 20, r: 10, b: 50, l: 60 },
        xaxis: { title: { text: data.axis.x }, range: [0.5, 5.5], dtick: 1 },
        yaxis: { title: { text: data.axis.y }, range: [0.5, 5.5], dtick: 1 },
        legend: { orientation: "h", y: -0.2 },
        height: 520,
        shapes: [
          { type: "line", x0: 3, x1: 3, y0: 0.5, y1: 5.5, line: { dash: "dot", color: "#8a93a3" } },
          { type: "line", x0: 0.5, x1: 5.5, y0: 3, y1: 3, line: { dash: "dot", color: "#8a93a3" } }
        ]
      };
      Plotly.newPlot(el, traces, layout, config).then(function () {
        el.on("plotly_click", function (event) {
          if (event.points && event.points[0] && event.points[0].customdata) {
            window.location.href = event.points[0].customdata[0];
          }
        });
      });
    },
    generic: function (el, data) {
      Plotly.newPlot(el, data.data, Object.assign({ font: font }, data.layout || {}), config);
    }
  };

  function renderOne(el) {
    if (el.dataset.rendered) { return; }
    var data = readData(el);
    var render = renderers[el.dataset.chart] || renderers.generic;
    if (data) { render(el, data); el.dataset.rendered = "1"; }
  }

  // Charts below the fold are drawn as they come near the screen, so a page of many charts
  // does not hold the browser while it draws the ones nobody has scrolled to yet.
  var nearby = typeof IntersectionObserver === "undefined" ? null :
    new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { nearby.unobserve(entry.target); renderOne(entry.target); }
      });
    }, { rootMargin: "200px" });

  function renderAll(root) {
    if (typeof Plotly === "undefined") { return; }
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      if (nearby) { nearby.observe(el); } else { renderOne(el); }
    });
  }

  window.PortfolioCharts = { renderers: renderers, renderAll: renderAll };
  document.addEventListener("DOMContentLoaded", function () { renderAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { renderAll(event.target); });
})();
