package maraude.imports.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.imports.ImportContext;
import maraude.imports.ImportFile;
import maraude.imports.ImportOptions;
import maraude.imports.ImportProblem;
import maraude.imports.ImportSink;
import maraude.imports.formats.SmsBackupImporter;
import maraude.imports.formats.WhatsAppImporter;

/**
 * Import throughput next to the time to merely read the same bytes, measured in the same run:
 * a generated WhatsApp export (default 1,000,000 messages, Android FR layout, 1 in 10 multi-line)
 * and a generated SMS Backup &amp; Restore file (default 200 MB). Parsing only (the archive is the
 * archive bundle's benchmark). Run: see the bundle's README.md.
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long smsBytes = args.length > 1 ? Long.parseLong(args[1]) << 20 : 200L << 20;
        Path dir = Files.createTempDirectory("maraude-bench"); //$NON-NLS-1$
        try {
            Path wa = dir.resolve("WhatsApp Chat with Bench.txt"); //$NON-NLS-1$
            writeWhatsApp(wa, messages);
            run("whatsapp", wa, new WhatsAppImporter()); //$NON-NLS-1$
            Path sms = dir.resolve("sms-bench.xml"); //$NON-NLS-1$
            writeSms(sms, smsBytes);
            run("sms-backup", sms, new SmsBackupImporter()); //$NON-NLS-1$
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(String name, Path file, maraude.imports.Importer importer) throws IOException {
        long size = Files.size(file);
        // warm-up, then measure: best of 3 for each
        long read = Long.MAX_VALUE;
        long parse = Long.MAX_VALUE;
        long count = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            long n = 0;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int k;
                while ((k = in.read(buf)) > 0) {
                    n += buf[k - 1]; // touch the bytes
                }
            }
            read = Math.min(read, System.nanoTime() - t0 + (n == Long.MIN_VALUE ? 1 : 0));
            Counting sink = new Counting();
            List<ImportProblem> problems = new ArrayList<>();
            long t1 = System.nanoTime();
            importer.read(ImportFile.of(file), ImportContext.collecting(ImportOptions.defaults(), problems), sink);
            parse = Math.min(parse, System.nanoTime() - t1);
            count = sink.messages;
            if (!problems.isEmpty()) {
                System.out.println("problems: " + problems.size()); //$NON-NLS-1$
            }
        }
        System.out.printf(Locale.ROOT, "%-10s %,d bytes, %,d messages%n", name, size, count); //$NON-NLS-1$
        System.out.printf(Locale.ROOT, "  read bytes only : %8.3f s  (%,.0f MB/s)%n", read / 1e9, size / 1e6 / (read / 1e9)); //$NON-NLS-1$
        System.out.printf(Locale.ROOT, "  import (parse)  : %8.3f s  (%,.0f messages/s, %,.0f MB/s)%n", parse / 1e9, //$NON-NLS-1$
                count / (parse / 1e9), size / 1e6 / (parse / 1e9));
        System.out.printf(Locale.ROOT, "  ratio import/read: %.1f%n", (double) parse / read); //$NON-NLS-1$
    }

    static void writeWhatsApp(Path f, int messages) throws IOException {
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.ROOT); //$NON-NLS-1$
        LocalDateTime t = LocalDateTime.of(2020, 1, 13, 8, 0);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("13/01/2020 08:00 - Les messages et les appels sont chiffrés de bout en bout.\n"); //$NON-NLS-1$
            for (int i = 0; i < messages; i++) {
                t = t.plusSeconds(37);
                w.write(fmt.format(t));
                w.write(i % 3 == 0 ? " - Maraude: " : " - Bench: "); //$NON-NLS-1$ //$NON-NLS-2$
                w.write("Bonjour, ceci est le message numéro "); //$NON-NLS-1$
                w.write(Integer.toString(i));
                if (i % 10 == 0) {
                    w.write("\nune deuxième ligne, avec : deux points"); //$NON-NLS-1$
                }
                w.write('\n');
            }
        }
    }

    static void writeSms(Path f, long bytes) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"0\">\n"); //$NON-NLS-1$
            long written = 60;
            long date = 1_600_000_000_000L;
            int i = 0;
            while (written < bytes) {
                String line = "  <sms protocol=\"0\" address=\"+324700" + (10000 + i % 500) + "\" date=\"" + (date += 41_000) //$NON-NLS-1$ //$NON-NLS-2$
                        + "\" type=\"" + (1 + i % 2) + "\" subject=\"null\" body=\"Message " + i //$NON-NLS-1$ //$NON-NLS-2$
                        + " &amp; un peu de texte pour faire la taille d'un vrai SMS&#10;ligne 2\" read=\"1\" status=\"-1\" " //$NON-NLS-1$
                        + "locked=\"0\" date_sent=\"0\" readable_date=\"x\" contact_name=\"Contact " + (i % 500) + "\" />\n"; //$NON-NLS-1$ //$NON-NLS-2$
                w.write(line);
                written += line.length();
                i++;
            }
            w.write("</smses>\n"); //$NON-NLS-1$
        }
    }

    /** Counts what would be written; keeps nothing. */
    private static final class Counting implements ImportSink {
        long messages;

        @Override
        public void contact(Contact contact) {
            // counted through messages
        }

        @Override
        public void conversation(Conversation conversation) {
            // counted through messages
        }

        @Override
        public void message(Message message) {
            messages++;
        }

        @Override
        public Attachment attachment(InputStream content, String mediaType, String fileName) throws IOException {
            return new Attachment("0".repeat(64), mediaType, fileName, content.transferTo(java.io.OutputStream.nullOutputStream())); //$NON-NLS-1$
        }
    }
}
