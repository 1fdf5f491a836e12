import { mount } from 'svelte';
import App from './App.svelte';
import { receiveIncomingFiles } from './incoming-files';
import './styles.css';
import { catalogue } from './state/catalogue.svelte';
import { favourites } from './state/favourites.svelte';
import { pwa } from './state/pwa.svelte';
import { search } from './state/search.svelte';
import { yours } from './state/yours.svelte';

void catalogue.load();
search.start();
pwa.start(search.firstReady);
void favourites.start();
void yours.start().then(receiveIncomingFiles);

// In a task of its own: on a phone, compiling this script and drawing the first screen in one go is a long task
// (over 50 ms at a 4× slower CPU), and the data fetches above are already on their way.
setTimeout(() => mount(App, { target: document.getElementById('app')! }), 0);
