import { mount } from 'svelte';
import App from './App.svelte';
import { receiveIncomingFiles } from './incoming-files';
import './styles.css';
import './layout.css';
import { catalogue } from './state/catalogue.svelte';
import { favourites } from './state/favourites.svelte';
import { pwa } from './state/pwa.svelte';
import { router } from './state/router.svelte';
import { search } from './state/search.svelte';
import { yours } from './state/yours.svelte';

// The search worker first: a later launch's first result waits on its start (a thread, its script, then the
// kept index), and its thread starts only once this page's main thread is free to let it. A build's index.html
// has started it already (src/node/early-worker.ts): this takes it over.
// But not on an episode (a shared moment, often the first page ever opened): there the episode screen starts
// search once the moment's lines are drawn, or when it is left. Indexing takes a core for seconds on a phone, and
// fetches every data file over the network the episode's own file comes by. Anything asking search starts it sooner.
if (router.route.name !== 'episode') search.start();
void catalogue.load();

// The rest in tasks of their own: on a phone, compiling this script, starting everything and drawing the first
// screen in one go is a long task (over 50 ms at a 4× slower CPU), and the data fetches above are on their way.
setTimeout(() => mount(App, { target: document.getElementById('app')! }), 0);
setTimeout(() => {
  pwa.start(search.firstReady);
  void favourites.start();
  void yours.start().then(receiveIncomingFiles);
}, 0);
