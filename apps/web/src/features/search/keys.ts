/** Query keys of the chat search; new messages invalidate the days (today may get its first). */
export const messageDaysQueryKey = ['message-days'] as const;
export const messageDaysMonthKey = (month: string) => [...messageDaysQueryKey, month] as const;
