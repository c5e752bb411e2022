// GraphQL over HTTP: one POST per operation, errors turned into ApiError with Parley's codes.

/** A GraphQL error as Parley sends it: extensions.code, and field or retryAfterSeconds where they apply. */
export class ApiError extends Error {
  constructor(message, { code = 'INTERNAL', field = null, retryAfterSeconds = null } = {}) {
    super(message);
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static from(graphqlError) {
    const ext = graphqlError?.extensions ?? {};
    return new ApiError(graphqlError?.message ?? 'Request failed', {
      code: ext.code ?? 'INTERNAL', field: ext.field ?? null, retryAfterSeconds: ext.retryAfterSeconds ?? null,
    });
  }
}

/** The request never got an answer (offline, server down). */
export class NetworkError extends Error {
  constructor() {
    super('No connection to the server');
    this.code = 'OFFLINE';
  }
}

/** Runs one operation; resolves to its data, or rejects with ApiError / NetworkError. */
export async function postGraphQL(query, variables = {}, accessToken = null) {
  const headers = { 'Content-Type': 'application/json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new NetworkError();
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status}`, { code: response.status >= 500 ? 'INTERNAL' : 'BAD_USER_INPUT' });
  }
  if (body.errors?.length) throw ApiError.from(body.errors[0]);
  return body.data;
}
