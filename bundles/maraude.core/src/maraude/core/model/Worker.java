package maraude.core.model;

import java.util.Objects;

/** A member of the team, named locally. Automated sends carry no worker. */
public record Worker(String id, String displayName) {

    public Worker {
        Objects.requireNonNull(id, "id"); //$NON-NLS-1$
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
    }
}
