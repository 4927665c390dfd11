// Start the design system's behaviour (mobile menu, accordions); without JavaScript the menu stays open.
document.documentElement.classList.remove("no-js");
if (window.DKFDS) {
  window.DKFDS.init();
}
