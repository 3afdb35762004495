// Progressive enhancement only: every page works without this file.
// Marks that JavaScript runs, then starts the design system's components (error
// summary focus, accordions, ...). A static file, so CSP script-src 'self' holds.
document.documentElement.classList.remove('no-js');
document.documentElement.classList.add('js');
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
}
