// "Add" buttons of Django formsets: a copy of the formset's empty form becomes a new row and
// TOTAL_FORMS counts it. Without JavaScript the button stays hidden and the extra rows still work.
(function () {
  "use strict";
  function addRow(button) {
    var prefix = button.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var template = document.getElementById(prefix + "-empty-form");
    var rows = document.getElementById(prefix + "-rows");
    if (!total || !template || !rows) { return; }
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) { return; }
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    // Keyboard users continue in the new row rather than back at the top of the page.
    var field = rows.lastElementChild && rows.lastElementChild.querySelector("input, select, textarea");
    if (field) { field.focus(); }
  }
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-formset-add]");
    if (button) {
      event.preventDefault();
      addRow(button);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-formset-add]").forEach(function (button) { button.hidden = false; });
    document.querySelectorAll("[data-formset-nojs]").forEach(function (note) { note.hidden = true; });
  });
})();
