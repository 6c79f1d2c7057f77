package maraude.imports.internal;

import java.io.IOException;

/** A refusal of hostile or oversized input, with the problem code to report. */
public class LimitExceededException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public LimitExceededException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
