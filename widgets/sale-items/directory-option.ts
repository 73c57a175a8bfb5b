/** App option holding the objects directory as JSON text (admins write it on the settings page, everyone reads). */
export const DIRECTORY_OPTION = 'saleObjectsDirectory'
