/**
 * One digest for one recipient on one working morning, in zh-CN: subject,
 * HTML and plain text of one message, from the items the digest workflow
 * gathered (contracts/digest.ts). The send activity only sends what this
 * returns; the group robots (mail/robots.ts) lay out the same view.
 */
import { renderDigestHtml } from './digest-html';
import { renderDigestText } from './digest-text';
import { digestView, type ComposeDigestInput, type DigestView } from './digest-view';

export type { ComposeDigestInput, DigestLinks, DigestProblem, DigestView } from './digest-view';
export { headerText } from './header';

export interface ComposedDigest {
  /** One line, at most 180 characters: safe for a header as it is. */
  subject: string;
  text: string;
  html: string;
  /** What both were laid out from; the group robots lay it out again as markdown. */
  view: DigestView;
}

export function composeDigest(input: ComposeDigestInput): ComposedDigest {
  const view = digestView(input);
  return { subject: view.subject, text: renderDigestText(view), html: renderDigestHtml(view), view };
}
