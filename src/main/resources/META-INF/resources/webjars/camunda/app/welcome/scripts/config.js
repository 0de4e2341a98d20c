// Parcours CPTS: the welcome page (profile, password, links to the apps) in French. This
// file replaces the one of the Camunda webjar (same path, ours comes first on the class path).
export default {
  app: {
    name: 'Accueil',
    vendor: 'Parcours CPTS'
  },
  locales: {
    availableLocales: ['fr'],
    fallbackLocale: 'fr'
  },
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'DD/MM/YYYY HH:mm',
    normal: 'DD/MM/YYYY HH:mm',
    long: 'dddd DD/MM/YYYY HH:mm',
    short: 'DD/MM/YYYY'
  }
};
