package maraude.imports.internal;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** HTML to plain text with JSoup: parsed from a string only (nothing is ever fetched), nesting bounded. */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$
            "blockquote", "pre", "table", "ul", "ol", "section", "article", "header", "footer"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$

    private HtmlText() {
    }

    public static Document parse(String html, int maxDepth) {
        Parser p = Parser.htmlParser().setMaxDepth(maxDepth);
        return Jsoup.parse(html, "", p); //$NON-NLS-1$
    }

    /**
     * Where JSoup's nesting limit changed the page, as a 1-based line; 0 when the limit was not
     * reached. JSoup does not say when it closes elements to stay within {@code maxDepth} (their
     * content goes to a shallower parent, so a message block can lose its shape): an element at
     * the limit shows it, and the page is then parsed again with positions to find its line.
     */
    public static long depthLimitLine(Document doc, String html, int maxDepth) {
        if (deepest(doc, maxDepth) == null) {
            return 0;
        }
        Document again = Jsoup.parse(html, "", Parser.htmlParser().setMaxDepth(maxDepth).setTrackPosition(true)); //$NON-NLS-1$
        Element at = deepest(again, maxDepth);
        return at == null ? 0 : Math.max(1, at.sourceRange().start().lineNumber());
    }

    private static Element deepest(Document doc, int maxDepth) {
        Element[] found = new Element[1];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element e && depth >= maxDepth) {
                    found[0] = e;
                    return FilterResult.STOP;
                }
                return FilterResult.CONTINUE;
            }
        }, doc);
        return found[0];
    }

    public static String toText(String html, int maxDepth) {
        Document d = parse(html, maxDepth);
        d.select("script, style, head").remove(); //$NON-NLS-1$
        return text(d.body() == null ? d : d.body());
    }

    /** Text of an element keeping line breaks of {@code <br>} and block elements. */
    public static String text(Element root) {
        StringBuilder b = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    b.append(t.getWholeText().replaceAll("[ \\t\\r\\n]+", " ")); //$NON-NLS-1$ //$NON-NLS-2$
                } else if (node instanceof Element e) {
                    if (e.normalName().equals("br")) { //$NON-NLS-1$
                        b.append('\n');
                    } else if (BLOCKS.contains(e.normalName())) {
                        newline(b);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(b);
                }
            }
        }, root);
        return b.toString().replaceAll("(?m)[ \\t]+$", "").replaceAll("(?m)^[ \\t]+", "").replaceAll("\n{3,}", "\n\n") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                .strip();
    }

    private static void newline(StringBuilder b) {
        if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
            b.append('\n');
        }
    }
}
