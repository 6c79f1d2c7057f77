package maraude.templates;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A set of reply templates. The shipped library is one JSON file per language under
 * {@code templates/} in this bundle; a team exports and imports a set as one file of the same format:
 *
 * <pre>
 * {"format": "maraude-templates", "version": 1, "templates": [ {"id", "category", "language",
 *   "title", "bulk", "text", "keywords": [..], "examples": [..]} ]}
 * </pre>
 */
public final class TemplateLibrary {

    public static final String FORMAT = "maraude-templates"; //$NON-NLS-1$
    public static final int VERSION = 1;
    /** Shipped files, one per supported language. */
    static final List<String> DEFAULT_FILES = Languages.SUPPORTED.stream().map(l -> "templates/" + l + ".json") //$NON-NLS-1$ //$NON-NLS-2$
            .toList();

    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    static final int MAX_TEMPLATES = 5000;
    static final int MAX_LIST = 200;
    static final int MAX_TEXT = 4000;
    static final int MAX_ITEM = 600;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}"); //$NON-NLS-1$

    private final List<Template> templates;
    private final Map<String, Template> byId;

    public TemplateLibrary(List<Template> templates) {
        Map<String, Template> m = new LinkedHashMap<>();
        for (Template t : templates) {
            if (m.putIfAbsent(t.id(), t) != null) {
                throw new IllegalArgumentException(Messages.format(Messages.TemplateFormat_duplicateId, t.id()));
            }
        }
        this.templates = List.copyOf(templates);
        this.byId = Collections.unmodifiableMap(m);
    }

    /** The library shipped in this bundle. */
    public static TemplateLibrary loadDefault() {
        List<Template> all = new ArrayList<>();
        ClassLoader cl = TemplateLibrary.class.getClassLoader();
        for (String file : DEFAULT_FILES) {
            try (InputStream in = cl.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing bundled resource " + file); //$NON-NLS-1$
                }
                all.addAll(parse(in, file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (TemplateFormatException e) {
                // The shipped files are validated by the tests: failing here is a packaging bug.
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return new TemplateLibrary(all);
    }

    /** The team's own templates, beside the archive; same format as an exported set. */
    public static final String TEAM_FILE = "templates.json"; //$NON-NLS-1$

    /** Where the team's templates of an archive live. */
    public static Path teamFile(Path archiveFolder) {
        return archiveFolder.resolve(TEAM_FILE);
    }

    /**
     * The effective library of an archive: the shipped library, with the team's templates
     * ({@code <archive>/templates.json}) replacing shipped ones of the same id and added after them.
     * The single place where the workbench and the command line get their templates from.
     *
     * @throws TemplateFormatException when the team file exists but cannot be read as a template set
     */
    public static TemplateLibrary forArchive(Path archiveFolder) throws IOException, TemplateFormatException {
        return loadDefault().merge(loadTeam(archiveFolder));
    }

    /** The team's templates of an archive; empty when it has no team file. */
    public static List<Template> loadTeam(Path archiveFolder) throws IOException, TemplateFormatException {
        Path file = teamFile(archiveFolder);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return load(file).templates();
    }

    /**
     * Replaces the team's templates of an archive. Written to a temporary file in the same folder then
     * moved over the old one, so that a crash or a full disk never leaves a half-written set.
     */
    public static void writeTeam(Path archiveFolder, List<Template> templates) throws IOException {
        Files.createDirectories(archiveFolder);
        writeFile(teamFile(archiveFolder), templates);
    }

    /**
     * Writes a template set to a file atomically: a temporary file in the same folder, moved over
     * the target once complete. Duplicate ids are refused before anything is written.
     */
    public static void writeFile(Path target, List<Template> templates) throws IOException {
        new TemplateLibrary(templates);
        Path folder = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(folder, target.getFileName().toString(), ".tmp"); //$NON-NLS-1$
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(templates, out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static TemplateLibrary load(Path file) throws IOException, TemplateFormatException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new TemplateFormatException(file.toString(), 0, 0, Messages.TemplateFormat_tooLarge);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new TemplateLibrary(parse(in, file.toString()));
        }
    }

    /**
     * Parses one template file.
     *
     * @param source the name used in error messages
     */
    public static List<Template> parse(InputStream in, String source) throws IOException, TemplateFormatException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new TemplateFormatException(source, 0, 0, Messages.TemplateFormat_tooLarge);
        }
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                        .maxStringLength(MAX_FILE_BYTES).build())
                .build();
        ObjectMapper mapper = new ObjectMapper(f);
        List<Template> out = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        try (JsonParser p = f.createParser(new ByteArrayInputStream(bytes))) {
            p.setCodec(mapper);
            JsonLocation start = p.currentLocation();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(source, p.currentLocation(), Messages.TemplateFormat_notAnObject);
            }
            String format = null;
            int version = -1;
            boolean sawTemplates = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                case "format" -> format = value == JsonToken.VALUE_STRING ? p.getText() : null; //$NON-NLS-1$
                case "version" -> version = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1; //$NON-NLS-1$
                case "templates" -> { //$NON-NLS-1$
                    if (!FORMAT.equals(format) || version != VERSION) {
                        throw error(source, p.currentLocation(), Messages.TemplateFormat_badHeader);
                    }
                    if (value != JsonToken.START_ARRAY) {
                        throw error(source, p.currentLocation(), Messages.format(Messages.TemplateFormat_badField, field));
                    }
                    sawTemplates = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonLocation at = p.currentTokenLocation();
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            throw error(source, at, Messages.TemplateFormat_notAnObject);
                        }
                        JsonNode node = p.readValueAsTree();
                        Template t = toTemplate(node, source, at);
                        if (seen.putIfAbsent(t.id(), at.getLineNr() + 0L) != null) {
                            throw error(source, at, Messages.format(Messages.TemplateFormat_duplicateId, t.id()));
                        }
                        if (out.size() >= MAX_TEMPLATES) {
                            throw error(source, at, Messages.format(Messages.TemplateFormat_tooMany, MAX_TEMPLATES));
                        }
                        out.add(t);
                    }
                }
                default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw error(source, p.currentLocation(), Messages.format(Messages.TemplateFormat_malformed, "")); //$NON-NLS-1$
            }
            if (!sawTemplates) {
                throw error(source, start, Messages.TemplateFormat_badHeader);
            }
            if (p.nextToken() != null) {
                throw error(source, p.currentLocation(), Messages.format(Messages.TemplateFormat_malformed, "")); //$NON-NLS-1$
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new TemplateFormatException(source, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    Messages.format(Messages.TemplateFormat_malformed, e.getOriginalMessage()), e);
        }
        return out;
    }

    private static Template toTemplate(JsonNode n, String source, JsonLocation at) throws TemplateFormatException {
        String id = text(n, "id", source, at, 100); //$NON-NLS-1$
        if (!ID.matcher(id).matches()) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_badId, id));
        }
        String cat = text(n, "category", source, at, 40); //$NON-NLS-1$
        Category category = Category.fromKey(cat);
        if (category == null) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_badCategory, cat));
        }
        String language = text(n, "language", source, at, 10); //$NON-NLS-1$
        if (!Languages.isSupported(language)) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_badLanguage, language));
        }
        String text = text(n, "text", source, at, MAX_TEXT); //$NON-NLS-1$
        int bad = Placeholders.firstMalformedBrace(text);
        if (bad >= 0) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_badBrace, id, bad, "{permanence_hours}"));
        }
        JsonNode titleNode = n.get("title"); //$NON-NLS-1$
        if (titleNode != null && !titleNode.isNull() && (!titleNode.isTextual() || titleNode.textValue().length() > 200)) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_badField, "title")); //$NON-NLS-1$
        }
        String title = titleNode != null && titleNode.isTextual() ? titleNode.textValue() : ""; //$NON-NLS-1$
        JsonNode bulkNode = n.get("bulk"); //$NON-NLS-1$
        if (bulkNode != null && !bulkNode.isBoolean()) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_badField, "bulk")); //$NON-NLS-1$
        }
        List<String> keywords = list(n, "keywords", source, at, false); //$NON-NLS-1$
        List<String> examples = list(n, "examples", source, at, true); //$NON-NLS-1$
        if (examples.isEmpty()) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_noExamples, id));
        }
        return new Template(id, category, language, title, bulkNode != null && bulkNode.booleanValue(), text, keywords,
                examples);
    }

    private static String text(JsonNode n, String field, String source, JsonLocation at, int max)
            throws TemplateFormatException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_missingField, field));
        }
        if (!v.isTextual()) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_badField, field));
        }
        if (v.textValue().length() > max) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_tooLong, field, max));
        }
        return v.textValue();
    }

    private static List<String> list(JsonNode n, String field, String source, JsonLocation at, boolean required)
            throws TemplateFormatException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw error(source, at, Messages.format(Messages.TemplateFormat_missingField, field));
            }
            return List.of();
        }
        if (!v.isArray()) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_badField, field));
        }
        if (v.size() > MAX_LIST) {
            throw error(source, at, Messages.format(Messages.TemplateFormat_tooMany, MAX_LIST));
        }
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = v.elements(); it.hasNext();) {
            JsonNode e = it.next();
            if (!e.isTextual()) {
                throw error(source, at, Messages.format(Messages.TemplateFormat_badField, field));
            }
            if (e.textValue().length() > MAX_ITEM) {
                throw error(source, at, Messages.format(Messages.TemplateFormat_tooLong, field, MAX_ITEM));
            }
            if (!e.textValue().isBlank()) {
                out.add(e.textValue().strip());
            }
        }
        return out;
    }

    private static TemplateFormatException error(String source, JsonLocation at, String detail) {
        return new TemplateFormatException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                detail);
    }

    /** Writes the given templates as one shareable file (UTF-8 JSON, pretty printed). */
    public static void write(List<Template> templates, OutputStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT); //$NON-NLS-1$
        root.put("version", VERSION); //$NON-NLS-1$
        ArrayNode arr = root.putArray("templates"); //$NON-NLS-1$
        for (Template t : templates) {
            ObjectNode o = arr.addObject();
            o.put("id", t.id()); //$NON-NLS-1$
            o.put("category", t.category().key()); //$NON-NLS-1$
            o.put("language", t.language()); //$NON-NLS-1$
            o.put("title", t.title()); //$NON-NLS-1$
            o.put("bulk", t.bulk()); //$NON-NLS-1$
            o.put("text", t.text()); //$NON-NLS-1$
            ArrayNode k = o.putArray("keywords"); //$NON-NLS-1$
            t.keywords().forEach(k::add);
            ArrayNode e = o.putArray("examples"); //$NON-NLS-1$
            t.examples().forEach(e::add);
        }
        mapper.writeValue(out, root);
    }

    /** Exports the whole library. */
    public void export(OutputStream out) throws IOException {
        write(templates, out);
    }

    /**
     * A new library where the imported templates replace those with the same id and the others are
     * added after them.
     */
    public TemplateLibrary merge(List<Template> imported) {
        Map<String, Template> m = new LinkedHashMap<>(byId);
        for (Template t : imported) {
            m.put(t.id(), t);
        }
        return new TemplateLibrary(new ArrayList<>(m.values()));
    }

    public List<Template> templates() {
        return templates;
    }

    public Optional<Template> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Template> byCategory(Category category) {
        return templates.stream().filter(t -> t.category() == category).toList();
    }

    /** The first template of the category in the language, if any. */
    public Optional<Template> find(Category category, String language) {
        return templates.stream().filter(t -> t.category() == category && t.language().equals(language)).findFirst();
    }
}
