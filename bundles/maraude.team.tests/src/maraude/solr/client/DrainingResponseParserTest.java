package maraude.solr.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.InputStream;

import org.apache.solr.client.solrj.impl.BinaryResponseParser;
import org.apache.solr.common.util.JavaBinCodec;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.junit.jupiter.api.Test;

/**
 * The JDK HTTP client keeps a connection only when the response was read to its end: the team
 * archive's parser reads it there, SolrJ's javabin parser stops at the last value.
 */
class DrainingResponseParserTest {

    /** A response body that records whether its reader saw the end. */
    private static final class Body extends FilterInputStream {
        boolean endSeen;

        Body(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            endSeen |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            endSeen |= n < 0;
            return n;
        }
    }

    private static byte[] javabin() throws Exception {
        NamedList<Object> response = new SimpleOrderedMap<>();
        response.add("status", 0); //$NON-NLS-1$
        response.add("ids", java.util.List.of("m-1", "m-2")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JavaBinCodec codec = new JavaBinCodec()) {
            codec.marshal(response, out);
        }
        return out.toByteArray();
    }

    @Test
    void theResponseIsReadToItsEnd() throws Exception {
        Body plain = new Body(javabin());
        NamedList<Object> a = new BinaryResponseParser().processResponse(plain, null);
        assertFalse(plain.endSeen, "SolrJ's parser stops at the last value"); //$NON-NLS-1$

        Body drained = new Body(javabin());
        NamedList<Object> b = new DrainingResponseParser().processResponse(drained, null);
        assertTrue(drained.endSeen);
        assertEquals(a.toString(), b.toString());
        assertEquals(java.util.List.of("m-1", "m-2"), b.get("ids")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    @Test
    void aBodyThatEndsEarlyStillGivesItsResponse() throws Exception {
        byte[] bytes = javabin();
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            private int left = bytes.length;

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (left == 0) {
                    throw new java.io.IOException("connection reset"); //$NON-NLS-1$
                }
                int n = super.read(b, off, Math.min(len, left));
                left -= Math.max(0, n);
                return n;
            }
        };
        assertEquals(0, new DrainingResponseParser().processResponse(failing, null).get("status")); //$NON-NLS-1$
    }
}
