// Sends the page's CSRF token with every htmx request (the server checks it on POST/PUT/PATCH/DELETE).
// Scripts using fetch() read the same <meta name="csrf-token"> and send it as X-CSRF-Token.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRF-Token"] = meta.content; }
});
