import type { DrawerTab } from '@couple-chat/protocol';

/** Query keys of files in the chat; the realtime wiring invalidates them too. */
export const storageQueryKey = ['storage'] as const;
export const drawerQueryKey = ['drawer'] as const;
export const drawerTabQueryKey = (tab: DrawerTab) => [...drawerQueryKey, tab] as const;
