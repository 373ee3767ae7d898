// A "Copy" button copies the text of the field it names, and says so to screen readers too.
(function () {
  "use strict";
  function say(button, text) {
    var status = document.getElementById(button.dataset.copyTarget + "-status");
    if (status) { status.textContent = text; }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-target]") : null;
    if (!button) { return; }
    var field = document.getElementById(button.dataset.copyTarget);
    if (!field) { return; }
    var done = function () { say(button, button.dataset.copied || ""); };
    var failed = function () {
      field.focus();
      field.select();
      say(button, button.dataset.copyFailed || "");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, failed);
    } else {
      failed();
    }
  });
})();
