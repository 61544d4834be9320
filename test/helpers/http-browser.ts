/**
 * A minimal browser for protocol tests: keeps cookies per host name (as browsers do, whatever the
 * port), follows redirects when asked, and posts forms, so an OpenID Connect round trip can be
 * driven over real HTTP.
 */
export class HttpBrowser {
  readonly #jars = new Map<string, Map<string, string>>();
  readonly #base: string;

  constructor(base: string) {
    this.#base = base;
  }

  #jar(url: string) {
    const host = new URL(url, this.#base).hostname;
    let jar = this.#jars.get(host);
    if (!jar) {
      jar = new Map();
      this.#jars.set(host, jar);
    }
    return jar;
  }

  /** A cookie of the site at `url` (default: the one the browser started on). */
  cookie(name: string, url = this.#base) {
    return this.#jar(url).get(name);
  }

  #remember(jar: Map<string, string>, response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', v = ''] = a.trim().split('=');
        return (
          (key.toLowerCase() === 'max-age' && Number(v) <= 0) ||
          (key.toLowerCase() === 'expires' && new Date(v).getTime() < Date.now())
        );
      });
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  /** One request, redirects not followed. */
  async request(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    const jar = this.#jar(url);
    if (jar.size > 0)
      headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(new URL(url, this.#base), {
      ...init,
      headers,
      redirect: 'manual',
    });
    this.#remember(jar, response);
    return response;
  }

  /** Follows redirects like a browser (a 303 or 302 after a POST becomes a GET). */
  async navigate(
    url: string,
    init: RequestInit = {},
  ): Promise<{ url: string; response: Response }> {
    let current = new URL(url, this.#base).href;
    let request = init;
    for (let hops = 0; hops < 20; hops += 1) {
      const response = await this.request(current, request);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location)
        return { url: current, response };
      await response.body?.cancel();
      current = new URL(location, current).href;
      request = {};
    }
    throw new Error(`too many redirects from ${url}`);
  }

  postForm(url: string, fields: Record<string, string>) {
    return this.navigate(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

/** The login form's action and the demo identity buttons on the provider's sign-in page. */
export function readLoginPage(html: string) {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
  const identities = [...html.matchAll(/name="identityId" value="([^"]+)">([^<]+)</g)].map((m) => ({
    id: m[1] ?? '',
    name: m[2] ?? '',
  }));
  return { action, identities };
}
