// Small modal dialogs (native <dialog>: focus stays inside, Escape closes).

import { h, modal, uniqueId } from './dom.js';
import { noticeFor } from '../notices.js';

/** A form with labelled fields; `submit(values)` runs on submit, its error shows in the dialog. */
function formDialog(title, fields, submitLabel, submit) {
  return modal(title, (close) => {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const inputs = fields.map((field) => {
      const id = uniqueId('field');
      const input = field.options
        ? h('select', { id, name: field.name }, field.options.map((o) => h('option', { value: o.value }, o.label)))
        : h('input', { id, name: field.name, type: field.type ?? 'text', required: field.required ?? true, value: field.value ?? '', autocomplete: 'off' });
      return { field, input, row: h('p', { class: 'field' }, h('label', { for: id }, field.label), input, field.hint ? h('small', {}, field.hint) : null) };
    });
    const form = h('form', {
      onsubmit: async (event) => {
        event.preventDefault();
        const values = Object.fromEntries(inputs.map(({ field, input }) => [field.name, field.type === 'checkbox' ? input.checked : input.value.trim()]));
        try {
          close(await submit(values));
        } catch (failure) {
          error.textContent = noticeFor(failure)?.text ?? failure.message;
        }
      },
    }, inputs.map((i) => i.row), error,
    h('div', { class: 'dialog-buttons' },
      h('button', { type: 'submit' }, submitLabel),
      h('button', { type: 'button', onclick: () => close(null) }, 'Cancel')));
    return form;
  });
}

export function newChannelDialog(ctx) {
  return formDialog('Create a channel', [
    { name: 'name', label: 'Name', hint: 'Lower case letters, digits, - and _' },
    { name: 'privacy', label: 'Who can find it', options: [{ value: 'public', label: 'Everyone in the workspace' }, { value: 'private', label: 'Only people added' }] },
  ], 'Create', ({ name, privacy }) => ctx.workspaces.createChannel(name, privacy === 'private'));
}

export function newDirectMessageDialog(ctx) {
  const people = [...ctx.state.people.values()].filter((p) => p.member && p.id !== ctx.state.me.id)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!people.length) {
    return modal('New direct message', (close) => h('div', {}, h('p', {}, 'Nobody else is in this workspace yet. Invite someone first.'),
      h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', onclick: () => close(null) }, 'Close'))));
  }
  return formDialog('New direct message', [
    { name: 'person', label: 'With', options: people.map((p) => ({ value: p.id, label: p.name })) },
  ], 'Open', ({ person }) => ctx.workspaces.openDirectMessage(person));
}

/** Creates an invite and shows its code and link (the link opens this client and joins). */
export async function inviteDialog(ctx) {
  let invite;
  try {
    invite = await ctx.workspaces.createInvite();
  } catch {
    return null; // the notice says why (only owners and admins invite)
  }
  const link = `${location.origin}/#invite=${encodeURIComponent(invite.code)}`;
  return modal('Invite people', (close) => h('div', {},
    h('p', {}, 'Send this link, or the code, to the people you want in this workspace:'),
    h('p', { class: 'invite-link' }, h('a', { href: link }, link)),
    h('p', {}, 'Code: ', h('code', { class: 'invite-code' }, invite.code)),
    h('p', {}, h('small', {}, `Valid until ${new Date(invite.expiresAt).toLocaleString()}.`)),
    h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', onclick: () => close(null) }, 'Done'))));
}

export function joinWorkspaceDialog(ctx) {
  return formDialog('Join or create a workspace', [
    { name: 'code', label: 'Invite code (to join)', required: false },
    { name: 'name', label: 'Or a name for a new workspace', required: false },
  ], 'Go', async ({ code, name }) => {
    const workspaceId = code ? await ctx.workspaces.acceptInvite(code) : name ? await ctx.workspaces.createWorkspace(name) : null;
    if (workspaceId) await ctx.openWorkspace(workspaceId);
    return workspaceId;
  });
}
