package maraude.images;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The team's reveal rules (team setting {@value #SETTING}): the {@link RevealTier} of each
 * {@link PictureClass}, and an alert level. A picture gets the tier of its most likely class, raised
 * to the tier of any class whose probability reaches the alert level (a picture 35 % Porn is not
 * shown like a document even when Neutral wins). Whatever the rules, pictures are always shown
 * blurred first and list thumbnails always blurred: the rules only choose how strongly and whether
 * revealing asks twice.
 *
 * <p>Setting syntax, e.g. the default:
 * {@code Drawing=light, Neutral=light, Sexy=stronger, Porn=strongest, Hentai=strongest, alert=0.3};
 * classes left out keep their default.</p>
 */
public final class PictureRules {

    /** Key of the team setting (team.properties beside the archive). */
    public static final String SETTING = "images_picture_rules"; //$NON-NLS-1$

    public static final PictureRules DEFAULT = new PictureRules(defaults(), 0.3);

    private final Map<PictureClass, RevealTier> tiers;
    private final double alert;

    private PictureRules(Map<PictureClass, RevealTier> tiers, double alert) {
        this.tiers = new EnumMap<>(tiers);
        this.alert = alert;
    }

    private static Map<PictureClass, RevealTier> defaults() {
        Map<PictureClass, RevealTier> m = new EnumMap<>(PictureClass.class);
        m.put(PictureClass.DRAWING, RevealTier.LIGHT);
        m.put(PictureClass.NEUTRAL, RevealTier.LIGHT);
        m.put(PictureClass.SEXY, RevealTier.STRONGER);
        m.put(PictureClass.PORN, RevealTier.STRONGEST);
        m.put(PictureClass.HENTAI, RevealTier.STRONGEST);
        return m;
    }

    /**
     * Reads the setting; {@code null} or blank gives {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the part that is not understood
     */
    public static PictureRules parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT;
        }
        Map<PictureClass, RevealTier> m = defaults();
        double alert = DEFAULT.alert;
        for (String part : setting.split("[,;]")) { //$NON-NLS-1$
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(part.strip());
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equalsIgnoreCase("alert")) { //$NON-NLS-1$
                try {
                    alert = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(part.strip(), e);
                }
                if (!(alert > 0 && alert <= 1)) {
                    throw new IllegalArgumentException(part.strip());
                }
            } else {
                RevealTier tier;
                try {
                    tier = RevealTier.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(part.strip(), e);
                }
                m.put(PictureClass.of(key), tier);
            }
        }
        return new PictureRules(m, alert);
    }

    public RevealTier tier(PictureClass c) {
        return tiers.get(c);
    }

    public double alert() {
        return alert;
    }

    /** The tier of a picture; {@link RevealTier#STRONGEST} when it is not scored yet. */
    public RevealTier tier(ExplicitnessScore score) {
        if (score == null) {
            return RevealTier.STRONGEST;
        }
        RevealTier t = tiers.get(score.top());
        for (PictureClass c : PictureClass.values()) {
            if (score.probability(c) >= alert && tiers.get(c).compareTo(t) > 0) {
                t = tiers.get(c);
            }
        }
        return t;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (PictureClass c : PictureClass.values()) {
            b.append(c.label()).append('=').append(tiers.get(c).name().toLowerCase(Locale.ROOT)).append(", "); //$NON-NLS-1$
        }
        return b.append("alert=").append(alert).toString(); //$NON-NLS-1$
    }
}
