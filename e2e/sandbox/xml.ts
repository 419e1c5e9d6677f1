/** A minimal XML tree: enough for AWS Query responses, with escaping in exactly one place. */
export interface XmlElement {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly content: string | readonly XmlElement[];
}

export function el(name: string, content: string | readonly XmlElement[] = []): XmlElement {
  return { name, content };
}

/** An element only when the value is present, for AWS's optional members. */
export function optionalEl(name: string, value: string | undefined): XmlElement[] {
  return value === undefined ? [] : [el(name, value)];
}

/** AWS Query lists: `<Name><member>…</member>…</Name>`. */
export function memberList(name: string, items: readonly (string | readonly XmlElement[])[]) {
  return el(
    name,
    items.map((item) => el('member', item)),
  );
}

/** Text content needs only &, < and > escaped; quotes stay as AWS writes them. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>\r]/g, (char) => ESCAPES[char] ?? char);
}

function escapeAttribute(value: string): string {
  return escapeXml(value).replaceAll('"', '&quot;');
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // A raw CR would be normalised away by any XML parser.
  '\r': '&#13;',
};

export function renderXml(element: XmlElement): string {
  const attributes = Object.entries(element.attributes ?? {})
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  const { content } = element;
  if (typeof content === 'string') {
    return `<${element.name}${attributes}>${escapeXml(content)}</${element.name}>`;
  }
  if (content.length === 0) return `<${element.name}${attributes}/>`;
  return `<${element.name}${attributes}>${content.map(renderXml).join('')}</${element.name}>`;
}
