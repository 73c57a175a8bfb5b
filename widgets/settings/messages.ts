/** Texts of the settings page (ru first). */
export const messages = {
  ru: {
    title: 'Настройки виджетов',
    readonly: 'Настройки меняет администратор портала. Вы видите их только для чтения.',
    loading: 'Загрузка настроек…',
    save: 'Сохранить',
    saved: 'Сохранено',
    check: {
      unknownPerson: 'Выбранного сотрудника нет среди активных на портале: выберите другого.',
    },
    install: {
      title: 'Установка',
      ok: 'Всё установлено: вкладки, поля и настройки на месте.',
      pending: 'Не хватает {count} элементов установки:',
      repair: 'Доустановить',
      unknownForUser: 'Состояние установки видно только администратору.',
    },
  },
  en: {
    title: 'Widget settings',
    readonly: 'Settings are changed by a portal administrator. You see them read-only.',
    loading: 'Loading settings…',
    save: 'Save',
    saved: 'Saved',
    check: {
      unknownPerson: 'A chosen employee is not active on the portal: choose another.',
    },
    install: {
      title: 'Installation',
      ok: 'Everything is installed: tabs, fields and settings are in place.',
      pending: '{count} installation items are missing:',
      repair: 'Complete installation',
      unknownForUser: 'Only an administrator sees the installation state.',
    },
  },
}
