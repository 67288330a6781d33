import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../main/web-preferences';

describe('web-preferences', () => {
  it('isolates and sandboxes the renderer and gives it no Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
});
