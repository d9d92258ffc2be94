// Date inputs are typed as dd/mm/yyyy; flatpickr adds a Vietnamese calendar without changing that.
function thiduaInit(root) {
  if (window.TomSelect) {
    root.querySelectorAll("select[data-tom]").forEach(function (el) {
      if (!el.tomselect) new TomSelect(el, { maxOptions: 200, plugins: ["remove_button"] });
    });
  }
  if (!window.flatpickr) return;
  root.querySelectorAll("input.date-input").forEach(function (el) {
    if (el._flatpickr) return;
    flatpickr(el, { dateFormat: "d/m/Y", allowInput: true, locale: (flatpickr.l10ns && flatpickr.l10ns.vn) || "default" });
  });
}
document.addEventListener("DOMContentLoaded", function () { thiduaInit(document); });
document.addEventListener("htmx:afterSwap", function (e) { thiduaInit(e.target); });

// Tree nodes load their children once (htmx, "click once"); later clicks only fold and unfold.
function thiduaToggle(button) {
  var open = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", open ? "false" : "true");
  button.textContent = open ? "+" : "−";
  var group = button.parentElement.querySelector(":scope > ul");
  if (group) group.classList.toggle("d-none", open);
}
