// Start the design system's behaviour (mobile menu, accordions); without JavaScript the menu stays
// open (css/no-js.css, loaded inside <noscript>).
if (window.DKFDS) {
  window.DKFDS.init();
}

// A scroll hint stands before a table that may be wider than a phone; hide it where the table fits.
function updateScrollHints() {
  document.querySelectorAll(".table-scroll-hint").forEach(function (hint) {
    var scroller = hint.nextElementSibling;
    var fits = scroller && scroller.scrollWidth <= scroller.clientWidth;
    hint.classList.toggle("is-hidden", Boolean(fits));
  });
}
updateScrollHints();
window.addEventListener("resize", updateScrollHints);
