// Applies the reader's saved light/dark choice before the page paints (no inline script under the CSP).
(function () {
  try {
    var saved = window.localStorage.getItem("newsdesk-theme");
    if (saved === "light" || saved === "dark") document.documentElement.setAttribute("data-theme", saved);
  } catch (e) { /* storage blocked: follow the system setting */ }
})();
