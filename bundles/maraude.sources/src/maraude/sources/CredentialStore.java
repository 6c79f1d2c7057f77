package maraude.sources;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the secrets of sources live, keyed by source id: never in {@code sources.json}, never in
 * plain preferences, never in logs. {@link SecureStorageCredentialStore} keeps them in Eclipse
 * secure storage; the tests keep them in memory.
 */
public interface CredentialStore {

    Optional<Credentials> get(String sourceId) throws IOException;

    void put(String sourceId, Credentials credentials) throws IOException;

    void remove(String sourceId) throws IOException;
}
