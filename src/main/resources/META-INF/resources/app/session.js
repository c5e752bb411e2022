// Who is signed in, and the tokens that say so.
//
// The access token (15 minutes) lives in memory only: a script injected into the page could read
// storage, but not a variable of this module. The refresh token is kept in sessionStorage, so a
// reload of the tab stays signed in while closing the tab signs out, and each tab is its own
// session: refresh tokens rotate on every use, and two tabs sharing one would race and revoke it.

import { postGraphQL, ApiError } from './graphql.js';
import { LOGIN, REGISTER, REFRESH, LOGOUT } from './operations.js';

const REFRESH_KEY = 'parley.refreshToken';
/** Refresh this long before the access token expires (or at 80% of its life, if that is later). */
const REFRESH_AHEAD_MS = 60_000;

export class Session extends EventTarget {
  #accessToken = null;
  #expiresAt = 0;
  #refreshing = null;
  #timer = null;

  get signedIn() {
    return this.#accessToken !== null;
  }

  async signUp({ email, password, name, workspaceName }) {
    const data = await postGraphQL(REGISTER, { input: { email, password, name, workspaceName } });
    return this.#started(data.register);
  }

  async signIn(email, password) {
    const data = await postGraphQL(LOGIN, { email, password });
    return this.#started(data.login);
  }

  /** Signs in again from the refresh token this tab kept, if any; resolves to the AuthPayload or null. */
  async resume() {
    if (!sessionStorage.getItem(REFRESH_KEY)) return null;
    try {
      return await this.#refresh();
    } catch (error) {
      if (error instanceof ApiError) return null; // used, revoked or expired: sign in again
      throw error;
    }
  }

  async signOut() {
    const token = this.#accessToken;
    this.#forget();
    if (token) await postGraphQL(LOGOUT, {}, token).catch(() => {});
  }

  /** A valid access token, refreshed first if it is about to expire. */
  async accessToken() {
    if (!this.#accessToken) throw new ApiError('Signed out', { code: 'UNAUTHENTICATED' });
    if (Date.now() > this.#expiresAt - 5_000) await this.#refresh();
    return this.#accessToken;
  }

  /** A fresh access token in place of `stale` (which the server refused), unless one was fetched meanwhile. */
  async renewed(stale) {
    if (this.#accessToken === stale) await this.#refresh();
    return this.accessToken();
  }

  /** Runs an operation as the signed-in person; an expired or revoked token is refreshed once. */
  async request(query, variables = {}) {
    try {
      return await postGraphQL(query, variables, await this.accessToken());
    } catch (error) {
      if (error.code !== 'UNAUTHENTICATED' || !this.#accessToken) throw error;
      await this.#refresh();
      return postGraphQL(query, variables, this.#accessToken);
    }
  }

  /** Rotates the refresh token; concurrent callers share one rotation (a second would be a replay). */
  #refresh() {
    this.#refreshing ??= postGraphQL(REFRESH, { refreshToken: sessionStorage.getItem(REFRESH_KEY) })
      .then((data) => this.#started(data.refreshToken), (error) => {
        if (error instanceof ApiError) this.#forget();
        throw error;
      })
      .finally(() => { this.#refreshing = null; });
    return this.#refreshing;
  }

  #started(auth) {
    this.#accessToken = auth.accessToken;
    this.#expiresAt = Date.parse(auth.expiresAt);
    sessionStorage.setItem(REFRESH_KEY, auth.refreshToken);
    clearTimeout(this.#timer);
    const lifetime = this.#expiresAt - Date.now();
    const delay = Math.max(1_000, lifetime - REFRESH_AHEAD_MS, lifetime * 0.8);
    this.#timer = setTimeout(() => this.#refreshOnTime(), delay);
    this.dispatchEvent(new CustomEvent('token'));
    return auth;
  }

  #refreshOnTime() {
    this.#refresh().catch((error) => {
      if (!(error instanceof ApiError)) this.#timer = setTimeout(() => this.#refreshOnTime(), 10_000); // offline: try again
    });
  }

  #forget() {
    const wasSignedIn = this.#accessToken !== null;
    this.#accessToken = null;
    this.#expiresAt = 0;
    clearTimeout(this.#timer);
    sessionStorage.removeItem(REFRESH_KEY);
    if (wasSignedIn) this.dispatchEvent(new CustomEvent('signedout'));
  }
}
