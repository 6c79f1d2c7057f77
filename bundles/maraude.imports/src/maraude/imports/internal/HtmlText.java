package maraude.imports.internal;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
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
