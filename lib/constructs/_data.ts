import { FieldError, invalid } from '../validate/field';
import { isConfigMapKey } from '../validate/names';
import { dns1123Subdomain } from '../validate/rules/_common';

/** What a ConfigMap or Secret must be: a DNS-1123 subdomain name, and valid keys. */
export function dataObjectErrors(name: string, keys: readonly string[]): FieldError[] {
  const errors = dns1123Subdomain(name, 'metadata.name', 'meta-name');
  for (const k of keys) for (const m of isConfigMapKey(k)) errors.push(invalid(`data[${k}]`, k, m));
  return errors;
}
