/**
 * Puts the keyboard focus on an element as it appears (`use:focusOnMount={condition}`): the
 * first field of a form revealed by a button (the button itself disappears, and focus must
 * not fall back to the page), or of the first-run screen.
 */
export function focusOnMount(node: HTMLElement, enabled: boolean = true) {
  if (enabled) node.focus();
}
