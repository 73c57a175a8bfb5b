import './main.css'
import { createApp, h, ref } from 'vue'
import { readRecordTitle } from '../bare/read-record'
import RecordCard from './RecordCard.vue'

/*
 * The bench's second reference page (bench/time-to-content.ts): the bare page's work shown by Vue
 * in the kit's App and Card, with the kit's CSS. What a tab costs beyond this page is the app's
 * own; what this page costs beyond the bare one is the stack's.
 */
const title = ref<string | null>(null)
createApp({ render: () => h(RecordCard, { title: title.value }) }).mount('#app')
void readRecordTitle().then((text) => {
  title.value = text
})
