/** The REST replies of the approvals, parsed at the edge the tab and the runner share. */
export * from '@/b24/approvals/dto'
