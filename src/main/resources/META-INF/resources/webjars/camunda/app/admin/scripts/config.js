// Parcours CPTS: Admin in French for the national administrator. This file replaces the
// one of the Camunda webjar (same path, ours comes first on the class path).
export default {
  app: {
    name: 'Admin',
    vendor: 'Parcours CPTS'
  },
  // French only, whatever the browser's language: the webapps pick the browser's
  // language only when it is one of availableLocales.
  locales: {
    availableLocales: ['fr'],
    fallbackLocale: 'fr'
  },
  // Moment.js formats (dd/MM/yyyy), shown in the browser's time zone.
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'DD/MM/YYYY HH:mm',
    normal: 'DD/MM/YYYY HH:mm',
    long: 'dddd DD/MM/YYYY HH:mm',
    short: 'DD/MM/YYYY'
  }
};
