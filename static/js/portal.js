// Start the design system's behaviour (mobile menu, accordions); without JavaScript the menu stays
// open (css/no-js.css, loaded inside <noscript>).
if (window.DKFDS) {
  window.DKFDS.init();
}
