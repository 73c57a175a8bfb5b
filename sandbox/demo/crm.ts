import type { Store } from '../store/types'
import { formatPortalDate } from '../rest/methods/crm/dates'
import {
  addDealCategory,
  ensureCrmDictionaries,
  replaceList,
  stageStatusId,
  type StageSpec,
} from '../rest/methods/crm/dictionaries'
import type { CrmRow } from '../rest/methods/crm/entities'
import { nextMultiFieldId, type MultiFieldValue } from '../rest/methods/crm/multifields'
import { normalizeProductRow, replaceProductRows, rowsTotalKopecks } from '../rest/methods/crm/product-row-store'
import { dealRow } from '../rest/methods/crm/rows'
import { TASK_TABLE, type TaskRow } from '../rest/methods/crm/tasks'
import { COMMENT_TABLE, type CommentRow } from '../rest/methods/crm/timeline-methods'
import { dealProcess, seededRandom } from './generate'
import { pathTimes, recordDealPath, stagePath } from './stage-history'

/**
 * Demo CRM data of both stories (LEMUS pipelines and deals; Kosino companies, leads, sale pipeline and deals).
 * Expects the people of `people.ts` (user IDs 1–7) to exist and empty CRM tables, so every ID
 * below comes out as declared; tests look records up by these constants.
 */

const HEAD = 2
const MANAGER = 3
const SECOND_MANAGER = 4

/** Deal pipelines: «Общая» is the portal's default (id 0). */
export const DEMO_CATEGORIES = { general: 0, goods: 1, services: 2, kosino: 3 } as const

/** The Kosino park's sale pipeline, named as its playbook (src/domain/playbook/defaults/kosino.ts). */
export const KOSINO_PIPELINE_NAME = 'Продажи ППК Косино'

/** «Товары» (LEMUS sections 5–9), in order. */
export const GOODS_STAGES: StageSpec[] = [
  { code: 'NEW', name: 'Не обработан', color: '#39A8EF' },
  { code: 'EXPRESS_ID', name: 'Экспресс-идентификация', color: '#2FC6F6' },
  { code: 'OFFER', name: 'Счет/КП', color: '#55D0E0' },
  { code: 'CONTRACT', name: 'Договор', color: '#47E4C2' },
  { code: 'PICKING', name: 'Комплектация', color: '#FFA900' },
  { code: 'SHIPMENT', name: 'Отгрузка', color: '#FFC34D' },
  { code: 'SUMMARY', name: 'Подведение итогов', color: '#9DCF00' },
  { code: 'WON', name: 'Сделка успешна', semantics: 'S', color: '#7BD500' },
  { code: 'LOSE', name: 'Сделка провалена', semantics: 'F', color: '#FF5752' },
]

/** «Услуги» (LEMUS sections 4–9), in order. */
export const SERVICES_STAGES: StageSpec[] = [
  { code: 'NEW', name: 'Не обработан', color: '#39A8EF' },
  { code: 'PRIMARY_ID', name: 'Первичная идентификация', color: '#2FC6F6' },
  { code: 'OFFER', name: 'Счет/КП', color: '#55D0E0' },
  { code: 'CONTRACT', name: 'Договор', color: '#47E4C2' },
  { code: 'WAIT_VISIT', name: 'Ожидание выезда на объект', color: '#FFA900' },
  { code: 'IN_WORK', name: 'В работе', color: '#FFC34D' },
  { code: 'SUMMARY', name: 'Подведение итогов', color: '#9DCF00' },
  { code: 'WON', name: 'Сделка успешна', semantics: 'S', color: '#7BD500' },
  { code: 'LOSE', name: 'Сделка провалена', semantics: 'F', color: '#FF5752' },
]

/**
 * The Kosino sale (story, section 3): terms → LOI → contract approval → contract signing, then the
 * security deposit and the acceptance act; «Не согласовано» and «Не подписано» lose the deal.
 */
export const KOSINO_STAGES: StageSpec[] = [
  { code: 'TERMS', name: 'Согласование условий сотрудничества', color: '#39A8EF' },
  { code: 'LOI', name: 'Подписание LOI', color: '#2FC6F6' },
  { code: 'CONTRACT_APPROVAL', name: 'Согласование договора', color: '#55D0E0' },
  { code: 'CONTRACT_SIGNING', name: 'Подписание договора', color: '#47E4C2' },
  { code: 'DEPOSIT', name: 'Обеспечительный платёж', color: '#FFA900' },
  { code: 'ACCEPTANCE', name: 'Акт приёма-передачи', color: '#9DCF00' },
  { code: 'WON', name: 'Сделка заключена', semantics: 'S', color: '#7BD500' },
  { code: 'NOT_AGREED', name: 'Не согласовано', semantics: 'F', color: '#FF5752' },
  { code: 'NOT_SIGNED', name: 'Не подписано', semantics: 'F', color: '#FF8B85' },
]

/** Lead statuses of the Kosino story; the finals are the portal's CONVERTED / JUNK. */
export const LEAD_STATUSES: StageSpec[] = [
  { code: 'UC_REQUEST', name: 'Формирование запроса', color: '#ACE9FB' },
  { code: 'NEW', name: 'Новый', color: '#39A8EF' },
  { code: 'IN_PROCESS', name: 'Выяснение потребности', color: '#2FC6F6' },
  { code: 'PROCESSED', name: 'Обработан', color: '#55D0E0' },
  { code: 'CONVERTED', name: 'Преобразован в клиента', semantics: 'S', color: '#7BD500' },
  { code: 'JUNK', name: 'Не активен', semantics: 'F', color: '#FF5752' },
]

const SOURCES: StageSpec[] = [
  { code: 'WEBFORM', name: 'Форма обратной связи' },
  { code: 'CALL', name: 'Звонок' },
  { code: 'EMAIL', name: 'Электронная почта' },
  { code: 'WEB', name: 'Веб-сайт' },
  { code: 'ADVERTISING', name: 'Реклама' },
  { code: 'PARTNER', name: 'Существующий клиент' },
  { code: 'RECOMMENDATION', name: 'По рекомендации' },
  { code: 'TRADE_SHOW', name: 'Выставка' },
  { code: 'CALLBACK', name: 'Обратный звонок' },
  { code: 'OTHER', name: 'Другое' },
]

/** Objects of the Kosino park by responsible department (story, «Приложение 1»). */
export const KOSINO_OBJECTS = {
  infrastructure: [
    'Офисы сервисных и страховых компаний',
    'Предприятия общепита',
    'Апарт-отель',
    'Гостиница для персонала',
    'Розничный магазин',
    'Магазин автозапчастей',
    'Аптека',
    'СТО',
    'Автомойка',
    'Парк РЦ сетей',
  ],
  warehouse: [
    'Низкотемпературный производственно-складской комплекс',
    'Многофункциональный мелкооптовый складской комплекс',
    'Зона всесезонной мелкооптовой торговли',
    'Многофункциональный производственно-складской комплекс',
  ],
  customs: ['Таможня'],
} as const

/** Control digit of a 10-digit company INN: (Σ wᵢ·dᵢ mod 11) mod 10. */
export function companyInn(first9: string): string {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first9.charAt(i)), 0)
  return `${first9}${(sum % 11) % 10}`
}

interface CompanySeed {
  title: string
  inn: string
  industry: string
  type: string
  address: string
  phone: string
  email: string
  assigned: number
  comments: string
}

/** Kosino park clients (IDs 1–12), then LEMUS clients (IDs 13–18). */
const COMPANY_SEEDS: CompanySeed[] = [
  { title: 'ООО «Экор»', inn: companyInn('772045183'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Москва, ул. Рыбная, 12', phone: '+7 495 210-11-01', email: 'info@ekor-fish.ru', assigned: MANAGER, comments: 'Сектор 2 – Заморозка. Рыбная продукция, дистрибуция для ресторанов' },
  { title: 'ООО «Фрешмаркет Логистик»', inn: companyInn('500312764'), industry: 'DELIVERY', type: 'CUSTOMER', address: 'Московская обл., Люберцы, Октябрьский пр-т, 112', phone: '+7 495 210-11-02', email: 'office@freshmarket-log.ru', assigned: MANAGER, comments: 'Сектор 1 – ФРОВ, бакалея, молочная продукция' },
  { title: 'АО «Молочный край»', inn: companyInn('771893402'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Москва, Рязанский пр-т, 8', phone: '+7 495 210-11-03', email: 'sales@molkrai.ru', assigned: SECOND_MANAGER, comments: 'Сектор 1 – молочная продукция' },
  { title: 'ООО «Бакалея-Опт»', inn: companyInn('772190345'), industry: 'OTHER', type: 'CUSTOMER', address: 'Москва, ул. Верхние Поля, 35', phone: '+7 495 210-11-04', email: 'opt@bakaleya-opt.ru', assigned: SECOND_MANAGER, comments: 'Сектор 4 – Дистрибуция / BTS' },
  { title: 'ООО «Северная рыба»', inn: companyInn('781045672'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Санкт-Петербург, Кожевенная линия, 30', phone: '+7 812 320-11-05', email: 'zakaz@sevryba.ru', assigned: MANAGER, comments: 'Сектор 2 – Рыба и морепродукты, импортёр' },
  { title: 'ООО «Мясной двор»', inn: companyInn('502734981'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Московская обл., Балашиха, ш. Энтузиастов, 7', phone: '+7 495 210-11-06', email: 'info@myasdvor.ru', assigned: SECOND_MANAGER, comments: 'Сектор 2 – Мясо и мясные продукты' },
  { title: 'ООО «ФруктТрейд»', inn: companyInn('772561209'), industry: 'OTHER', type: 'CUSTOMER', address: 'Москва, ул. Салтыковская, 49', phone: '+7 495 210-11-07', email: 'trade@frukt-trade.ru', assigned: MANAGER, comments: 'Сектор 1 – Фрукты и овощи, трейдер' },
  { title: 'ООО «Кофейные традиции»', inn: companyInn('770812537'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Москва, Косинское ш., 11', phone: '+7 495 210-11-08', email: 'hello@coffee-trad.ru', assigned: SECOND_MANAGER, comments: 'Сектор 3 – Ритейл, производители кофе' },
  { title: 'ООО «Хладокомбинат Восток»', inn: companyInn('772936410'), industry: 'MANUFACTURING', type: 'PARTNER', address: 'Москва, ул. Лухмановская, 2', phone: '+7 495 210-11-09', email: 'cold@hladovostok.ru', assigned: MANAGER, comments: 'Сектор 7 – Логистика/3PL, хладокомбинат' },
  { title: 'ООО «Гостиничный сервис Косино»', inn: companyInn('772054318'), industry: 'OTHER', type: 'CUSTOMER', address: 'Москва, ул. Святоозерская, 4', phone: '+7 495 210-11-10', email: 'hotel@kosino-service.ru', assigned: SECOND_MANAGER, comments: 'Сектор 5 – Инфраструктура. Гостиница/Общепит' },
  { title: 'ООО «ТрансЛогистик 3PL»', inn: companyInn('503829176'), industry: 'DELIVERY', type: 'PARTNER', address: 'Московская обл., Реутов, ул. Победы, 3', phone: '+7 495 210-11-11', email: 'ops@translog3pl.ru', assigned: MANAGER, comments: 'Сектор 7 – Логистика/3PL, транспортная компания' },
  { title: 'ООО «ВЭД-Консалт»', inn: companyInn('771745093'), industry: 'OTHER', type: 'CUSTOMER', address: 'Москва, ул. Новокосинская, 14', phone: '+7 495 210-11-12', email: 'ved@vedconsult.ru', assigned: SECOND_MANAGER, comments: 'Сектор ВЭД – таможенный представитель' },
  { title: 'АО «ТехноПромМаш»', inn: companyInn('663402817'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Екатеринбург, ул. Фронтовых бригад, 18', phone: '+7 343 300-22-01', email: 'snab@tpmash.ru', assigned: MANAGER, comments: 'Клиент LEMUS: подшипники, муфты, вибродиагностика' },
  { title: 'ООО «Нефтехимремонт»', inn: companyInn('164501928'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Нижнекамск, Промзона, 45', phone: '+7 8555 30-22-02', email: 'remont@nhrem.ru', assigned: SECOND_MANAGER, comments: 'Клиент LEMUS: балансировка, выверка соосности' },
  { title: 'АО «Энергоцентр Приволжье»', inn: companyInn('526037814'), industry: 'OTHER', type: 'CUSTOMER', address: 'Нижний Новгород, ул. Электровозная, 9', phone: '+7 831 300-22-03', email: 'tender@ecpriv.ru', assigned: MANAGER, comments: 'Клиент LEMUS: вибродиагностика насосных агрегатов' },
  { title: 'ООО «Цемент-Запад»', inn: companyInn('402719563'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Калужская обл., Людиново, ул. Заводская, 1', phone: '+7 484 300-22-04', email: 'mto@cement-zapad.ru', assigned: SECOND_MANAGER, comments: 'Клиент LEMUS: ремни, смазки, подшипники' },
  { title: 'ООО «БумПром Кама»', inn: companyInn('590824376'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Пермский край, Краснокамск, ул. Шоссейная, 11', phone: '+7 342 300-22-05', email: 'zakupki@bumkama.ru', assigned: MANAGER, comments: 'Клиент LEMUS: лазерная выверка валов' },
  { title: 'ООО «АгроХолод Юг»', inn: companyInn('231207465'), industry: 'MANUFACTURING', type: 'CUSTOMER', address: 'Краснодар, ул. Уральская, 75', phone: '+7 861 300-22-06', email: 'info@agroholod.ru', assigned: SECOND_MANAGER, comments: 'Клиент LEMUS: компрессоры холодильных камер' },
]

/** Company IDs by short key. */
export const DEMO_COMPANIES = {
  ekor: 1,
  freshmarket: 2,
  molochnyKrai: 3,
  bakaleya: 4,
  severnayaRyba: 5,
  myasnoyDvor: 6,
  fruktTrade: 7,
  coffee: 8,
  hladokombinat: 9,
  hotelKosino: 10,
  transLogistic: 11,
  vedConsult: 12,
  technoPromMash: 13,
  neftehimremont: 14,
  energocentr: 15,
  cementZapad: 16,
  bumpromKama: 17,
  agroholod: 18,
} as const

export const DEMO_COMPANY_TITLES = COMPANY_SEEDS.map((c) => c.title)
export const DEMO_COMPANY_INNS = COMPANY_SEEDS.map((c) => c.inn)

interface ContactSeed {
  name: string
  secondName: string
  lastName: string
  post: string
  companies: number[]
  phone: string
  email: string
  assigned: number
}

const CONTACT_SEEDS: ContactSeed[] = [
  { name: 'Сергей', secondName: 'Петрович', lastName: 'Орехов', post: 'Коммерческий директор', companies: [DEMO_COMPANIES.ekor], phone: '+7 916 100-00-01', email: 's.orehov@ekor-fish.ru', assigned: MANAGER },
  { name: 'Марина', secondName: 'Андреевна', lastName: 'Гусева', post: 'Руководитель логистики', companies: [DEMO_COMPANIES.freshmarket], phone: '+7 916 100-00-02', email: 'm.guseva@freshmarket-log.ru', assigned: MANAGER },
  { name: 'Алексей', secondName: 'Ильич', lastName: 'Крылов', post: 'Директор по закупкам', companies: [DEMO_COMPANIES.molochnyKrai], phone: '+7 916 100-00-03', email: 'a.krylov@molkrai.ru', assigned: SECOND_MANAGER },
  { name: 'Ирина', secondName: 'Валерьевна', lastName: 'Щербакова', post: 'Главный инженер', companies: [DEMO_COMPANIES.technoPromMash], phone: '+7 912 200-00-04', email: 'i.scherbakova@tpmash.ru', assigned: MANAGER },
  { name: 'Николай', secondName: 'Степанович', lastName: 'Зуев', post: 'Начальник отдела снабжения', companies: [DEMO_COMPANIES.technoPromMash, DEMO_COMPANIES.energocentr], phone: '+7 912 200-00-05', email: 'n.zuev@tpmash.ru', assigned: MANAGER },
  { name: 'Екатерина', secondName: 'Олеговна', lastName: 'Миронова', post: 'Главный механик', companies: [DEMO_COMPANIES.neftehimremont], phone: '+7 917 200-00-06', email: 'e.mironova@nhrem.ru', assigned: SECOND_MANAGER },
  { name: 'Владимир', secondName: 'Юрьевич', lastName: 'Павлов', post: 'Энергетик', companies: [DEMO_COMPANIES.cementZapad], phone: '+7 910 200-00-07', email: 'v.pavlov@cement-zapad.ru', assigned: SECOND_MANAGER },
  { name: 'Ольга', secondName: 'Сергеевна', lastName: 'Быкова', post: 'Менеджер ВЭД', companies: [DEMO_COMPANIES.vedConsult], phone: '+7 916 100-00-08', email: 'o.bykova@vedconsult.ru', assigned: SECOND_MANAGER },
]

export const DEMO_CONTACTS = { orehov: 1, guseva: 2, krylov: 3, scherbakova: 4, zuev: 5, mironova: 6, pavlov: 7, bykova: 8 } as const

interface LeadSeed {
  title: string
  name: string
  lastName: string
  companyTitle: string
  status: string
  source: string
  objectType: string
  phone: string
  email: string
  assigned: number
  daysAgo: number
}

/** Kosino leads from the feedback form, over the whole status list. */
const LEAD_SEEDS: LeadSeed[] = [
  { title: 'Аренда: низкотемпературный склад 1200 м²', name: 'Артём', lastName: 'Громов', companyTitle: 'ООО «Айс Фиш»', status: 'NEW', source: 'WEBFORM', objectType: KOSINO_OBJECTS.warehouse[0], phone: '+7 903 500-00-01', email: 'gromov@icefish.ru', assigned: MANAGER, daysAgo: 1 },
  { title: 'Апарт-отель: размещение персонала', name: 'Вера', lastName: 'Соловьёва', companyTitle: 'ООО «Сити Стафф»', status: 'NEW', source: 'WEBFORM', objectType: KOSINO_OBJECTS.infrastructure[2], phone: '+7 903 500-00-02', email: 'vera@citystaff.ru', assigned: SECOND_MANAGER, daysAgo: 2 },
  { title: 'Таможенное оформление фруктов из Турции', name: 'Руслан', lastName: 'Алиев', companyTitle: 'ООО «Анталья Фрукт»', status: 'IN_PROCESS', source: 'WEBFORM', objectType: KOSINO_OBJECTS.customs[0], phone: '+7 903 500-00-03', email: 'aliev@antfruit.ru', assigned: SECOND_MANAGER, daysAgo: 5 },
  { title: 'Мелкооптовый павильон для овощей', name: 'Галина', lastName: 'Тимофеева', companyTitle: 'ИП Тимофеева Г. Н.', status: 'UC_REQUEST', source: 'WEBFORM', objectType: KOSINO_OBJECTS.warehouse[2], phone: '+7 903 500-00-04', email: 'tgn@mail.ru', assigned: MANAGER, daysAgo: 0 },
  { title: 'Аптека в зоне торговли', name: 'Денис', lastName: 'Широков', companyTitle: 'ООО «Аптека Плюс»', status: 'PROCESSED', source: 'CALL', objectType: KOSINO_OBJECTS.infrastructure[6], phone: '+7 903 500-00-05', email: 'shirokov@apteka-plus.ru', assigned: MANAGER, daysAgo: 12 },
  { title: 'Ответственное хранение и маркировка', name: 'Кирилл', lastName: 'Фомин', companyTitle: 'ООО «Маркет Дистрибуция»', status: 'CONVERTED', source: 'WEBFORM', objectType: KOSINO_OBJECTS.warehouse[3], phone: '+7 903 500-00-06', email: 'fomin@mdistr.ru', assigned: SECOND_MANAGER, daysAgo: 30 },
  { title: 'Автомойка для грузового транспорта', name: 'Степан', lastName: 'Ершов', companyTitle: 'ООО «Грузсервис»', status: 'JUNK', source: 'WEBFORM', objectType: KOSINO_OBJECTS.infrastructure[8], phone: '+7 903 500-00-07', email: 'ershov@gruzservice.ru', assigned: MANAGER, daysAgo: 20 },
  { title: 'Шоковая заморозка ягоды', name: 'Алина', lastName: 'Котова', companyTitle: 'ООО «Ягоды Севера»', status: 'IN_PROCESS', source: 'EMAIL', objectType: KOSINO_OBJECTS.warehouse[0], phone: '+7 903 500-00-08', email: 'kotova@yagody-severa.ru', assigned: MANAGER, daysAgo: 7 },
]

export const DEMO_LEAD_TITLES = LEAD_SEEDS.map((l) => l.title)
/** The object type each demo lead asked about (the form's text, in lead ID order). */
export const DEMO_LEAD_OBJECT_TYPES: readonly string[] = LEAD_SEEDS.map((l) => l.objectType)

interface DealSeed {
  title: string
  category: number
  stage: string
  assigned: number
  company: number
  contacts?: number[]
  amount: number
  products?: Array<[name: string, price: number, quantity: number]>
  typeId?: string
}

const G = DEMO_CATEGORIES.goods
const S = DEMO_CATEGORIES.services
const K = DEMO_CATEGORIES.kosino
const C = DEMO_COMPANIES

const PARTS = {
  bearing: ['Подшипник SKF 6205-2RS', 1250, 40],
  coupling: ['Муфта упругая втулочно-пальцевая МУВП-3', 4800, 6],
  belt: ['Ремень клиновой SPB 2000', 980.5, 24],
  grease: ['Смазка Mobil Polyrex EM, 0,4 кг', 2150, 12],
  seal: ['Манжета армированная 50×70×10', 189.9, 100],
} as const
const WORKS = {
  vibro: ['Вибродиагностика агрегата', 18000, 4],
  laser: ['Лазерная выверка соосности валов', 24000, 2],
  balance: ['Динамическая балансировка на месте эксплуатации', 32000, 1],
  trip: ['Выезд специалиста на объект', 7500, 1],
} as const
type Line = readonly [string, number, number]
const rows = (...lines: Line[]) => lines.map(([n, p, q]) => [n, p, q] as [string, number, number])

/**
 * Deals over every stage of both LEMUS pipelines (two per stage, managers 3 and 4), plus the Kosino
 * park's rent and service deals in its own sale pipeline. IDs follow this order from 1.
 */
const DEAL_SEEDS: DealSeed[] = [
  { title: 'Подшипники для дробилки ТехноПромМаш', category: G, stage: 'NEW', assigned: MANAGER, company: C.technoPromMash, contacts: [4], amount: 50000, products: rows(PARTS.bearing) },
  { title: 'Запрос ремней SPB для Цемент-Запад', category: G, stage: 'NEW', assigned: SECOND_MANAGER, company: C.cementZapad, amount: 23532 },
  { title: 'Муфты МУВП для насосной станции', category: G, stage: 'EXPRESS_ID', assigned: MANAGER, company: C.energocentr, contacts: [5], amount: 28800, products: rows(PARTS.coupling) },
  { title: 'Смазки и манжеты Нефтехимремонт', category: G, stage: 'EXPRESS_ID', assigned: SECOND_MANAGER, company: C.neftehimremont, contacts: [6], amount: 44790, products: rows(PARTS.grease, PARTS.seal) },
  { title: 'КП на подшипники для БумПром Кама', category: G, stage: 'OFFER', assigned: MANAGER, company: C.bumpromKama, amount: 125000 },
  { title: 'Счёт на ремни и смазки Цемент-Запад', category: G, stage: 'OFFER', assigned: SECOND_MANAGER, company: C.cementZapad, contacts: [7], amount: 49332, products: rows(PARTS.belt, PARTS.grease) },
  { title: 'Договор поставки комплектующих ТехноПромМаш', category: G, stage: 'CONTRACT', assigned: MANAGER, company: C.technoPromMash, contacts: [4, 5], amount: 378800, products: rows(PARTS.bearing, PARTS.coupling, PARTS.seal) },
  { title: 'Годовой договор на смазки АгроХолод Юг', category: G, stage: 'CONTRACT', assigned: SECOND_MANAGER, company: C.agroholod, amount: 258000 },
  { title: 'Комплектация заказа подшипников Энергоцентр', category: G, stage: 'PICKING', assigned: MANAGER, company: C.energocentr, amount: 50000, products: rows(PARTS.bearing) },
  { title: 'Комплектация манжет Нефтехимремонт', category: G, stage: 'PICKING', assigned: SECOND_MANAGER, company: C.neftehimremont, amount: 18990, products: rows(PARTS.seal) },
  { title: 'Отгрузка муфт в Екатеринбург', category: G, stage: 'SHIPMENT', assigned: MANAGER, company: C.technoPromMash, amount: 28800, products: rows(PARTS.coupling) },
  { title: 'Отгрузка ремней СДЭК Людиново', category: G, stage: 'SHIPMENT', assigned: SECOND_MANAGER, company: C.cementZapad, amount: 23532, products: rows(PARTS.belt) },
  { title: 'Закрывающие документы БумПром Кама', category: G, stage: 'SUMMARY', assigned: MANAGER, company: C.bumpromKama, amount: 74000 },
  { title: 'Сканы УПД АгроХолод Юг', category: G, stage: 'SUMMARY', assigned: SECOND_MANAGER, company: C.agroholod, amount: 25800, products: rows(PARTS.grease) },
  { title: 'Поставка подшипников Энергоцентр (март)', category: G, stage: 'WON', assigned: MANAGER, company: C.energocentr, amount: 62500 },
  { title: 'Поставка смазок Нефтехимремонт', category: G, stage: 'WON', assigned: SECOND_MANAGER, company: C.neftehimremont, amount: 25800, products: rows(PARTS.grease) },
  { title: 'Редукторы: клиент выбрал другого поставщика', category: G, stage: 'LOSE', assigned: MANAGER, company: C.bumpromKama, amount: 410000 },
  { title: 'Ремни: отказ по цене', category: G, stage: 'LOSE', assigned: SECOND_MANAGER, company: C.cementZapad, amount: 11766 },

  { title: 'Вибродиагностика насосов Энергоцентр', category: S, stage: 'NEW', assigned: MANAGER, company: C.energocentr, amount: 72000, products: rows(WORKS.vibro) },
  { title: 'Заявка на балансировку вентилятора', category: S, stage: 'NEW', assigned: SECOND_MANAGER, company: C.agroholod, amount: 32000 },
  { title: 'Первичная идентификация: выверка валов ТехноПромМаш', category: S, stage: 'PRIMARY_ID', assigned: MANAGER, company: C.technoPromMash, contacts: [4], amount: 48000, products: rows(WORKS.laser) },
  { title: 'Первичная идентификация: диагностика компрессоров', category: S, stage: 'PRIMARY_ID', assigned: SECOND_MANAGER, company: C.agroholod, amount: 79500 },
  { title: 'КП на вибродиагностику Нефтехимремонт', category: S, stage: 'OFFER', assigned: SECOND_MANAGER, company: C.neftehimremont, contacts: [6], amount: 79500, products: rows(WORKS.vibro, WORKS.trip) },
  { title: 'КП на балансировку дымососа БумПром Кама', category: S, stage: 'OFFER', assigned: MANAGER, company: C.bumpromKama, amount: 39500, products: rows(WORKS.balance, WORKS.trip) },
  { title: 'Договор на сервисное обслуживание Энергоцентр', category: S, stage: 'CONTRACT', assigned: MANAGER, company: C.energocentr, contacts: [5], amount: 288000, typeId: 'SERVICE' },
  { title: 'Договор на выверку соосности Цемент-Запад', category: S, stage: 'CONTRACT', assigned: SECOND_MANAGER, company: C.cementZapad, amount: 55500, products: rows(WORKS.laser, WORKS.trip) },
  { title: 'Выезд на объект: балансировка ротора', category: S, stage: 'WAIT_VISIT', assigned: MANAGER, company: C.technoPromMash, amount: 39500, products: rows(WORKS.balance, WORKS.trip) },
  { title: 'Выезд на объект: экстренная диагностика', category: S, stage: 'WAIT_VISIT', assigned: SECOND_MANAGER, company: C.neftehimremont, amount: 25500, products: rows(WORKS.vibro, WORKS.trip) },
  { title: 'В работе: выверка валов БумПром Кама', category: S, stage: 'IN_WORK', assigned: MANAGER, company: C.bumpromKama, amount: 48000, products: rows(WORKS.laser) },
  { title: 'В работе: вибродиагностика АгроХолод Юг', category: S, stage: 'IN_WORK', assigned: SECOND_MANAGER, company: C.agroholod, amount: 72000, products: rows(WORKS.vibro) },
  { title: 'Отчёт по измерениям ТехноПромМаш', category: S, stage: 'SUMMARY', assigned: MANAGER, company: C.technoPromMash, amount: 72000 },
  { title: 'Отчёт по балансировке Цемент-Запад', category: S, stage: 'SUMMARY', assigned: SECOND_MANAGER, company: C.cementZapad, amount: 32000 },
  { title: 'Вибродиагностика Энергоцентр (февраль)', category: S, stage: 'WON', assigned: MANAGER, company: C.energocentr, amount: 72000 },
  { title: 'Балансировка вентиляторов Нефтехимремонт', category: S, stage: 'WON', assigned: SECOND_MANAGER, company: C.neftehimremont, amount: 64000 },
  { title: 'Диагностика: объект законсервирован', category: S, stage: 'LOSE', assigned: MANAGER, company: C.bumpromKama, amount: 18000 },
  { title: 'Выверка: перенос на следующий год', category: S, stage: 'LOSE', assigned: SECOND_MANAGER, company: C.agroholod, amount: 24000 },

  { title: 'Аренда низкотемпературного склада — Экор', category: K, stage: 'CONTRACT_APPROVAL', assigned: MANAGER, company: C.ekor, contacts: [1], amount: 4_800_000, products: rows(['Низкотемпературный склад, зона А, пом. 12 (3 года)', 1_600_000, 3]) },
  { title: '3PL: ответственное хранение и маркировка — Фрешмаркет', category: K, stage: 'LOI', assigned: MANAGER, company: C.freshmarket, contacts: [2], amount: 1_560_000, products: rows(['Ответственное хранение (1 год)', 960_000, 1], ['Маркировка (1 год)', 600_000, 1]) },
  { title: 'ВЭД: склад временного хранения — ВЭД-Консалт', category: K, stage: 'TERMS', assigned: SECOND_MANAGER, company: C.vedConsult, contacts: [8], amount: 720_000 },
  { title: 'LOI: мелкооптовый павильон — Молочный край', category: K, stage: 'WON', assigned: SECOND_MANAGER, company: C.molochnyKrai, contacts: [3], amount: 2_400_000 },
]

export const DEMO_DEAL_TITLES = DEAL_SEEDS.map((d) => d.title)

/** Deal IDs tests use. */
export const DEMO_DEALS = {
  /** «Товары», «Не обработан», manager 3, with product rows. */
  goodsNew: 1,
  /** «Товары», «Договор», manager 3, three product rows, two contacts. */
  goodsContract: 7,
  /** «Товары», «Комплектация», manager 4. */
  goodsPickingSecond: 10,
  /** «Услуги», «Ожидание выезда на объект», manager 3. */
  servicesWaitVisit: 27,
  /** «Услуги», «Подведение итогов», manager 4. */
  servicesSummarySecond: 32,
  /** Kosino rent deal, «Согласование договора» (LOI signed, the contract being prepared), manager 3. */
  kosinoRent: 37,
  /** Kosino 3PL deal, «Подписание LOI», manager 3, two product rows. */
  kosinoLoi: 38,
  /** Kosino customs deal, «Согласование условий сотрудничества», manager 4, no items yet. */
  kosinoTerms: 39,
  /** Kosino small-wholesale pavilion, won, manager 4, no product rows. */
  kosinoWon: 40,
} as const

/** Tasks of the playbook already set on some deals: [deal id, title, done?]. */
const TASK_SEEDS: Array<[number, string, boolean]> = [
  [3, 'Выполнить Экспресс-идентификацию', false],
  [4, 'Выполнить Экспресс-идентификацию', true],
  [5, 'Сформировать и отправить КП', true],
  [5, 'Получить обратную связь по КП', false],
  [6, 'Сформировать и отправить КП', false],
  [7, 'Сформировать и отправить Договор', false],
  [9, 'Получить окончательный расчет', false],
  [10, 'Укомплектовать заказ по сделке', false],
  [11, 'Организовать отгрузку', false],
  [13, 'Получить сканы закрывающих документов', false],
  [15, 'Получить оригиналы документов', false],
  [21, 'Выполнить Экспресс-идентификацию', false],
  [23, 'Сформировать и отправить КП', false],
  [23, 'Подготовить и отправить лист о подготовке к выполнению работ', false],
  [27, 'Получить подтверждение готовности', false],
  [29, 'Подготовить и отправить счет с листом о подготовке к выполнению работ', true],
  [31, 'Подготовить и отправить клиенту Отчет по результатам измерения', false],
  [33, 'Получить оригиналы документов', false],
]

const COMMENT_SEEDS: Array<[number, number, string]> = [
  [1, MANAGER, 'Клиент прислал заявку на 40 подшипников, уточняю аналоги.'],
  [7, MANAGER, 'Договор отправлен на согласование юристу клиента.'],
  [7, HEAD, 'Проверь условия отсрочки платежа перед подписанием.'],
  [10, SECOND_MANAGER, 'Оплата получена частично, ждём остаток.'],
  [27, MANAGER, 'Плановая дата готовности объекта — через 3 дня.'],
  [37, MANAGER, 'Подписан LOI, готовим договор аренды.'],
]

const DAY = 86_400_000

function multi(store: Store, value: string, valueType = 'WORK'): MultiFieldValue[] {
  return [{ ID: nextMultiFieldId(store), VALUE_TYPE: valueType, VALUE: value }]
}

function requireEmpty(store: Store): void {
  for (const table of ['companies', 'contacts', 'leads', 'deals', 'crm_categories']) {
    if (store.table(table).size) throw new Error(`seedCrm needs an empty "${table}" table (demo IDs are fixed)`)
  }
}

export function seedCrm(store: Store, now: Date): void {
  requireEmpty(store)
  ensureCrmDictionaries(store)
  replaceList(store, 'STATUS', LEAD_STATUSES)
  replaceList(store, 'SOURCE', SOURCES)
  addDealCategory(store, 'Товары', 100, GOODS_STAGES)
  addDealCategory(store, 'Услуги', 200, SERVICES_STAGES)
  addDealCategory(store, KOSINO_PIPELINE_NAME, 250, KOSINO_STAGES)
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000)
  const stamp = (d: Date) => formatPortalDate(d)

  const companies = store.table<CrmRow>('companies')
  COMPANY_SEEDS.forEach((c, i) => {
    const created = stamp(ago(200 - i * 7))
    companies.insert({
      TITLE: c.title,
      COMPANY_TYPE: c.type,
      INDUSTRY: c.industry,
      EMPLOYEES: 'EMPLOYEES_2',
      ADDRESS: c.address,
      BANKING_DETAILS: `ИНН ${c.inn}`,
      CURRENCY_ID: 'RUB',
      REVENUE: 0,
      IS_MY_COMPANY: 'N',
      OPENED: 'Y',
      COMMENTS: c.comments,
      PHONE: multi(store, c.phone),
      EMAIL: multi(store, c.email),
      HAS_PHONE: 'Y',
      HAS_EMAIL: 'Y',
      HAS_IMOL: 'N',
      SOURCE_ID: i < 12 ? 'WEBFORM' : 'PARTNER',
      ASSIGNED_BY_ID: c.assigned,
      CREATED_BY_ID: c.assigned,
      MODIFY_BY_ID: c.assigned,
      DATE_CREATE: created,
      DATE_MODIFY: created,
    })
  })

  const contacts = store.table<CrmRow>('contacts')
  CONTACT_SEEDS.forEach((c, i) => {
    const created = stamp(ago(150 - i * 9))
    contacts.insert({
      NAME: c.name,
      SECOND_NAME: c.secondName,
      LAST_NAME: c.lastName,
      POST: c.post,
      TYPE_ID: 'CLIENT',
      SOURCE_ID: 'PARTNER',
      OPENED: 'Y',
      EXPORT: 'Y',
      COMPANY_ID: c.companies[0] ?? null,
      COMPANY_IDS: c.companies,
      PHONE: multi(store, c.phone, 'MOBILE'),
      EMAIL: multi(store, c.email),
      HAS_PHONE: 'Y',
      HAS_EMAIL: 'Y',
      HAS_IMOL: 'N',
      ASSIGNED_BY_ID: c.assigned,
      CREATED_BY_ID: c.assigned,
      MODIFY_BY_ID: c.assigned,
      DATE_CREATE: created,
      DATE_MODIFY: created,
    })
  })

  const leads = store.table<CrmRow>('leads')
  for (const l of LEAD_SEEDS) {
    const created = stamp(ago(l.daysAgo, 3))
    const final = l.status === 'CONVERTED' || l.status === 'JUNK'
    leads.insert({
      TITLE: l.title,
      NAME: l.name,
      LAST_NAME: l.lastName,
      COMPANY_TITLE: l.companyTitle,
      STATUS_ID: l.status,
      STATUS_SEMANTIC_ID: l.status === 'CONVERTED' ? 'S' : l.status === 'JUNK' ? 'F' : 'P',
      SOURCE_ID: l.source,
      SOURCE_DESCRIPTION: l.source === 'WEBFORM' ? 'Форма обратной связи на сайте ППК «Косино»' : null,
      COMMENTS: `Тип объекта: ${l.objectType}`,
      CURRENCY_ID: 'RUB',
      OPPORTUNITY: 0,
      IS_MANUAL_OPPORTUNITY: 'N',
      OPENED: 'Y',
      PHONE: multi(store, l.phone, 'MOBILE'),
      EMAIL: multi(store, l.email),
      HAS_PHONE: 'Y',
      HAS_EMAIL: 'Y',
      HAS_IMOL: 'N',
      DATE_CLOSED: final ? created : null,
      ASSIGNED_BY_ID: l.assigned,
      CREATED_BY_ID: l.assigned,
      MODIFY_BY_ID: l.assigned,
      MOVED_BY_ID: l.assigned,
      DATE_CREATE: created,
      DATE_MODIFY: created,
      MOVED_TIME: created,
    })
  }

  const deals = store.table<CrmRow>('deals')
  DEAL_SEEDS.forEach((d, i) => {
    const stages = d.category === G ? GOODS_STAGES : d.category === S ? SERVICES_STAGES : d.category === K ? KOSINO_STAGES : undefined
    const semantics = stages?.find((s) => s.code === d.stage)?.semantics ?? (d.stage === 'WON' ? 'S' : d.stage === 'LOSE' ? 'F' : undefined)
    const created = ago(60 - i, 2)
    const productRows = (d.products ?? []).map(([name, price, quantity], index) =>
      normalizeProductRow({ PRODUCT_NAME: name, PRICE: price, QUANTITY: quantity }, 'D', i + 1, index),
    )
    const amount = productRows.length ? rowsTotalKopecks(productRows) / 100 : d.amount
    const row = deals.insert(
      dealRow({
        title: d.title,
        categoryId: d.category,
        stageId: stageStatusId(d.category, d.stage),
        semantic: semantics ?? 'P',
        amount,
        assignedBy: d.assigned,
        createdBy: d.assigned,
        created,
        moved: ago(Math.max(0, 30 - i / 2)),
        companyId: d.company,
        contactIds: d.contacts ?? [],
        typeId: d.typeId ?? (d.category === S ? 'SERVICES' : d.category === G ? 'GOODS' : 'SALE'),
        sourceId: d.category === K ? 'WEBFORM' : 'PARTNER',
      }),
    )
    if (productRows.length) replaceProductRows(store, 'D', row.ID, productRows)
    seedDealHistory(store, row, seededRandom(1000 + i))
  })

  const tasks = store.table<TaskRow>(TASK_TABLE)
  TASK_SEEDS.forEach(([dealId, title, done], i) => {
    const deal = deals.get(dealId)!
    const responsible = Number(deal.ASSIGNED_BY_ID)
    const created = stamp(ago(10 - i / 3))
    tasks.insert({
      TITLE: title,
      DESCRIPTION: `Сделка: ${String(deal.TITLE)}`,
      RESPONSIBLE_ID: responsible,
      CREATED_BY: HEAD,
      CHANGED_BY: done ? responsible : HEAD,
      CLOSED_BY: done ? responsible : null,
      STATUS: done ? 5 : 2,
      PRIORITY: 1,
      GROUP_ID: 0,
      PARENT_ID: 0,
      DEADLINE: stamp(new Date(now.getTime() + (i % 5 === 0 ? -1 : 2) * DAY)),
      START_DATE_PLAN: null,
      END_DATE_PLAN: null,
      CREATED_DATE: created,
      CHANGED_DATE: created,
      CLOSED_DATE: done ? stamp(ago(1)) : null,
      AUDITORS: [HEAD],
      ACCOMPLICES: [],
      UF_CRM_TASK: [`D_${dealId}`],
    })
  })

  const comments = store.table<CommentRow>(COMMENT_TABLE)
  COMMENT_SEEDS.forEach(([dealId, author, text], i) => {
    comments.insert({ ENTITY_TYPE: 'deal', ENTITY_ID: dealId, CREATED: stamp(ago(5 - i / 2)), COMMENT: text, AUTHOR_ID: author, FILES: [] })
  })
}

/** The seeded deal's stage history: from its creation to its last move (MOVED_TIME), as stored. */
function seedDealHistory(store: Store, deal: CrmRow, random: () => number): void {
  const categoryId = Number(deal.CATEGORY_ID)
  const path = stagePath(dealProcess(store, categoryId), { id: String(deal.STAGE_ID), semantic: deal.STAGE_SEMANTIC_ID as 'P' | 'S' | 'F' }, random)
  const created = Date.parse(String(deal.DATE_CREATE))
  recordDealPath(store, deal.ID, categoryId, path, pathTimes(path.length, created, Date.parse(String(deal.MOVED_TIME)), random))
}
