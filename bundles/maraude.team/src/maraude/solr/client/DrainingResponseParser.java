package maraude.solr.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.solr.client.solrj.impl.BinaryResponseParser;
import org.apache.solr.common.util.NamedList;

/**
 * SolrJ's javabin parser that reads each response to its end. The JDK HTTP client puts an HTTP/1.1
 * connection back in its pool only when the body was read to the end; javabin stops at the last
 * value, before the client has seen the end of the body, and closing the stream then drops the
 * connection. Every request would open a new TLS connection (a full handshake on the client and on
 * the node); read to the end, they reuse a few kept-alive ones.
 */
final class DrainingResponseParser extends BinaryResponseParser {

    @Override
    public NamedList<Object> processResponse(InputStream body, String encoding) {
        NamedList<Object> response = super.processResponse(body, encoding);
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the response is whole; the connection is just not reused
        }
        return response;
    }
}
