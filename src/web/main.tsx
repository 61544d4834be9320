import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PORTAL_PAGES, type PortalPage } from '../domain/portal-pages.ts';
import { I18nProvider } from './i18n.tsx';
import { HomePage } from './portal/HomePage.tsx';
import { Layout } from './ui/Layout.tsx';
import { NotFound } from './ui/NotFound.tsx';
import './styles.css';

/** Each page's module, a chunk of its own that the browser fetches when the page is first opened. */
const PAGE_MODULES = import.meta.glob<Record<string, ComponentType>>([
  './*Page.tsx',
  './portal/*Page.tsx',
  './officer/*Page.tsx',
  './admin/*Page.tsx',
  '!./portal/HomePage.tsx',
]);

/**
 * Every page but the home page is loaded when first opened: a citizen's phone does not download
 * the back office, the form designer or the charts to read the catalogue. A back-office page comes
 * in Ant Design's frame (theme, locale, messages), loaded with the first such page; the citizen
 * pages, plain elements, come without it.
 */
function lazyPage({ module, component, frame }: PortalPage): ComponentType {
  if (frame === 'entry') return HomePage;
  const load = PAGE_MODULES[`./${module}`];
  if (!load) throw new Error(`No page module ${module}`);
  return lazy(async () => {
    const [pageModule, office] = await Promise.all([
      load(),
      frame === 'office' ? import('./ui/PageFrame.tsx') : undefined,
    ]);
    const Page = pageModule[component];
    if (!Page) throw new Error(`${module} has no ${component}`);
    if (!office) return { default: Page };
    const { PageFrame } = office;
    return {
      default: () => (
        <PageFrame>
          <Page />
        </PageFrame>
      ),
    };
  });
}

const ROUTES = PORTAL_PAGES.map((page) => ({ path: page.path, Page: lazyPage(page) }));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <BrowserRouter>
            <Routes>
              <Route element={<Layout />}>
                {ROUTES.map(({ path, Page }) => (
                  <Route key={path} path={path} element={<Page />} />
                ))}
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
