// Synthetic front-end session handling for hms-policy's fixtures.
import { LocalStorageKeys } from "./constants";

const TOKEN_KEY = "ehr.session";

export function signIn(data: { access: string; refresh: string }) {
  // expect: JS030
  localStorage.setItem(LocalStorageKeys.accessToken, data.access);
  // expect: JS030
  window.localStorage.setItem("refresh_token", data.refresh);
  // expect: JS030
  localStorage.jwt = data.access;
  // expect: JS030
  localStorage[TOKEN_KEY] = data.access;
}
