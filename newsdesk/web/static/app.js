// newsdesk keyboard shortcuts and the light/dark toggle. Loaded as a file: the CSP allows no inline script.
//   j / k   next / previous item (stories, articles, search results)
//   o       open the current item (Enter on its focused link does the same)
//   /       focus the search box
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("main .item"));
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var current = document.querySelector("main .item.current");
    var index = list.indexOf(current);
    var next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(Math.max(index + step, 0), list.length - 1);
    if (current) current.classList.remove("current");
    var item = list[next];
    item.classList.add("current");
    var link = item.querySelector("a");
    if (link) link.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  function open() {
    var current = document.querySelector("main .item.current a");
    if (current) window.location.assign(current.getAttribute("href"));
  }

  function focusSearch() {
    var box = document.getElementById("q-page") || document.getElementById("q");
    if (box) { box.focus(); box.select(); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "j") { move(1); event.preventDefault(); }
    else if (event.key === "k") { move(-1); event.preventDefault(); }
    else if (event.key === "o") { open(); event.preventDefault(); }
    else if (event.key === "/") { focusSearch(); event.preventDefault(); }
  });

  function effectiveTheme() {
    var set = document.documentElement.getAttribute("data-theme");
    if (set) return set;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function label(button) {
    var theme = effectiveTheme();
    button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
    button.title = theme === "dark" ? "Dark mode (switch to light)" : "Light mode (switch to dark)";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    label(button);
    button.addEventListener("click", function () {
      var theme = effectiveTheme() === "dark" ? "light" : "dark";
      document.documentElement.setAttribute("data-theme", theme);
      try { window.localStorage.setItem("newsdesk-theme", theme); } catch (e) { /* not kept */ }
      label(button);
    });
  });
})();
