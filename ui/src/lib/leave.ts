// Unsaved work on the current screen: the screen registers a check, the sidebar asks it
// before moving to another screen (and asks the clerk to confirm when there is some).

let check: (() => boolean) | null = null;

/** Registers the current screen's check; the returned function removes it (an $effect's
 *  clean-up, so a screen that is left or re-created never leaves a stale check behind). */
export function guardLeaving(hasUnsaved: () => boolean): () => void {
  check = hasUnsaved;
  return () => {
    if (check === hasUnsaved) check = null;
  };
}

export function hasUnsavedWork(): boolean {
  return check?.() ?? false;
}

/** The window's close check: with unsaved work the window stays open and `ask` puts the
 *  question to the clerk (who may then close it for good); without, it just closes. */
export function staysOnClose(ask: () => void): () => boolean {
  return () => {
    if (!hasUnsavedWork()) return false;
    ask();
    return true;
  };
}
