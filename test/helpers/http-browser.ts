/**
 * A minimal browser for protocol tests: keeps cookies (one site), follows redirects when asked,
 * and posts forms, so an OpenID Connect round trip can be driven over real HTTP.
 */
export class HttpBrowser {
  readonly #cookies = new Map<string, string>();
  readonly #base: string;

  constructor(base: string) {
    this.#base = base;
  }

  cookie(name: string) {
    return this.#cookies.get(name);
  }

  #remember(response: Response) {
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
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** One request, redirects not followed. */
  async request(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0)
      headers.set(
        'cookie',
        [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      );
    const response = await fetch(new URL(url, this.#base), {
      ...init,
      headers,
      redirect: 'manual',
    });
    this.#remember(response);
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
