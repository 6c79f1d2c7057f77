package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import maraude.archive.analysis.PhoneNumbers;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = { "0470 12 34 56", "0470/12.34.56", "0470-12-34-56", "+32 470 12 34 56", "+32470123456",
            "0032 470 12 34 56", "+32 (0)470 12 34 56", "32470123456", "0470\u00A012\u00A034\u00A056" })
    void everySpellingOfABelgianMobileSharesAKey(String written) {
        Set<String> keys = PhoneNumbers.keysIn("appelle " + written + ", merci");
        assertTrue(keys.contains("470123456"), written + " -> " + keys);
    }

    @Test
    void nationalFormsGiveTheirNationalNumberInternationalOnesTheirTail() {
        assertEquals(List.of("470123456"), PhoneNumbers.keysOf("0470 12 34 56"));
        assertEquals(List.of("21234567"), PhoneNumbers.keysOf("02 123 45 67"));
        assertEquals(List.of("221234567", "21234567"), PhoneNumbers.keysOf("+32 2 123 45 67"));
        assertEquals(List.of("612345678", "12345678"), PhoneNumbers.keysOf("+33 6 12 34 56 78"));
    }

    @Test
    void wordsCodesAndShortNumbersAreNotPhones() {
        assertEquals(Set.of(), PhoneNumbers.keysIn("ref ab04701234567 et 20 euros, code 1234, 0470123456abc"));
        assertEquals(Set.of(), PhoneNumbers.keysIn("12345678901234567890 est trop long"));
        assertEquals(Set.of(), PhoneNumbers.keysIn(""));
        assertEquals(Set.of(), PhoneNumbers.keysIn(null));
        assertEquals(Set.of("470123456", "612345678"), PhoneNumbers.keysIn("0470123456 ou 0612345678"));
    }

    @Test
    void querySpansFindNumbersButNotSyntax() {
        assertEquals(1, PhoneNumbers.querySpans("lola 0470 12 34 56").size());
        assertEquals(0, PhoneNumbers.querySpans("phone:0470123456").size(), "already a field query");
        assertEquals(0, PhoneNumbers.querySpans("0470123456*").size(), "a prefix query");
        assertEquals(0, PhoneNumbers.querySpans("2024").size());
    }
}
