import { create } from 'zustand';

/** What was wrong with the link the page opened, for its alert (empty: nothing to say). */
export const useLinkIssues = create<{ issues: string[] }>()(() => ({ issues: [] }));
