/** A list of located problems (`line:column: message`, `steps[2].goal: ...`), each as code. */
export function Diagnostics(props: { lines: readonly string[] }) {
  if (props.lines.length === 0) return null;
  return (
    <ul className="diagnostics">
      {props.lines.map((l, i) => (
        <li key={i}>
          <code>{l}</code>
        </li>
      ))}
    </ul>
  );
}
