// Marks the page as JavaScript-capable before it paints, as GOV.UK Frontend expects.
// (A file, not an inline script, so the Content-Security-Policy can forbid inline scripts.)
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
