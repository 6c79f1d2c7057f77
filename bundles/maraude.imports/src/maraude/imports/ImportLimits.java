package maraude.imports;

/**
 * Hard limits that keep hostile input from exhausting memory, disk or time. Every limit refuses
 * cleanly with a reported problem; none silently truncates stored data.
 *
 * @param maxLineChars       longest text line accepted (longer lines are reported and skipped)
 * @param maxZipEntries      most entries in one zip
 * @param maxZipTotalBytes   most bytes inflated from one zip, counted while reading (headers are not trusted)
 * @param maxZipEntryBytes   most bytes inflated from one entry
 * @param maxZipRatio        largest inflated/compressed ratio once an entry passed 1 MiB
 * @param maxDocumentBytes   largest file loaded whole (JSON tree, HTML page, one e-mail)
 * @param maxNestingDepth    deepest JSON or HTML nesting
 * @param maxQuarantineBytes most bytes copied to quarantine per file
 */
public record ImportLimits(int maxLineChars, int maxZipEntries, long maxZipTotalBytes, long maxZipEntryBytes,
        int maxZipRatio, long maxDocumentBytes, int maxNestingDepth, long maxQuarantineBytes) {

    public static ImportLimits defaults() {
        return new ImportLimits(1 << 20, 100_000, 16L << 30, 4L << 30, 200, 256L << 20, 200, 64L << 20);
    }

    public ImportLimits withMaxLineChars(int v) {
        return new ImportLimits(v, maxZipEntries, maxZipTotalBytes, maxZipEntryBytes, maxZipRatio, maxDocumentBytes,
                maxNestingDepth, maxQuarantineBytes);
    }

    public ImportLimits withZip(int entries, long totalBytes, long entryBytes, int ratio) {
        return new ImportLimits(maxLineChars, entries, totalBytes, entryBytes, ratio, maxDocumentBytes,
                maxNestingDepth, maxQuarantineBytes);
    }

    public ImportLimits withMaxDocumentBytes(long v) {
        return new ImportLimits(maxLineChars, maxZipEntries, maxZipTotalBytes, maxZipEntryBytes, maxZipRatio, v,
                maxNestingDepth, maxQuarantineBytes);
    }

    public ImportLimits withMaxNestingDepth(int v) {
        return new ImportLimits(maxLineChars, maxZipEntries, maxZipTotalBytes, maxZipEntryBytes, maxZipRatio,
                maxDocumentBytes, v, maxQuarantineBytes);
    }
}
