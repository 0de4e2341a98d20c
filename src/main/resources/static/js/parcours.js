/* Parcours CPTS — every page: the error summary marked data-focus takes the focus, so that a
   screen reader announces it first (RGAA). A file rather than an inline script: the
   Content-Security-Policy allows only this origin's scripts. */
(function () {
  'use strict';
  var summary = document.querySelector('[data-focus]');
  if (summary) { summary.focus(); }
})();
