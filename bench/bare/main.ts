import { readRecordTitle } from './read-record'

/*
 * The bench's reference page (bench/time-to-content.ts): the SDK's init and one REST call, the
 * reply written out, built by the same Vite, so a tab's time to content can be stated as a ratio of this.
 */
async function show(): Promise<void> {
  const content = document.getElementById('content')!
  content.textContent = await readRecordTitle()
  content.dataset.ready = '1'
}

void show()
