// Files of unsent messages, kept in IndexedDB so an upload survives closing the page: the
// outbox (localStorage) remembers the message, this remembers its bytes. Best effort throughout.

const dbName = 'couple-chat-files';
const storeName = 'outbox';
// Beyond this a copy costs the device more than choosing the file again would cost the user.
const keepMaxBytes = 512 * 1024 * 1024;

let opening: Promise<IDBDatabase | null> | undefined;

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    try {
      const request = indexedDB.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

async function run<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const request = action(db.transaction(storeName, mode).objectStore(storeName));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

export async function keepFile(key: string, file: File): Promise<void> {
  if (file.size > keepMaxBytes) return;
  await run('readwrite', (store) => store.put(file, key));
}

export async function takeFile(key: string): Promise<File | null> {
  const value = await run('readonly', (store) => store.get(key));
  return value instanceof File ? value : null;
}

export async function forgetFile(key: string): Promise<void> {
  await run('readwrite', (store) => store.delete(key));
}
