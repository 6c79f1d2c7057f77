package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import maraude.ui.team.TypedFingerprint;
import maraude.ui.team.TypedFingerprint.Verdict;

/** What a worker may type for a renewed server certificate (#18): the administrator's digits, as they come. */
class TypedFingerprintTest {

    /** SHA-256 of a real certificate, as {@code team-server} prints it. */
    private static final String PRESENTED = "3F:A9:07:C2:5E:11:D4:8B:60:9A:E3:2C:71:BF:08:45:9D:26:E0:7A:13:C8:5B:F4:02:6E:A1:97:3D:C0:58:EB"; //$NON-NLS-1$

    @Test
    void theAdministratorsDigitsMatchWhateverTheirCaseColonsOrSpaces() {
        assertEquals(Verdict.MATCH, TypedFingerprint.check(PRESENTED, PRESENTED));
        assertEquals(Verdict.MATCH, TypedFingerprint.check("3fa907c25e11d48b", PRESENTED)); //$NON-NLS-1$
        assertEquals(Verdict.MATCH, TypedFingerprint.check(" 3F A9 07 C2 5E 11 D4 8B 60\t", PRESENTED)); //$NON-NLS-1$
        assertEquals(Verdict.MATCH, TypedFingerprint.check("3f:a9:07:c2:5e:11:d4:8b", PRESENTED.toLowerCase(java.util.Locale.ROOT))); //$NON-NLS-1$
    }

    @Test
    void fewerThanSixteenDigitsAreNotEnough() {
        assertEquals(Verdict.TOO_SHORT, TypedFingerprint.check("", PRESENTED)); //$NON-NLS-1$
        assertEquals(Verdict.TOO_SHORT, TypedFingerprint.check("3F:A9:07:C2:5E:11:D4:8", PRESENTED)); //$NON-NLS-1$
        assertEquals(1, TypedFingerprint.missing("3F:A9:07:C2:5E:11:D4:8")); //$NON-NLS-1$
        assertEquals(16, TypedFingerprint.missing(":: ")); //$NON-NLS-1$
    }

    @Test
    void anythingElseIsAMismatch() {
        assertEquals(Verdict.MISMATCH, TypedFingerprint.check("3F:A9:07:C2:5E:11:D4:8C", PRESENTED), "one digit off"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Verdict.MISMATCH, TypedFingerprint.check("A9:07:C2:5E:11:D4:8B:60", PRESENTED), "not the start"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Verdict.MISMATCH, TypedFingerprint.check("3F-A9-07-C2-5E-11-D4-8B", PRESENTED), "another separator"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Verdict.MISMATCH, TypedFingerprint.check("3FA907C25E11D48B609AE32C71BF08459D26E07A13C85BF4026EA1973DC058EB00", //$NON-NLS-1$
                PRESENTED), "longer than the fingerprint"); //$NON-NLS-1$
        assertEquals(Verdict.MISMATCH, TypedFingerprint.check("3F", "GG"), "a presented value that is no fingerprint"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }
}
