// A tiny element builder. Text always goes in as text (never parsed as HTML), so titles
// and names from the server cannot inject markup.

/**
 * h('button', {class: 'x', onclick: fn, 'aria-label': 'Play'}, 'text', childNode, [more])
 * Attributes: `class`, `dataset` (object), `on<event>` (listener), `style` (object of
 * custom properties or properties), booleans (true sets, false omits), anything else as an attribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'style') {
      for (const [property, styleValue] of Object.entries(value)) element.style.setProperty(property, styleValue);
    } else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name in element && typeof value !== 'string' && name !== 'list') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything inside `parent` with `children`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
  return parent;
}

/** A line of status text for loading and errors, announced to screen readers. */
export function statusMessage(text, kind = 'info') {
  return h('p', { class: ['status-message', `status-${kind}`], role: kind === 'error' ? 'alert' : 'status' }, text);
}
