package maraude.sources.phone;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import maraude.sources.Messages;

/**
 * The pages the phone sees: the short-code form, the upload form and one-line answers. Static
 * HTML with no external resource and no script, under a content security policy that allows
 * neither; every text escaped.
 */
final class DropPages {

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src 'none'"; //$NON-NLS-1$
    private static final String PAGE_STYLE = "body{font-family:sans-serif;margin:1.5em;max-width:40em}" //$NON-NLS-1$
            + "input,button{font-size:1.2em;margin:.5em 0}"; //$NON-NLS-1$

    private DropPages() {
    }

    static void codePage(Response response, Callback callback) {
        String body = "<p>" + esc(Messages.phoneCodeIntro) + "</p><form method=\"get\" action=\"/c\">" //$NON-NLS-1$ //$NON-NLS-2$
                + "<input name=\"code\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"6\" required> " //$NON-NLS-1$
                + "<button type=\"submit\">" + esc(Messages.phoneCodeButton) + "</button></form>"; //$NON-NLS-1$ //$NON-NLS-2$
        html(response, callback, 200, body);
    }

    static void uploadPage(Response response, Callback callback, String t) {
        String body = "<p>" + esc(Messages.phoneIntro) + "</p>" //$NON-NLS-1$ //$NON-NLS-2$
                + "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/d/" + t + "\">" //$NON-NLS-1$ //$NON-NLS-2$
                + "<label>" + esc(Messages.phoneChoose) //$NON-NLS-1$
                + " <input type=\"file\" name=\"file\" accept=\".zip,.txt,application/zip,text/plain\" required></label><br>" //$NON-NLS-1$
                + "<button type=\"submit\">" + esc(Messages.phoneSend) + "</button></form>"; //$NON-NLS-1$ //$NON-NLS-2$
        html(response, callback, 200, body);
    }

    static void page(Response response, Callback callback, int status, String text) {
        html(response, callback, status, "<p>" + esc(text) + "</p>"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    static void html(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8"); //$NON-NLS-1$
        headers(response);
        String doc = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" //$NON-NLS-1$
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" //$NON-NLS-1$
                + "<title>" + esc(Messages.phoneTitle) + "</title><style>" + PAGE_STYLE + "</style></head><body><h1>" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                + esc(Messages.phoneTitle) + "</h1>" + body + "</body></html>"; //$NON-NLS-1$ //$NON-NLS-2$
        Content.Sink.write(response, true, doc, callback);
    }

    /** The headers of every answer: no caching, no referrer, no sniffing, the policy. */
    static void headers(Response response) {
        response.getHeaders().put("Content-Security-Policy", CSP); //$NON-NLS-1$
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store"); //$NON-NLS-1$
        response.getHeaders().put("Referrer-Policy", "no-referrer"); //$NON-NLS-1$ //$NON-NLS-2$
        response.getHeaders().put("X-Content-Type-Options", "nosniff"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
    }
}
