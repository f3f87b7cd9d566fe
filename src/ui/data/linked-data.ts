/**
 * The user's CSV inside share links, on the page's side: packing the loaded file for the address
 * bar and adopting the file a link carries. No side effects at import (unit tests load it in Node).
 */
import type { CsvChoice, CsvProblem } from '../../core/userdata/csv';
import { packData, unpackData, type PackedData } from '../../core/userdata/link-data';
import { addLinkIssue } from '../../store/link-issues';
import { useCustomData } from '../../store/persistence/custom-data';
import { csvWorker } from './csvClient';

/**
 * Takes the CSV that a share link carries (embedded when small), checked as if the user had just
 * chosen it. A damaged or refused file changes nothing: the page then asks for the file.
 */
export function adoptLinkedData(packed: PackedData | undefined): Promise<void> {
  // The custom loader waits for this, so a run opened by the same link trains on the linked file.
  adopting = adopt(packed).catch(() => undefined);
  return adopting;
}

let adopting: Promise<void> = Promise.resolve();

/** The adoption under way, if any: the custom dataset's loader waits for it. */
export function pendingAdoption(): Promise<void> {
  return adopting;
}

/** The saved file of an earlier visit has been looked for: only then is "not loaded" true. */
function restored(): Promise<void> {
  if (useCustomData.getState().restored) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useCustomData.subscribe((state) => {
      if (!state.restored) return;
      stop();
      resolve();
    });
  });
}

/** The link alert says what is wrong with the data a link carries or names, and which file. */
function refused(fileName: string, problem: CsvProblem | undefined): void {
  addLinkIssue({
    code: 'data-refused',
    params: { file: fileName, problem: problem?.message ?? '' },
    ...(problem ? { csv: problem } : {}),
    message: `The data file "${fileName}" in this link could not be used: ${problem?.message ?? ''}`,
  });
}

async function adopt(packed: PackedData | undefined): Promise<void> {
  if (!packed) return;
  if (packed.kind === 'reference') {
    await restored();
    if (useCustomData.getState().data?.fileName === packed.fileName) return;
    addLinkIssue({
      code: 'data-not-loaded',
      params: { file: packed.fileName },
      message: `This experiment trains on your file "${packed.fileName}", which is not loaded in this browser.`,
    });
    return;
  }
  const linked = unpackData(packed.packed);
  if (!linked) {
    addLinkIssue({
      code: 'data-damaged',
      params: {},
      message: 'The data in this link is damaged and was not loaded: choose the CSV file yourself.',
    });
    return;
  }
  const current = useCustomData.getState().data;
  if (current && current.text === linked.text) return;
  const parsed = await csvWorker().parseFor(linked.text, linked.choice);
  if (!parsed.ok) return refused(linked.fileName, parsed.problems[0]);
  const built = await csvWorker().build(parsed.table, linked.choice, { validationSplit: 0.2, seed: 1 });
  if (!built.ok) return refused(linked.fileName, built.problems[0]);
  useCustomData.setState({
    data: {
      fileName: linked.fileName,
      text: linked.text,
      table: parsed.table,
      columns: parsed.columns,
      choice: linked.choice,
      classNames: built.value.classNames,
    },
  });
}

let lastPacked: { text: string; choice: CsvChoice; packed: PackedData } | null = null;

/** The loaded CSV packed for a link; packed once per file, not on every change of the address bar. */
export function packedCustomData(): PackedData | undefined {
  const data = useCustomData.getState().data;
  if (!data) return undefined;
  if (lastPacked?.text !== data.text || lastPacked.choice !== data.choice) {
    lastPacked = {
      text: data.text,
      choice: data.choice,
      packed: packData({ fileName: data.fileName, text: data.text, choice: data.choice }),
    };
  }
  return lastPacked.packed;
}
