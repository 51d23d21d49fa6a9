// The heart. Every heart for a track follows the likes service, so liking in the player
// fills the heart in search results too.

import { h } from '../dom.js';
import { icon } from '../icons.js';

/** A toggle button (aria-pressed) liking `track`. */
export function likeButton(app, track, { className = '' } = {}) {
  const button = h('button', {
    type: 'button',
    class: ['icon-button', 'like-button', className],
    'aria-label': `Like ${track.title}`,
    dataset: { likeTrack: track.id },
  });
  const paint = (liked) => {
    button.setAttribute('aria-pressed', String(liked));
    button.title = liked ? 'Remove from Liked songs' : 'Save to Liked songs';
    button.replaceChildren(icon(liked ? 'heartFilled' : 'heart'));
  };
  paint(app.services.likes.isLiked(track));
  button.addEventListener('click', async (event) => {
    event.stopPropagation();
    button.disabled = true;
    try {
      const liked = await app.services.likes.toggle(track);
      app.toast.show(liked ? `Added “${track.title}” to Liked songs` : `Removed “${track.title}” from Liked songs`, 'success');
    } catch (error) {
      app.toast.error('Could not change the like', error);
    } finally {
      button.disabled = false;
    }
  });
  const listener = (event) => {
    if (!button.isConnected) {
      app.services.likes.removeEventListener('change', listener);
      return;
    }
    if (event.detail.id === track.id) paint(event.detail.liked);
  };
  app.services.likes.addEventListener('change', listener);
  return button;
}
