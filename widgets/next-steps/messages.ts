export const messages = {
  ru: {
    loading: 'Загрузка сделки…',
    noDeal: 'Откройте вкладку в карточке сделки.',
    stage: 'Стадия',
    responsible: 'Ответственный',
    amount: 'Сумма сделки',
    paid: 'Оплачено',
    debt: 'Сумма долга',
    retry: 'Повторить',
  },
  en: {
    loading: 'Loading the deal…',
    noDeal: 'Open this tab in a deal card.',
    stage: 'Stage',
    responsible: 'Responsible',
    amount: 'Deal amount',
    paid: 'Paid',
    debt: 'Debt',
    retry: 'Retry',
  },
}
