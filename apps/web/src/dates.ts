/** The day (UTC, as the API's YYYY-MM-DD dates are) `offsetDays` from now. */
export const today = (offsetDays = 0): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
