// Copying text with the clipboard API. It exists only in secure contexts (https,
// localhost): on plain http to a LAN address there is none, and the caller falls back to
// selecting the text (see copy-field.js), as the share flow does.

export class Clipboard {
  constructor(navigatorObject = globalThis.navigator) {
    this.navigator = navigatorObject;
  }

  /** Whether the browser offers the clipboard API here. */
  get available() { return typeof this.navigator?.clipboard?.writeText === 'function'; }

  /** Puts `text` on the clipboard; answers false when there is no clipboard API or it refused. */
  async copy(text) {
    if (!this.available) return false;
    try {
      await this.navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied, or the document lacks focus: the caller selects the text instead.
      return false;
    }
  }
}
