/** A deep link as text to select or copy (plain markup; each UI brings its copy button). */
export function LinkField({ url, copy }: { url: string; copy: JSX.Element }): JSX.Element {
  return (
    <span className="spp-link-field">
      <a href={url} className="spp-deep-link">{url}</a> {copy}
    </span>
  );
}
