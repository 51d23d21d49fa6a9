// Sharing a link: the system share sheet where the browser has one (phones), else the
// clipboard, else the caller shows the link selected for copying by hand. The clipboard
// API exists only in secure contexts (https, localhost), hence the last step.

/** How a share ended. */
export const ShareOutcome = Object.freeze({
  shared: 'shared',       // the share sheet took it
  cancelled: 'cancelled', // the person closed the share sheet
  copied: 'copied',       // on the clipboard
  manual: 'manual',       // neither available: show the link to copy by hand
});

export class ShareService {
  constructor(navigatorObject = globalThis.navigator) {
    this.navigator = navigatorObject;
  }

  /** Shares `{title, url}`; answers one of ShareOutcome. */
  async share({ title, url }) {
    if (typeof this.navigator?.share === 'function') {
      const data = { title, url };
      if (typeof this.navigator.canShare !== 'function' || this.navigator.canShare(data)) {
        try {
          await this.navigator.share(data);
          return ShareOutcome.shared;
        } catch (error) {
          if (error?.name === 'AbortError') return ShareOutcome.cancelled;
          // NotAllowedError and the like: fall through to the clipboard.
        }
      }
    }
    if (typeof this.navigator?.clipboard?.writeText === 'function') {
      try {
        await this.navigator.clipboard.writeText(url);
        return ShareOutcome.copied;
      } catch {
        // Denied, or the document lacks focus: show the link instead.
      }
    }
    return ShareOutcome.manual;
  }
}
