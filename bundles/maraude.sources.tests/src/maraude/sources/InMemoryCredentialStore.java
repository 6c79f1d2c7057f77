package maraude.sources;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Credentials kept in memory only (tests, or a session where nothing may be stored). */
public final class InMemoryCredentialStore implements CredentialStore {

    private final Map<String, Credentials> map = new ConcurrentHashMap<>();

    @Override
    public Optional<Credentials> get(String sourceId) {
        return Optional.ofNullable(map.get(sourceId));
    }

    @Override
    public void put(String sourceId, Credentials credentials) {
        map.put(sourceId, credentials);
    }

    @Override
    public void remove(String sourceId) {
        map.remove(sourceId);
    }
}
