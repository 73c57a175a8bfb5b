/**
 * The report's tables sit in the kit's TableWrapper (its type, lines and row hover), which pads
 * every cell for a page of few columns and keeps header and row names on one line. The report's
 * tables are wide — fourteen figures must fit a 1280 px screen — so their cells keep a narrow
 * padding and a row's name (a long stage, a department) wraps. The same selectors as the kit's,
 * so the kit's class merge replaces its values rather than fighting them. Full class names, for
 * Tailwind to find them here.
 */
export const NARROW_CELLS = [
  '[&>table>thead>tr>th]:px-1 [&>table>thead>tr>th]:py-1',
  '[&>table>tbody>tr>th]:px-1 [&>table>tbody>tr>th]:py-1 [&>table>tbody>tr>td]:px-1 [&>table>tbody>tr>td]:py-1',
  '[&>table>tfoot>tr>th]:px-1 [&>table>tfoot>tr>th]:py-1 [&>table>tfoot>tr>td]:px-1 [&>table>tfoot>tr>td]:py-1',
  '[&>table>tbody>tr>th]:whitespace-normal',
].join(' ')

/** Header cells that wrap («Дебиторская / задолженность»), so the figures keep the width. */
export const WRAPPING_HEADERS = '[&>table>thead>tr>th]:whitespace-normal'

/** A totals row in bold (the kit sets the footer's weight to normal). */
export const BOLD_FOOTER = '[&>table>tfoot>tr>th]:font-semibold [&>table>tfoot>tr>td]:font-semibold'
