// Settings: the sound quality this device streams at (the data saver), one select that takes
// effect from the next track played.

import { h } from '../dom.js';
import { section } from './view-kit.js';
import { STREAM_QUALITIES, setStreamQuality, streamQuality } from '../../player/stream-quality.js';

export function dataSaverSection(app) {
  const { preferences } = app.services;
  const current = streamQuality(preferences);
  const hint = h('p', { class: 'field-hint', id: 'stream-quality-hint' }, current.hint);
  const select = h('select', { id: 'stream-quality', class: 'select', 'aria-describedby': 'stream-quality-hint' },
    STREAM_QUALITIES.map((quality) => h('option', { value: quality.id, selected: quality.id === current.id }, quality.label)));
  select.addEventListener('change', () => {
    const chosen = setStreamQuality(preferences, select.value);
    hint.textContent = chosen.hint;
    app.toast.show(app.playback?.current ? 'Saved: from the next track on' : 'Saved', 'success');
  });
  return section('Sound quality',
    h('label', { for: 'stream-quality', class: 'field-label' }, 'Streaming quality on this device'),
    select,
    hint);
}
