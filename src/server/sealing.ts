// Personal data (NIR, IBAN) is sealed at rest with AES-256-GCM; a database dump alone does not reveal it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export type Sealer = { seal: (plain: string) => string; open: (sealed: string) => string };

export function createSealer(keyHex: string): Sealer {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('The data key must be 32 bytes');
  return {
    seal: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join('.');
    },
    open: (sealed) => {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown sealed format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
