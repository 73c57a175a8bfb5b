import type { FrameLaunch } from '../shared/frame-launch'
import { postJson } from './api'
import type { SliderHandle } from './slider'

/** An app frame on this page, as the router needs it. */
export interface FrameHost {
  sid: string
  appOrigin: string
  launch: FrameLaunch
  iframe: HTMLIFrameElement
  /** placement event name → callback key (placementBindEvent). */
  boundEvents: Map<string, string>
  /** The slider this frame lives in (openApplication). */
  slider?: SliderHandle
}

export const frames: FrameHost[] = []

export interface FrameRequest {
  placementId?: number
  placement?: string
  options?: Record<string, unknown>
  inSlider?: boolean
}

/**
 * Opens an app frame the way the portal does: ask the server for tokens and a fresh APP_SID,
 * create the iframe with its `name` already set, then POST the hidden form into it.
 */
export async function launchFrame(container: HTMLElement, request: FrameRequest): Promise<FrameHost> {
  const launch = await postJson<FrameLaunch>('/portal-api/frames', request)
  const iframe = document.createElement('iframe')
  iframe.name = launch.name
  iframe.className = 'app-iframe'
  iframe.dataset.appSid = launch.sid
  iframe.dataset.placement = launch.placement
  iframe.setAttribute('allow', 'clipboard-read; clipboard-write')
  container.append(iframe)

  const form = document.createElement('form')
  form.method = 'POST'
  form.action = launch.action
  form.target = launch.name
  form.hidden = true
  for (const [name, value] of launch.fields) {
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = name
    input.value = value
    form.append(input)
  }
  container.append(form)
  const host: FrameHost = { sid: launch.sid, appOrigin: launch.appOrigin, launch, iframe, boundEvents: new Map() }
  frames.push(host)
  form.submit()
  form.remove()
  return host
}

export function forgetFrame(host: FrameHost): void {
  const index = frames.indexOf(host)
  if (index >= 0) frames.splice(index, 1)
}
