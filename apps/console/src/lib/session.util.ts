// The API key lives in sessionStorage only: it is gone when the tab closes, and never written to a cookie
// (the console's own requests carry it in Authorization, so no other site can make the browser send it).
const KEY = 'hookrelay.console.apiKey';

export function readApiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeApiKey(value: string): void {
  sessionStorage.setItem(KEY, value);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(KEY);
}
