import { App } from 'antd';
import type { ReactNode } from 'react';

/**
 * What a page loaded on demand needs around it: Ant Design's App, which gives `App.useApp()` its
 * messages and dialogs. It stays out of the first download: the home page raises none.
 */
export function PageFrame({ children }: { children: ReactNode }) {
  return <App component={false}>{children}</App>;
}
