// thidua's page behaviour. The Content-Security-Policy allows no inline script, on*= or
// hx-on handler and no style="" attribute: every behaviour a template needs is wired
// here by a data-* attribute, and sizes computed on the server are applied through the
// CSSOM (element.style), which the policy allows.

// Date inputs are typed as dd/mm/yyyy; flatpickr adds a Vietnamese calendar without changing that.
function thiduaInit(root) {
  if (window.TomSelect) {
    root.querySelectorAll("select[data-tom]").forEach(function (el) {
      if (!el.tomselect) new TomSelect(el, { maxOptions: 200, plugins: ["remove_button"] });
    });
  }
  // Server-computed sizes: a progress bar's width, a preview frame's page size.
  root.querySelectorAll("[data-percent]").forEach(function (el) {
    el.style.width = Math.max(0, Math.min(100, parseFloat(el.dataset.percent) || 0)) + "%";
  });
  root.querySelectorAll("iframe[data-scale-to-parent]").forEach(thiduaFitFrame);
  if (!window.flatpickr) return;
  root.querySelectorAll("input.date-input").forEach(function (el) {
    if (el._flatpickr) return;
    flatpickr(el, { dateFormat: "d/m/Y", allowInput: true, locale: (flatpickr.l10ns && flatpickr.l10ns.vn) || "default" });
  });
}
document.addEventListener("DOMContentLoaded", function () { thiduaInit(document); });
document.addEventListener("htmx:afterSwap", function (e) { thiduaInit(e.target); });

// A page drawn in millimetres (the certificate layout preview) shown at its parent's width:
// the frame is the page's real size, scaled down; the parent keeps the page's proportions.
function thiduaFitFrame(frame) {
  var width = parseFloat(frame.dataset.widthMm), height = parseFloat(frame.dataset.heightMm);
  if (!(width > 0 && height > 0)) return;
  frame.style.width = width + "mm";
  frame.style.height = height + "mm";
  frame.parentElement.style.aspectRatio = width + " / " + height;
  function fit() { frame.style.transform = "scale(" + frame.parentElement.clientWidth / frame.offsetWidth + ")"; }
  fit();
  if (!frame._thiduaFit) { frame._thiduaFit = true; window.addEventListener("resize", fit); }
}

// <form data-confirm="Question?">: asks before submitting; "Cancel" submits nothing.
document.addEventListener("submit", function (e) {
  var form = e.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}, true);

// <select data-autosubmit>: choosing an option submits its form (year, unit pickers).
document.addEventListener("change", function (e) {
  var el = e.target;
  if (el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.requestSubmit();
});

document.addEventListener("click", function (e) {
  // <button data-select-all="input[name=chon]">: ticks every enabled box the selector names.
  var all = e.target.closest && e.target.closest("[data-select-all]");
  if (all) {
    document.querySelectorAll(all.dataset.selectAll).forEach(function (box) {
      if (!box.disabled) box.checked = true;
    });
  }
  // Tree nodes load their children once (htmx, "click once"); later clicks only fold and unfold.
  var toggle = e.target.closest && e.target.closest("[data-tree-toggle]");
  if (toggle) {
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", open ? "false" : "true");
    toggle.textContent = open ? "+" : "−";
    var group = toggle.parentElement.querySelector(":scope > ul");
    if (group) group.classList.toggle("d-none", open);
  }
});

// <button hx-get=… hx-swap="none" data-fill-target="ID" data-fill-confirm="Question?">: the
// answer fills the field ID, asking first when the field already holds text.
document.addEventListener("htmx:afterRequest", function (e) {
  var el = e.detail.elt;
  if (!el || !el.dataset || !el.dataset.fillTarget || !e.detail.successful) return;
  var field = document.getElementById(el.dataset.fillTarget);
  if (!field) return;
  if (!field.value.trim() || window.confirm(el.dataset.fillConfirm || "")) field.value = e.detail.xhr.responseText;
});
