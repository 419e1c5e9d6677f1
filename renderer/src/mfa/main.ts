import { mount } from 'svelte';
import MfaWindow from './mfa-window.svelte';
import { MfaQuestion } from './mfa-question.svelte';
import '../app.css';

// The small window that asks for an MFA code (electron/main/mfa-window/); it reaches main only
// through window.keywardMfa.
const target = document.getElementById('app');
if (!target) throw new Error('Keyward’s MFA page is missing its #app element');

const question = new MfaQuestion(window.keywardMfa);
mount(MfaWindow, { target, props: { question } });
void question.start();
