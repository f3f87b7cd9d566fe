import { create } from 'zustand';
import type { LinkIssue } from '../core/link/codec';

/** What was wrong with the link the page opened, for its alert (empty: nothing to say). */
export const useLinkIssues = create<{ issues: LinkIssue[] }>()(() => ({ issues: [] }));

/** A problem found after decoding (the CSV a link carries is checked later, in a worker). */
export function addLinkIssue(issue: LinkIssue): void {
  useLinkIssues.setState((state) => ({ issues: [...state.issues, issue] }));
}
