// "Share": ask the server for the link, then the share sheet, the clipboard, or, when the
// browser offers neither (plain http on a LAN address is not a secure context), a dialog
// with the link selected and copied the old way, with a visible confirmation each time.

import { ShareOutcome } from '../../services/share-service.js';
import { h } from '../dom.js';
import { selectAndCopy } from './copy-field.js';
import { openDialog } from './dialogs.js';

/**
 * @param {object} app
 * @param {string} title what is shared (a track or playlist name)
 * @param {() => Promise<{url: string}>} loadLink asks the server for the link
 */
export async function shareLink(app, title, loadLink) {
  let url;
  try {
    ({ url } = await loadLink());
  } catch (error) {
    app.toast.error('Could not make a share link', error);
    return;
  }
  const outcome = await app.services.share.share({ title, url });
  if (outcome === ShareOutcome.shared) app.toast.show('Shared', 'success');
  else if (outcome === ShareOutcome.copied) app.toast.show('Link copied to the clipboard', 'success');
  else if (outcome === ShareOutcome.manual) showLinkToCopy(app, title, url);
}

function showLinkToCopy(app, title, url) {
  const field = h('input', {
    type: 'text', readOnly: true, value: url, class: 'text-input share-link-field', id: 'share-link',
    'aria-describedby': 'share-link-status',
  });
  const status = h('p', { id: 'share-link-status', class: 'share-link-status', role: 'status' });
  const copy = () => {
    const copied = selectAndCopy(field);
    status.textContent = copied
      ? 'Link copied to the clipboard.'
      : 'The link is selected: press Ctrl+C (⌘C on a Mac) or long-press to copy it.';
    if (copied) app.toast.show('Link copied to the clipboard', 'success');
  };
  openDialog(`Share “${title}”`, [
    h('label', { for: 'share-link', class: 'field-label' }, 'Link'),
    field,
    status,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button button-primary', onclick: copy }, 'Copy link')),
  ]);
  copy();
}
