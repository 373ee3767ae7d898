// Small behaviours of the app shell; no inline scripts, so the CSP can forbid them.
(function () {
  "use strict";
  // Language switcher: a choice made with the mouse submits the form at once. With the keyboard,
  // arrow keys only move through the languages (changing the page on every key press would be a
  // change of context, WCAG 3.2.2); Enter or the Switch button applies the choice.
  var languageKeyboard = false;
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!target || target.id !== "language-select") { return; }
    if (event.key === "Enter" && target.form) {
      event.preventDefault();
      target.form.submit();
    } else if (event.key !== "Tab") {
      languageKeyboard = true;
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target && event.target.id === "language-select") { languageKeyboard = false; }
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.id === "language-select" && target.form && !languageKeyboard) {
      target.form.submit();
    }
  });
  // Send the CSRF token with every htmx request.
  document.addEventListener("htmx:configRequest", function (event) {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) {
      event.detail.headers["X-CSRFToken"] = decodeURIComponent(match[1]);
    }
  });
})();
