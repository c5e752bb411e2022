// What the person sees when something did not work: offline, rate limited, forbidden, or else.

/** The notice for a failed request (null when there is nothing to say). */
export function noticeFor(error) {
  switch (error?.code) {
    case 'OFFLINE':
      return { kind: 'offline', text: 'You are offline. Parley reconnects on its own; what you send now can be retried.' };
    case 'RATE_LIMITED': {
      const seconds = error.retryAfterSeconds ?? 60;
      return {
        kind: 'rate-limited', until: Date.now() + seconds * 1000,
        text: `Too many attempts. Try again in ${seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}.`,
      };
    }
    case 'FORBIDDEN':
      return { kind: 'forbidden', text: `Not allowed: ${error.message}` };
    case 'NOT_FOUND':
      return { kind: 'forbidden', text: 'That is gone, or you no longer have access to it.' };
    case undefined:
      return null;
    default:
      return { kind: 'error', text: error.message };
  }
}

/** session.request that also shows the notice for a failure (and still rejects with it). */
export function requestShowingNotices(session, state) {
  return async (query, variables) => {
    try {
      return await session.request(query, variables);
    } catch (error) {
      state.setNotice(noticeFor(error));
      throw error;
    }
  };
}
