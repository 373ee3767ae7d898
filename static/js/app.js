// Small behaviours of the app shell; no inline scripts, so the CSP can forbid them.
(function () {
  "use strict";
  // Language switcher: the select submits its form, the button stays for keyboard users.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.id === "language-select" && target.form) {
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
