/**
 * A button that opens the file picker: a visible label wrapping a hidden file input, so the
 * label is the input's accessible name and Enter/Space open the picker. The input is cleared
 * after each choice, so choosing the same file again still reports it.
 */
export function FileButton({
  label,
  accept,
  className = 'button',
  onFile,
}: {
  label: string;
  accept: string;
  className?: string;
  onFile: (file: File) => void;
}) {
  return (
    <label className={`${className} file-button`}>
      {label}
      <input
        type="file"
        accept={accept}
        className="visually-hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
