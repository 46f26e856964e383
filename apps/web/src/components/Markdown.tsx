import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

export interface MarkdownProps {
  readonly text: string;
  /**
   * A link that is not absolute (`docs/setup.md`, `../LICENSE`): return what to render instead, or
   * null to show just its text. Absolute links open in a new tab.
   */
  readonly renderRelativeLink?: (href: string, children: ReactNode) => ReactNode;
  /** Inline code: return a replacement (a citation link, say) or null to show it as code. */
  readonly renderInlineCode?: (text: string) => ReactNode;
  /**
   * False shows absolute links as text with their address and images as their alt text: for a language
   * model's answer, which repository text could have steered towards a link or an image URL that leaks data.
   */
  readonly linkExternal?: boolean;
  readonly className?: string;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Markdown from a repository or a language model, rendered safely: raw HTML is dropped (never
 * injected), link targets go through react-markdown's URL filter (no `javascript:`), images load only
 * over https and without a referrer, and external links cannot reach back into this page.
 */
export function Markdown({ text, renderRelativeLink, renderInlineCode, linkExternal = true, className }: MarkdownProps) {
  const components: Components = {
    a: ({ href, children }) => {
      if (href === undefined || href === '') return <>{children}</>;
      if (href.startsWith('#')) return <span className="md-anchor">{children}</span>;
      if (!ABSOLUTE.test(href)) return renderRelativeLink !== undefined ? <>{renderRelativeLink(href, children)}</> : <>{children}</>;
      if (!linkExternal) {
        return (
          <span className="md-link-text">
            {children} <span className="muted">({href})</span>
          </span>
        );
      }
      return (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    },
    // An image URL is a request the page makes on its own: in an answer it could carry data out, so only alt text.
    img: ({ src, alt }) =>
      linkExternal && typeof src === 'string' && src.startsWith('https://') ? (
        <img src={src} alt={alt ?? ''} loading="lazy" referrerPolicy="no-referrer" />
      ) : alt !== undefined && alt !== '' ? (
        <span className="md-image-alt">[{alt}]</span>
      ) : null,
    code: ({ className: codeClass, children }) => {
      const content = String(children);
      const inline = codeClass === undefined && !content.includes('\n');
      if (inline && renderInlineCode !== undefined) {
        const replaced = renderInlineCode(content);
        if (replaced !== null) return <>{replaced}</>;
      }
      return <code className={codeClass}>{children}</code>;
    },
  };
  return (
    <div className={`markdown${className === undefined ? '' : ` ${className}`}`}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
