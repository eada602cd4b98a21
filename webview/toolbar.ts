// The ARIA toolbar pattern: one tab stop for the whole toolbar, arrow keys (and Home/End) move between its buttons.
export function rovingToolbar(toolbar: HTMLElement, items: () => HTMLElement[]): void {
  let current = 0;
  /** Disabled or hidden buttons are skipped: focus only lands where Enter does something. */
  const usable = (): HTMLElement[] =>
    items().filter((b) => !b.hidden && !(b as HTMLElement & { disabled?: boolean }).disabled);
  const sync = (): void => {
    const list = usable();
    if (current >= list.length) current = Math.max(0, list.length - 1);
    for (const b of items()) b.tabIndex = -1;
    if (list[current]) list[current].tabIndex = 0;
  };
  toolbar.addEventListener('keydown', (e) => {
    const list = usable();
    if (list.length === 0) return;
    const from = list.indexOf(document.activeElement as HTMLElement);
    const at = from < 0 ? current : from;
    let next: number;
    switch (e.key) {
      case 'ArrowRight':
        next = (at + 1) % list.length;
        break;
      case 'ArrowLeft':
        next = (at - 1 + list.length) % list.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = list.length - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    current = next;
    sync();
    list[next].focus();
  });
  toolbar.addEventListener('focusin', (e) => {
    const i = usable().indexOf(e.target as HTMLElement);
    if (i >= 0) current = i;
  });
  // Buttons become enabled/disabled and shown/hidden as the panel's state changes.
  new MutationObserver(sync).observe(toolbar, {
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled', 'hidden'],
  });
  sync();
}
