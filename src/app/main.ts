import { mount } from 'svelte';
import App from './App.svelte';
import './styles.css';
import { catalogue } from './state/catalogue.svelte';
import { favourites } from './state/favourites.svelte';
import { pwa } from './state/pwa.svelte';
import { search } from './state/search.svelte';

void catalogue.load();
search.start();
pwa.start(search.firstReady);
void favourites.start();

mount(App, { target: document.getElementById('app')! });
