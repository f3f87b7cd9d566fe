import type { PageProps } from '../pages';

export default function PlaygroundPage(_props: PageProps) {
  return <p>…</p>;
}
