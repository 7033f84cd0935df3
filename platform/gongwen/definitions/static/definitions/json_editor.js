/*
 * The admin's JSON editor for definition drafts: a "Format" button (pretty-print, 2 spaces)
 * and a live syntax check that says the line and column of the first error. Served by us
 * (Content-Security-Policy script-src 'self'); labels come from data attributes rendered by
 * the server in the page's language. The server checks every save on its own.
 */
(function () {
  "use strict";

  // Browsers word JSON.parse errors differently: find the offset, or the line and column.
  function errorPosition(text, error) {
    var message = String(error && error.message);
    var lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) {
      return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    }
    var offset = /position (\d+)/.exec(message);
    var at = offset ? Number(offset[1]) : text.length;
    var before = text.slice(0, at).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) {
      return String(values[name]);
    });
  }

  function enhance(area) {
    var tools = document.createElement("div");
    tools.className = "gongwen-json-tools";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = area.dataset.labelFormat;
    var status = document.createElement("span");
    status.className = "gongwen-json-status";
    status.setAttribute("aria-live", "polite");
    tools.appendChild(button);
    tools.appendChild(status);
    // One box for the textarea and its tools, so the admin's row layout keeps them together.
    var box = document.createElement("div");
    box.className = "gongwen-json-field";
    area.insertAdjacentElement("beforebegin", box);
    box.appendChild(area);
    box.appendChild(tools);

    function check() {
      var text = area.value;
      if (!text.trim()) {
        status.textContent = "";
        return null;
      }
      try {
        var parsed = JSON.parse(text);
        status.textContent = area.dataset.labelValid;
        status.className = "gongwen-json-status is-valid";
        return parsed;
      } catch (error) {
        var where = errorPosition(text, error);
        status.textContent = fill(area.dataset.labelInvalid, where) + " " + error.message;
        status.className = "gongwen-json-status is-invalid";
        return undefined;
      }
    }

    var timer = null;
    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 300);
    });
    button.addEventListener("click", function () {
      var parsed = check();
      if (parsed !== undefined && parsed !== null) {
        area.value = JSON.stringify(parsed, null, 2);
      }
    });
    check();
  }

  function start() {
    document.querySelectorAll("textarea[data-json-editor]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
