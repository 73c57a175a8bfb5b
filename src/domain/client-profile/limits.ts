/*
 * What the profile tab lets reach the portal, and why each bound is what it is.
 *
 * The REST docs give the app's string user fields no length of their own: a `string` user
 * field has MAX_LENGTH 0 = «do not check» (b24restdocs crm-contact-userfield-get.md, settings
 * of type string), and the portal keeps its value in a TEXT column (65,535 bytes). A text
 * that passes no check there is cut or refused by the database, so the tab checks first:
 *
 * - one-line fields (address, position, contact source) take 255 characters, the width of
 *   the portal's own one-line CRM string fields;
 * - multi-line fields stay far below 65,535 bytes even at 4 bytes a character (16,383
 *   characters): «Информация о компании» 5,000, status remarks 1,000 (each remark is also
 *   copied into the status log field and a timeline comment);
 * - a contact's first, middle and last name: 50 characters each, the width of those columns
 *   of a CRM contact;
 * - a multi-field value (PHONE, EMAIL): the multi-field VALUE column holds 250 characters;
 *   a phone has at most 15 digits (E.164), so 30 characters with its spaces and brackets;
 * - a timeline comment (a history event): 10,000 characters. COMMENT is `string` in
 *   crm.timeline.comment.fields with no documented bound; 10,000 is several pages, more
 *   than any real note, and well below the 16,383 characters that always fit.
 */
export const TEXT_LIMITS = {
  address: 255,
  position: 255,
  source: 255,
  companyInfo: 5_000,
  remarks: 1_000,
  contactName: 50,
  phone: 30,
  email: 250,
  historyComment: 10_000,
} as const

export type TextLimitKey = keyof typeof TEXT_LIMITS

/**
 * «Товарооборот»: a double field with PRECISION 2 (src/domain/fields/client-profile.ts).
 * More than 10^12 (a trillion roubles or thousand tonnes a year) is a typing slip.
 */
export const TURNOVER_MAX = 1e12
export const TURNOVER_DECIMALS = 2

/**
 * A history event happened: it is not dated after today (the user's own date), and not
 * before 2000 — older than the CRM era, such a date is a typing slip (2999, 1900).
 */
export const HISTORY_EARLIEST_DATE = '2000-01-01'

/**
 * Files of a history event travel as Base64 inside the REST request (b24restdocs
 * files/how-to-upload-files.md: «an empty string will result in a method error») and are
 * kept in the write journal in the browser's storage until the portal has them, so:
 * no empty file, at most 2 MB each and 3 MB together (about 4 MB of Base64), at most 5
 * files, and nothing that runs on a computer.
 */
export const ATTACHMENT_LIMITS = {
  maxFiles: 5,
  maxFileBytes: 2 * 1024 * 1024,
  maxTotalBytes: 3 * 1024 * 1024,
  maxNameLength: 255,
} as const

/** Extensions of programs and scripts a click would run (Windows, macOS, Linux, Android, Java, Office macros). */
export const EXECUTABLE_EXTENSIONS = new Set([
  'exe', 'com', 'bat', 'cmd', 'msi', 'msp', 'msc', 'scr', 'pif', 'cpl', 'dll', 'sys', 'drv', 'ocx',
  'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'ps1', 'psm1', 'reg', 'lnk', 'inf', 'scf', 'gadget',
  'jar', 'apk', 'app', 'dmg', 'pkg', 'deb', 'rpm', 'run', 'bin', 'sh', 'bash', 'csh', 'ksh', 'command',
  'docm', 'xlsm', 'pptm', 'dotm', 'xltm', 'appx', 'msix', 'iso', 'img', 'vhd',
])
