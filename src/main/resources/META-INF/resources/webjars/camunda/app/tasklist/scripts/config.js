// Parcours CPTS: Tasklist for French public-sector agents. This file replaces the one of
// the Camunda webjar (same path, ours comes first on the class path).
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Parcours CPTS'
  },
  // French only, whatever the browser's language: the webapps pick the browser's
  // language only when it is one of availableLocales.
  locales: {
    availableLocales: ['fr'],
    fallbackLocale: 'fr'
  },
  // Moment.js formats; the browser shows them in its own time zone (Europe/Paris on
  // the agents' workstations in metropolitan France).
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'DD/MM/YYYY HH:mm',
    normal: 'DD/MM/YYYY HH:mm',
    long: 'dddd DD/MM/YYYY HH:mm',
    short: 'DD/MM/YYYY'
  },
  // No "startProcess" shortcut: agents never start processes here (the porteurs use the
  // portal, and the engine refuses agents anyway); styles/user-styles.css hides the link.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'prendre en charge la tâche sélectionnée'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'aller au premier filtre de la liste'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'aller à la première tâche de la liste'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'aller au premier champ du formulaire de la tâche'
    }
  }
};
