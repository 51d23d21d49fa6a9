// The sound quality this device streams at: the original files, or a smaller transcode
// made by the server as it plays ("data saver"), for a phone on mobile data or away from
// home through the tunnel. Kept per device, like the volume.

/** The choices, in the order shown; `format` and `maxBitrate` are what /stream is asked. */
export const STREAM_QUALITIES = Object.freeze([
  { id: 'original', label: 'Original files', hint: 'The best sound. A lossless album can take 300 MB.' },
  { id: 'opus-96', label: 'Data saver: Opus 96 kbps', hint: 'About 45 MB an hour, close to the original for most ears.', format: 'opus', maxBitrate: 96 },
  { id: 'opus-64', label: 'Strong data saver: Opus 64 kbps', hint: 'About 30 MB an hour.', format: 'opus', maxBitrate: 64 },
  { id: 'mp3-128', label: 'Data saver for older browsers: MP3 128 kbps', hint: 'About 60 MB an hour; for browsers that cannot play Opus.', format: 'mp3', maxBitrate: 128 },
]);

const KEY = 'streamQuality';

/** The quality chosen on this device (the original files when none was). */
export function streamQuality(preferences) {
  const id = preferences.get(KEY, 'original');
  return STREAM_QUALITIES.find((quality) => quality.id === id) ?? STREAM_QUALITIES[0];
}

export function setStreamQuality(preferences, id) {
  const known = STREAM_QUALITIES.find((quality) => quality.id === id) ?? STREAM_QUALITIES[0];
  preferences.set(KEY, known.id === 'original' ? null : known.id);
  return known;
}

/**
 * The query of a stream address at `quality`, from `offsetSeconds` on, or null for the
 * original file (which is fetched with Range, so it needs no offset).
 */
export function streamQuery(quality, offsetSeconds = 0) {
  if (!quality?.format) return null;
  const offset = Math.floor(offsetSeconds);
  return { format: quality.format, max_bitrate: quality.maxBitrate, time_offset: offset > 0 ? offset : null };
}
