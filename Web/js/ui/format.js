// Numbers and dates as people read them.

/** 215 -> "3:35"; 3725 -> "1:02:05"; unknown -> "–:––". */
export function duration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '–:––';
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** A total such as "1 h 12 min" for albums and playlists. */
export function longDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds <= 0) return '0 min';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 -> "1.5 KB" (powers of 1024, as file managers show sizes). */
export function bytes(count) {
  if (!Number.isFinite(count) || count < 0) return '–';
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday", or a date for older ones. */
export function when(isoDate) {
  const date = new Date(isoDate);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = (date.getTime() - Date.now()) / 1000;
  const steps = [[60, 'second'], [3600, 'minute'], [86400, 'hour'], [86400 * 7, 'day']];
  let previous = 1;
  for (const [limit, unit] of steps) {
    if (Math.abs(seconds) < limit) return relative.format(Math.round(seconds / previous), unit);
    previous = limit;
  }
  return date.toLocaleDateString();
}

/** "1 track", "3 tracks". */
export function count(number, singular, plural = `${singular}s`) {
  return `${number} ${number === 1 ? singular : plural}`;
}

/** The label a source id gets on badges. */
export function sourceName(source) {
  const known = { local: 'Library', youtube: 'YouTube', soundcloud: 'SoundCloud' };
  return known[source] ?? source;
}

/** The two- or three-letter badge a source gets where space is short (phones). */
export function sourceShortName(source) {
  const known = { local: 'LIB', youtube: 'YT', soundcloud: 'SC' };
  return known[source] ?? source.slice(0, 3).toUpperCase();
}

/** Up to two capitals of a name ("Copper Tide" -> "CT"): an artist's picture stand-in. */
export function initials(name) {
  return String(name ?? '').split(/\s+/).filter(Boolean).slice(0, 2).map((word) => word[0].toUpperCase()).join('');
}
