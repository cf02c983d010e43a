/** Query keys of the couple feature; the realtime wiring invalidates them too. */
export const coupleQueryKey = ['couple'] as const;
export const requestsQueryKey = ['connection-requests'] as const;
export const coupleEventsQueryKey = ['couple-events'] as const;
export const myInviteQueryKey = ['invite', 'mine'] as const;
export const invitePreviewQueryKey = (code: string) => ['invite', 'preview', code] as const;
