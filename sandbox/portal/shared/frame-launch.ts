/**
 * How the portal opens an app frame (reference §1.1): the iframe's `name` is
 * `host|0|APP_SID`, and a hidden POST form targeting it submits to
 * `handler?DOMAIN=..&PROTOCOL=0&LANG=..&APP_SID=..` with the auth fields.
 */
export interface FrameLaunch {
  sid: string
  /** iframe `name`, set before anything loads. */
  name: string
  /** Form action: the handler URL with the portal's query. */
  action: string
  /** POST fields in the portal's order. */
  fields: Array<[string, string]>
  /** The app origin messages must come from. */
  appOrigin: string
  placement: string
  inSlider: boolean
}

export interface FrameLaunchInput {
  portalOrigin: string
  handler: string
  lang: string
  sid: string
  tokens: { AUTH_ID: string; AUTH_EXPIRES: number; REFRESH_ID: string }
  memberId: string
  /** The OAuth server's REST address: the sandbox's own `<origin>/rest/` (its /oauth/token/ beside it). */
  serverEndpoint?: string
  /** The install's application_token, and the app's scopes comma-separated. */
  applicationToken?: string
  scope?: string[]
  placement: string
  placementOptions: Record<string, unknown>
  inSlider: boolean
}

export function buildFrameLaunch(input: FrameLaunchInput): FrameLaunch {
  const portal = new URL(input.portalOrigin)
  const protocol = portal.protocol === 'https:' ? '1' : '0'
  const action = new URL(input.handler)
  action.searchParams.set('DOMAIN', portal.host)
  action.searchParams.set('PROTOCOL', protocol)
  action.searchParams.set('LANG', input.lang)
  action.searchParams.set('APP_SID', input.sid)
  const fields: Array<[string, string]> = [
    ['AUTH_ID', input.tokens.AUTH_ID],
    ['AUTH_EXPIRES', String(input.tokens.AUTH_EXPIRES)],
    ['REFRESH_ID', input.tokens.REFRESH_ID],
    // b24restdocs api-reference/widgets/crm/detail-tab.md, settings/oauth/simple-way.md: the OAuth server,
    // the install's application_token and the granted scopes come with the tokens.
    ...(input.serverEndpoint ? [['SERVER_ENDPOINT', input.serverEndpoint] as [string, string]] : []),
    ...(input.applicationToken ? [['APPLICATION_TOKEN', input.applicationToken] as [string, string]] : []),
    ...(input.scope ? [['APPLICATION_SCOPE', input.scope.join(',')] as [string, string]] : []),
    ['member_id', input.memberId],
    ['status', 'L'],
    ['PLACEMENT', input.placement],
  ]
  // The portal leaves PLACEMENT_OPTIONS out when there are none.
  if (Object.keys(input.placementOptions).length > 0) {
    fields.push(['PLACEMENT_OPTIONS', JSON.stringify(input.placementOptions)])
  }
  return {
    sid: input.sid,
    name: `${portal.host}|${protocol}|${input.sid}`,
    action: action.toString(),
    fields,
    appOrigin: action.origin,
    placement: input.placement,
    inSlider: input.inSlider,
  }
}
