/**
 * What looks secret, so that it goes into a Secret and never into a ConfigMap or a message: names
 * (of variables, keys and files) and values (URLs with credentials, PEM blocks, long random
 * tokens). Generous on purpose: a value that is not secret loses nothing in a Secret.
 */

/** Variable and key names: DB_PASSWORD, DB_PWD, JWT_SIGNING_KEY, SSH_KEY, AWS_ACCESS_KEY_ID, API_TOKEN, ... */
const SECRET_NAME = /(pass(word|wd|phrase)?|pwd|secret|token|credential|private|signing|api[-_]?key|access[-_]?key|auth[-_]?key|session[-_]?key|encryption[-_]?key|salt|cookie)|(^|[-_.])(key|keys|pass|pin|dsn)([-_.]|$)/i;

/** File names: secret files, keys, certificates' keys, keystores, password files. */
const SECRET_FILE = /(secret|passw|pwd|token|credential|htpasswd|\.key$|\.pem$|\.p12$|\.pfx$|\.jks$|\.keystore$|id_rsa|id_dsa|id_ecdsa|id_ed25519|\.env$|\.netrc$|\.pgpass$)/i;

export function looksSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function looksSecretFileName(name: string): boolean {
  return SECRET_FILE.test(name);
}

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** A value that is a secret whatever its name: a URL with a password, a PEM block, a random token. */
export function looksSecretValue(value: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value)) return true; // scheme://user:password@host
  if (/-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE|SECRET)[A-Z ]*-----/.test(value)) return true;
  const token = value.trim();
  if (token.length >= 20 && token.length <= 4096 && !/\s/.test(token) && !/^[./~]|^[a-z]+:\/\//i.test(token)) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(token)).length;
    if (classes >= 3 && entropy(token) >= 4) return true;
  }
  return false;
}

/** A file (its name or its content) that belongs in a Secret. */
export function looksSecretFile(name: string, content: string): boolean {
  return looksSecretFileName(name) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(content);
}
