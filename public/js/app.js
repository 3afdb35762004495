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
// A <details> with data-open-from="992px" (the search page's filter panel) is closed
// in the HTML, for phones, and open on screens at least that wide, where it stands
// beside the results.
Array.prototype.forEach.call(document.querySelectorAll('details[data-open-from]'), function (details) {
  var wide = window.matchMedia('(min-width: ' + details.getAttribute('data-open-from') + ')');
  details.open = wide.matches;
  var follow = function (event) {
    details.open = event.matches;
  };
  if (wide.addEventListener) wide.addEventListener('change', follow);
});
// A GET form with data-minimal-url leaves its empty fields out of the address it
// opens (q=&boerneattest=). The server redirects such addresses anyway; this saves
// the round trip. With nothing left the browser would still add a bare "?", so the
// form's own address is opened instead. Fields are enabled again when the page comes
// back from the history.
Array.prototype.forEach.call(document.querySelectorAll('form[data-minimal-url]'), function (form) {
  form.addEventListener('submit', function (event) {
    var sent = 0;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled) return;
      var unchecked = (field.type === 'checkbox' || field.type === 'radio') && !field.checked;
      if (unchecked) return;
      if (field.value === '') {
        field.disabled = true;
        field.setAttribute('data-minimal-disabled', '');
      } else if (field.type !== 'submit') {
        sent += 1;
      }
    });
    if (sent === 0) {
      event.preventDefault();
      window.location.assign(form.action);
    }
  });
});
window.addEventListener('pageshow', function () {
  Array.prototype.forEach.call(document.querySelectorAll('[data-minimal-disabled]'), function (field) {
    field.disabled = false;
    field.removeAttribute('data-minimal-disabled');
  });
});
