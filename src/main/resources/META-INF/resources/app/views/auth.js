// Sign in and sign up.

import { h, fill, uniqueId } from './dom.js';
import { noticeFor } from '../notices.js';

function field(label, props) {
  const id = uniqueId('auth');
  return h('p', { class: 'field' }, h('label', { for: id }, label), h('input', { id, required: true, ...props }));
}

/** `onSignedIn()` runs once the session has tokens. `invited`: an invite code is waiting. */
export function authView(session, { onSignedIn, invited }) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const container = h('main', { class: 'auth' });
  let mode = 'sign-in';

  async function attempt(form, action) {
    const button = form.querySelector('button[type=submit]');
    error.textContent = '';
    button.disabled = true;
    let retryAfter = 0;
    try {
      await action(new FormData(form));
      return onSignedIn();
    } catch (failure) {
      const notice = noticeFor(failure);
      error.textContent = notice?.text ?? failure.message;
      error.dataset.kind = notice?.kind ?? 'error';
      if (failure.code === 'RATE_LIMITED') retryAfter = (failure.retryAfterSeconds ?? 60) * 1000;
    }
    // Rate limited: the button stays off until the server would take another attempt.
    setTimeout(() => { button.disabled = false; }, retryAfter);
  }

  function draw() {
    const signIn = mode === 'sign-in';
    const form = h('form', {
      class: 'auth-form', 'aria-labelledby': 'auth-title',
      onsubmit: (event) => {
        event.preventDefault();
        attempt(event.target, (data) => (signIn
          ? session.signIn(data.get('email'), data.get('password'))
          : session.signUp({ email: data.get('email'), password: data.get('password'), name: data.get('name'), workspaceName: data.get('workspace') })));
      },
    },
    h('h1', { id: 'auth-title' }, signIn ? 'Sign in to Parley' : 'Create your Parley account'),
    invited ? h('p', { class: 'invited' }, 'You were invited to a workspace: sign in or sign up to join it.') : null,
    signIn ? null : field('Your name', { name: 'name', autocomplete: 'name' }),
    field('Email', { name: 'email', type: 'email', autocomplete: 'email' }),
    field('Password', { name: 'password', type: 'password', minlength: signIn ? null : '8', autocomplete: signIn ? 'current-password' : 'new-password' }),
    signIn ? null : field('Name of your workspace', { name: 'workspace', value: 'My team' }),
    error,
    h('button', { type: 'submit', class: 'primary' }, signIn ? 'Sign in' : 'Sign up'),
    h('p', { class: 'switch' }, signIn ? 'New here? ' : 'Have an account? ',
      h('button', { type: 'button', class: 'link', onclick: () => { mode = signIn ? 'sign-up' : 'sign-in'; draw(); } },
        signIn ? 'Create an account' : 'Sign in')));
    error.textContent = '';
    fill(container, form);
    form.querySelector('input')?.focus();
  }

  draw();
  return { element: container };
}
