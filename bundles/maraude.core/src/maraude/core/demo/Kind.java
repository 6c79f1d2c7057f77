package maraude.core.demo;

import maraude.core.model.Direction;

/** What a generated message is about; each kind has text variants per language in {@link DemoTexts}. */
enum Kind {
    // Written by the service.
    INTRO(Direction.OUTBOUND), KIT(Direction.OUTBOUND), KIT_SENT(Direction.OUTBOUND), DEPISTAGE(Direction.OUTBOUND), PREP(Direction.OUTBOUND),
    PEP(Direction.OUTBOUND), BUS(Direction.OUTBOUND), CPAS(Direction.OUTBOUND), LOGEMENT(Direction.OUTBOUND),
    VIOLENCE(Direction.OUTBOUND), RDV(Direction.OUTBOUND), RELANCE(Direction.OUTBOUND), ACK(Direction.OUTBOUND),
    CAUTION(Direction.OUTBOUND), CLOSE(Direction.OUTBOUND),
    // Written by the person.
    R_INTRO(Direction.INBOUND), R_KIT(Direction.INBOUND), R_ADDRESS(Direction.INBOUND),
    Q_DEPISTAGE(Direction.INBOUND), Q_PREP(Direction.INBOUND), Q_PEP(Direction.INBOUND), Q_CPAS(Direction.INBOUND),
    Q_LOGEMENT(Direction.INBOUND), Q_VIOLENCE(Direction.INBOUND), Q_RDV(Direction.INBOUND), THANKS(Direction.INBOUND),
    FAKE(Direction.INBOUND), STOP(Direction.INBOUND), NUDGE(Direction.INBOUND), CAPTION(Direction.INBOUND),
    // Platform lines.
    SYS(Direction.SYSTEM);

    final Direction direction;

    Kind(Direction direction) {
        this.direction = direction;
    }
}
