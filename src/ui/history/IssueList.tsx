import { useLinkIssueText, type Issue } from '../shell/LinkIssues';

/** An imported file's issues, in the page's language (their texts load with them). */
export default function IssueList({ issues }: { issues: Issue[] }) {
  const renderIssue = useLinkIssueText();
  return (
    <ul>
      {issues.map((issue, index) => (
        <li key={index}>{renderIssue(issue)}</li>
      ))}
    </ul>
  );
}
