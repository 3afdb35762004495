// Progressive enhancement only: every page works without this file.
// Marks that JavaScript runs, then starts the design system's components (error
// summary focus, accordions, the menu's overflow "more" button, ...). A static file,
// so CSP script-src 'self' holds.
document.documentElement.classList.remove('no-js');
document.documentElement.classList.add('js');
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
  // DKFDS writes its overflow menu's label in Danish; use the page's language.
  var nav = document.querySelector('nav[data-more-label]');
  var more = document.querySelector('.navigation-menu .more-button span');
  if (nav && more) more.textContent = nav.getAttribute('data-more-label');
}
