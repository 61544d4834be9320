import { useCallback } from 'react';

/**
 * A wide table scrolls sideways inside its box on a phone: the box is made reachable by keyboard
 * and named, so that it can be scrolled without a mouse (WCAG 2.1.1; axe scrollable-region-focusable).
 * Ant Design's Table does not expose that box, so the ref finds it inside.
 */
export function useKeyboardScrollable(label: string) {
  return useCallback(
    (wrapper: HTMLElement | null) => {
      for (const box of wrapper?.querySelectorAll<HTMLElement>('.ant-table-content') ?? []) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', label);
      }
    },
    [label],
  );
}
