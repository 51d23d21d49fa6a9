// What you played, newest first, over a chosen period.

import { h, statusMessage } from '../dom.js';
import { when } from '../format.js';
import { trackList } from '../components/track-list.js';
import { pager } from '../components/pager.js';
import { page } from './view-kit.js';

const PAGE_SIZE = 50;
const PERIODS = [
  { id: 'all', label: 'All time', days: null },
  { id: 'today', label: 'Today', days: 0 },
  { id: 'week', label: 'Last 7 days', days: 7 },
  { id: 'month', label: 'Last 30 days', days: 30 },
];

export async function historyView(app, route) {
  const period = PERIODS.find((item) => item.id === route.query.get('period')) ?? PERIODS[0];
  let from = null;
  if (period.days !== null) {
    from = new Date();
    if (period.days === 0) from.setHours(0, 0, 0, 0);
    else from.setDate(from.getDate() - period.days);
  }
  const select = h('select', { id: 'history-period', class: 'select' },
    PERIODS.map((item) => h('option', { value: item.id, selected: item.id === period.id }, item.label)));
  select.addEventListener('change', () => {
    app.router.navigate(select.value === 'all' ? '/history' : `/history?period=${select.value}`, { replace: true });
  });

  const entries = [];
  const slot = h('div', {});
  const paging = pager(
    async (offset) => {
      const result = await app.services.activity.history({ from, limit: PAGE_SIZE, offset });
      const next = offset + result.items.length;
      return { items: result.items, next: next < result.total && result.items.length ? next : null };
    },
    (items) => {
      entries.push(...items);
      slot.replaceChildren(trackList(app, entries.map((entry) => entry.track), {
        label: 'Played tracks',
        decorate: (row, track, index) => row.querySelector('.track-badges')
          .append(h('time', { class: 'played-at', datetime: entries[index].played_at }, when(entries[index].played_at))),
      }));
    },
    0, { label: 'Older plays' });
  await paging.start();
  return page('History',
    h('div', { class: 'toolbar' }, h('label', { for: 'history-period', class: 'toolbar-label' }, 'Period'), select),
    entries.length ? slot : statusMessage('Nothing played in this period. A play counts after 30 seconds, or half of a shorter track.'),
    paging.element);
}
