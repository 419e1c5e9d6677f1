import { mount } from 'svelte';
import App from './app.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('Keyward’s page is missing its #app element');

mount(App, { target });
