// Framing Lab's website: code and outputs wider (or taller) than their box scroll inside it; such a box
// takes keyboard focus, so it can be scrolled with the arrow keys too (WCAG 2.1.1; axe-core's
// scrollable-region-focusable). Only boxes that do overflow become tab stops, checked again on resize,
// as pydata-sphinx-theme does for its pages.
(() => {
  const SCROLLERS = "article pre, article .cell_output, article .output, article table, article .table-wrapper";
  const scrolls = (el) => {
    const style = getComputedStyle(el);
    const sideways = /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const down = /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    return sideways || down;
  };
  const update = () => {
    for (const el of document.querySelectorAll(SCROLLERS)) {
      if (scrolls(el)) {
        if (!el.hasAttribute("tabindex")) {
          el.setAttribute("tabindex", "0");
          el.dataset.framelabTabStop = "";
        }
      } else if ("framelabTabStop" in el.dataset) {
        el.removeAttribute("tabindex");
        delete el.dataset.framelabTabStop;
      }
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
  let pending = 0;
  window.addEventListener("resize", () => { clearTimeout(pending); pending = setTimeout(update, 100); });
})();
