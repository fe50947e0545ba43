import { mount } from 'svelte';
import App from './views/App.svelte';
import './app.css';

// Only the browser tests' build has the hooks; in production the condition is false and the import is dropped.
if (__TEST_HOOKS__) (await import('./test-hooks.ts')).installTestHooks();

mount(App, { target: document.getElementById('app')! });
