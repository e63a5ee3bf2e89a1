/** Small 16×16 line icons drawn in `currentColor`, so they follow the theme (the view ships no icon font). */

const PATHS = {
  send: 'M2.5 2.2 14 8 2.5 13.8 4.3 8zM4.3 8H9',
  stop: 'M4.5 4.5h7v7h-7z',
  copy: 'M5.5 5.5h8v8h-8zM3 10.5H2.5v-8h8V3',
  check: 'M3 8.5 6.5 12 13 4.5',
  refresh: 'M13 8a5 5 0 1 1-1.6-3.7M13 2.5v3h-3',
  /** Refresh with a drop-down caret: regenerate, choosing the model first. */
  refreshWith: 'M11 7a4 4 0 1 1-1.3-2.9M11 2v2.5H8.5M10.5 11.5l2 2 2-2',
  edit: 'M10.5 2.5 13.5 5.5 6 13H3v-3z',
  trash: 'M2.5 4.5h11M6 4.5V2.5h4v2M4 4.5l.7 9h6.6l.7-9',
  plus: 'M8 2.5v11M2.5 8h11',
  history: 'M8 4.5V8l2.5 1.5M2.7 8a5.3 5.3 0 1 0 1.6-3.8M2.5 2v3h3',
  chevron: 'M4 6l4 4 4-4',
  arrowDown: 'M8 2.5v10M3.5 8.5 8 13l4.5-4.5',
  close: 'M3.5 3.5l9 9M12.5 3.5l-9 9',
  insert: 'M8 2v7.5M5 6.5l3 3 3-3M2.5 13.5h11',
  newFile: 'M9 1.5H3.5v13h9V5zM9 1.5V5h3.5M8 7.5v5M5.5 10h5',
  apply: 'M2.5 4.5h6M2.5 8h4M2.5 11.5h3M8.5 10.5l2 2 3.5-4.5',
  search: 'M7 11.5a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM10.2 10.2l3.8 3.8',
  error: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM8 4.5v4.5M8 10.8v.7',
  chat: 'M2.5 3.5h11v7.5h-6l-3 2.5V11h-2z',
  attach: 'M10.5 4.5 5.6 9.4a1.4 1.4 0 0 0 2 2l5-5a2.8 2.8 0 0 0-4-4l-5 5a4.2 4.2 0 0 0 6 6l4.4-4.4',
  file: 'M9 1.5H3.5v13h9V5zM9 1.5V5h3.5',
  image: 'M2 3h12v10H2zM2 11l3.5-3.5 3 3 2-2L14 12M10.5 6.5a1 1 0 1 0 0-.01',
  gear: 'M12.8 6.7 14.5 7v2l-1.7.3-.4 1.2.9 1.4-1.4 1.4-1.4-.9-1.2.4-.3 1.7H7l-.3-1.7-1.2-.4-1.4.9-1.4-1.4.9-1.4-.4-1.2L1.5 9V7l1.7-.3.4-1.2-.9-1.4 1.4-1.4 1.4.9 1.2-.4L7 1.5h2l.3 1.7 1.2.4 1.4-.9 1.4 1.4-.9 1.4zM8 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
} as const;

export type IconName = keyof typeof PATHS;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Returns a decorative (aria-hidden) SVG icon. */
export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', PATHS[name]);
  svg.append(path);
  return svg;
}
