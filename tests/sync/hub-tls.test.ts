/**
 * `accueil hub --tls-cert F --tls-key F`: HTTPS with a self-signed certificate made here by
 * openssl (skipped where openssl is missing: node:crypto cannot make an X.509 certificate).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { startHubProcess } from '../helpers/hub-process';
import { tempDir } from '../helpers/temp';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

function httpsPost(url: string, ca: Buffer, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', ca, headers: { 'content-type': 'application/json', 'x-accueil-protocol': '1' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (t: string) => void (text += t));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe.skipIf(!hasOpenssl)('accueil hub with TLS', () => {
  it('serves HTTPS with the given certificate and key', async () => {
    const dir = tempDir();
    const certs = tempDir();
    const cert = path.join(certs, 'cert.pem');
    const key = path.join(certs, 'key.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ], { stdio: 'ignore' });
    expect(await runCli(['demo', '--data', dir], { stdout: () => undefined, stderr: () => undefined }, {})).toBe(0);

    const hub = await startHubProcess({ dataDir: dir, tls: { cert, key } });
    try {
      expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const paired = await httpsPost(`${hub.url}/v1/pair`, fs.readFileSync(cert), { code: hub.pairingCode, deviceName: 'Desk TLS' });
      expect(paired.status).toBe(200);
      expect(paired.json.token).toEqual(expect.any(String));
      // Without trusting the certificate, no connection.
      await expect(httpsPost(`${hub.url}/v1/pair`, Buffer.from(''), { code: 'x', deviceName: 'y' })).rejects.toThrow();
    } finally {
      await hub.stop();
    }

    // A key file that cannot be read: hub.tls_files, the hub does not start.
    await expect(startHubProcess({ dataDir: dir, tls: { cert, key: path.join(certs, 'missing.pem') } })).rejects.toThrow(/missing\.pem/);
  });
});
