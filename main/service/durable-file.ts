/**
 * What makes a write survive a power cut, not only a killed process: fsync of the file, and of
 * its folder after a file was created or renamed in it.
 */
import { open } from 'node:fs/promises';

/**
 * Flushes a folder's entries (a file created or renamed in it) to the disk. Windows cannot open
 * a folder for this and makes renames durable itself, so there it does nothing.
 */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
