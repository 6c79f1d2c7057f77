package maraude.sources;

/**
 * What a web inbox logs in with: a user name and password for the login form, or a session cookie
 * pasted from a browser ({@code name=value; name2=value2}). Never logged, never written to
 * {@code sources.json}; {@link #toString()} hides the secrets.
 */
public record Credentials(String user, String password, String cookie) {

    public static Credentials login(String user, String password) {
        return new Credentials(user, password, null);
    }

    public static Credentials cookie(String cookie) {
        return new Credentials(null, null, cookie);
    }

    public boolean hasCookie() {
        return cookie != null && !cookie.isBlank();
    }

    public boolean hasLogin() {
        return user != null && !user.isBlank() && password != null;
    }

    @Override
    public String toString() {
        return "Credentials[" + (hasLogin() ? "login" : "") + (hasCookie() ? " cookie" : "") + ']'; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
    }
}
