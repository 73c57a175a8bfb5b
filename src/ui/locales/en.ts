import type { ShellMessages } from './ru'

export const en: ShellMessages = {
  app: { name: 'Sales widgets' },
  shell: {
    loading: 'Loading…',
    outside: {
      title: 'Open the app in Bitrix24',
      text: 'This page works only inside a Bitrix24 portal: in a CRM card tab or on the app page. Use this page address as the handler of a local app.',
    },
    noAnswer: {
      title: 'The portal does not answer',
      text: 'The page is in a frame, but the portal sent no app data. Reload the portal page.',
    },
    unknown: {
      title: 'Unknown placement',
      text: 'The app does not know what to show in "{placement}"{widget}. Reinstall the app or ask your administrator.',
      widget: ' (widget "{widget}")',
    },
    failed: {
      title: 'The widget failed to load',
      retry: 'Retry',
    },
  },
  install: {
    title: 'App installation',
    intro: 'The app registers its tabs and pages, creates CRM user fields and stores default settings. Running it again duplicates nothing.',
    start: 'Install',
    retry: 'Retry installation',
    notAdmin: 'Only a portal administrator can install the app. Ask an administrator to open it.',
    reading: 'Checking what the portal already has…',
    progress: '{done} of {total} done',
    nothingToDo: 'Everything is already installed.',
    finishing: 'Finishing installation…',
    done: 'Installation finished.',
    runner: {
      connecting: 'Connecting the automation (the app server)…',
      connected: 'Automation connected: the app server watches deals, leads and tasks by itself.',
      notConfigured: 'Automation not connected: no app server address is set. The installation is finished; the tabs work and their buttons act by hand.',
      unreachable: 'Automation not connected: the app server {url} does not answer. The installation is finished; connect it later in the app settings.',
      refused: 'Automation not connected: the app server refused ({reason}). The installation is finished; connect it later in the app settings.',
    },
    step: {
      bind: 'Placement "{title}" ({placement})',
      field: 'Field "{label}" ({entity})',
      items: 'List values of "{label}" ({entity}): {count}',
      options: 'Default settings: {count}',
      event: 'Offline event subscription {event}',
    },
  },
  plans: {
    writing: '{title}: {done} of {total} written…',
    busy: 'The portal is busy, retrying in {seconds} s.',
    noReply: 'The portal did not answer. Checking what was written in {seconds} s.',
    cancel: 'Cancel',
    incomplete: 'Not finished: {title}',
    repeat: 'Repeat',
    reason: {
      stopped: 'The write stopped before its end.',
      cancelled: 'You cancelled the write. Repeat it to finish.',
    },
  },
  runnerRefusal: {
    origin: 'the portal address is not allowed on the app server',
    notAdmin: 'only a portal administrator can connect it',
    status: 'the server answered with code {status}',
    data: 'the server did not accept the connection data',
  },
  errors: {
    access: 'You do not have the rights for this action.',
    conflict: 'Someone else changed the card. Compare the changes and save again.',
    notFound: 'The record was not found or was deleted.',
    limit: 'The portal limited the request rate. Wait a minute and retry.',
    network: 'No connection to the portal. Check the network and retry.',
    expired: 'The session expired. Reload the portal page.',
    unknown: 'Portal error: {detail}',
    failed: 'The portal did not carry out the request. Retry later; if it still fails, tell the portal administrator.',
    denied: {
      dealEdit: 'You do not have the rights to change this deal. Its responsible or the head of the department can change it.',
      dealRead: 'You do not have the rights to view this deal. Its responsible, the head of the department or the portal administrator can open it.',
      task: 'You do not have the rights to this task. Its creator, its responsible or the portal administrator can change it.',
      settings: 'You do not have the rights to change the app settings. The portal administrator can change them.',
      other: 'You do not have the rights for this action. The portal administrator can grant them.',
    },
    retry: 'Retry',
  },
}
