package io.aerie.backup;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a backup file in Aerospike's text format ("Version 3.1", or "3.0" without escaping), one
 * record at a time. Secondary-index and UDF lines are counted and skipped. Anything that does not
 * follow the format stops the read with a message naming the line.
 */
public final class AsbReader implements AutoCloseable {
    private final InputStream in;
    private final boolean escaped;
    private @Nullable String namespace;
    private int line = 1;
    private long bytesRead;
    private int skippedGlobals;
    private int peeked = -2;

    /** Opens a reader and checks the version line. */
    public AsbReader(InputStream input) {
        this.in = new BufferedInputStream(input, 1 << 16);
        byte[] v = readBytes(12);
        String version = new String(v, StandardCharsets.UTF_8);
        if (!version.startsWith("Version ") || v[11] != '\n') {
            throw error("not an Aerospike text backup: no 'Version' line");
        }
        String number = version.substring(8, 11);
        if (!number.equals("3.1") && !number.equals("3.0")) {
            throw error("backup format version " + number + " (3.0 and 3.1 are read)");
        }
        this.escaped = number.equals("3.1");
        line++;
    }

    /** The namespace the file names in its meta-data, once read (after the first {@link #next()}). */
    public @Nullable String namespace() {
        return namespace;
    }

    /** Bytes consumed so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Secondary-index and UDF definitions skipped (Aerie restores records only). */
    public int skippedGlobals() {
        return skippedGlobals;
    }

    /** The next record, or null at the end of the file. */
    public @Nullable AsbRecord next() {
        while (true) {
            int c = peek();
            if (c < 0) {
                return null;
            }
            if (c == '#') {
                metaData();
            } else if (c == '*') {
                skipGlobal();
            } else if (c == '+') {
                return record();
            } else {
                throw error("unexpected '" + (char) c + "' at the start of a line");
            }
        }
    }

    private void metaData() {
        expect('#');
        expect(' ');
        String text = untilNewline();
        if (text.startsWith("namespace ")) {
            namespace = unescape(text.substring("namespace ".length()));
        } else if (!text.equals("first-file")) {
            throw error("unknown meta-data '# " + text + "'");
        }
    }

    private void skipGlobal() {
        expect('*');
        expect(' ');
        int kind = read();
        if (kind == 'u') {
            // "* u L name length bytes": the content may hold newlines, so skip it by length.
            expect(' ');
            expect('L');
            expect(' ');
            token();
            int len = (int) number(' ');
            readBytes(len);
            expect('\n');
            line++;
        } else {
            untilNewline();
        }
        skippedGlobals++;
    }

    private AsbRecord record() {
        Object key = null;
        String field = header();
        if (field.equals("k")) {
            key = key();
            field = header();
        }
        require(field, "n");
        String ns = unescape(untilNewline());
        require(header(), "d");
        byte[] digest = Base64.getDecoder().decode(untilNewline());
        if (digest.length != 20) {
            throw error("digest of " + digest.length + " bytes");
        }
        field = header();
        String set = null;
        if (field.equals("s")) {
            set = unescape(untilNewline());
            field = header();
        }
        require(field, "g");
        int generation = (int) number('\n');
        require(header(), "t");
        long voidTime = number('\n');
        require(header(), "b");
        int count = (int) number('\n');
        List<AsbRecord.Bin> bins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bins.add(bin());
        }
        return new AsbRecord(ns, set, digest, key, generation, voidTime, bins);
    }

    private String header() {
        expect('+');
        expect(' ');
        int c = read();
        expect(' ');
        return String.valueOf((char) c);
    }

    private Object key() {
        int type = read();
        boolean rawBytes = peek() == '!';
        if (rawBytes) {
            read();
        }
        expect(' ');
        Object key = switch (type) {
            case 'I' -> number('\n');
            case 'D' -> Double.parseDouble(untilNewline());
            case 'S' -> new String(lengthPrefixed(false), StandardCharsets.UTF_8);
            case 'X' -> new String(lengthPrefixed(true), StandardCharsets.UTF_8);
            case 'B' -> lengthPrefixed(!rawBytes);
            default -> throw error("unknown key type '" + (char) type + "'");
        };
        if (type == 'S' || type == 'X' || type == 'B') {
            expect('\n');
            line++;
        }
        return key;
    }

    private AsbRecord.Bin bin() {
        expect('-');
        expect(' ');
        char type = (char) read();
        boolean rawBytes = peek() == '!';
        if (rawBytes) {
            read();
        }
        expect(' ');
        String name = escaped ? token() : plainToken();
        if (type == 'N') {
            expect('\n');
            line++;
            return new AsbRecord.Bin(name, type, null);
        }
        expect(' ');
        Object value = switch (type) {
            case 'I' -> number('\n');
            case 'D' -> parseDouble(untilNewline());
            case 'Z' -> {
                int c = read();
                expect('\n');
                line++;
                if (c != 'T' && c != 'F') {
                    throw error("boolean is '" + (char) c + "', not T or F");
                }
                yield c == 'T';
            }
            case 'S', 'G' -> new String(lengthPrefixedLine(false), StandardCharsets.UTF_8);
            case 'X' -> new String(lengthPrefixedLine(true), StandardCharsets.UTF_8);
            case 'B', 'J', 'C', 'P', 'R', 'H', 'E', 'Y', 'M', 'L' -> lengthPrefixedLine(!rawBytes);
            default -> throw error("unknown bin type '" + type + "'");
        };
        return new AsbRecord.Bin(name, type, value);
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** "LEN DATA\n": base64 (length in characters) or raw bytes. */
    private byte[] lengthPrefixedLine(boolean base64) {
        byte[] b = lengthPrefixed(base64);
        expect('\n');
        line++;
        return b;
    }

    private byte[] lengthPrefixed(boolean base64) {
        int len = (int) number(' ');
        byte[] data = readBytes(len);
        if (!base64) {
            return data;
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw error("bad base64: " + e.getMessage());
        }
    }

    private void require(String field, String expected) {
        if (!field.equals(expected)) {
            throw error("expected '+ " + expected + "', found '+ " + field + "'");
        }
    }

    /** A decimal number ended by {@code end}, which is consumed. */
    private long number(char end) {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = read()) != end) {
            if (c < 0 || (c != '-' && (c < '0' || c > '9'))) {
                throw error("expected a number");
            }
            b.append((char) c);
        }
        if (end == '\n') {
            line++;
        }
        try {
            return Long.parseLong(b.toString());
        } catch (NumberFormatException e) {
            throw error("bad number '" + b + "'");
        }
    }

    /** An escaped name ended by an unescaped space or newline, which is left unread. */
    private String token() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw error("unexpected end of file");
            }
            if (c == ' ' || c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            read();
            if (c == '\\') {
                c = read();
                if (c < 0) {
                    throw error("unexpected end of file");
                }
            }
            b.write(c);
        }
    }

    private String plainToken() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = peek()) != ' ' && c != '\n') {
            if (c < 0) {
                throw error("unexpected end of file");
            }
            b.write(read());
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The rest of the line, raw (escapes kept), newline consumed. */
    private String untilNewline() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        boolean escape = false;
        while (true) {
            c = read();
            if (c < 0) {
                throw error("unexpected end of file");
            }
            if (c == '\n' && !escape) {
                break;
            }
            escape = escaped && !escape && c == '\\';
            b.write(c);
        }
        line++;
        return b.toString(StandardCharsets.UTF_8);
    }

    private String unescape(String s) {
        if (!escaped) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    private void expect(char c) {
        int got = read();
        if (got != c) {
            throw error(
                    "expected " + describe(c) + ", found " + (got < 0 ? "the end of the file" : describe((char) got)));
        }
    }

    private static String describe(char c) {
        return c == '\n' ? "a newline" : c == ' ' ? "a space" : "'" + c + "'";
    }

    private int peek() {
        if (peeked == -2) {
            peeked = rawRead();
        }
        return peeked;
    }

    private int read() {
        int c = peek();
        peeked = -2;
        if (c >= 0) {
            bytesRead++;
        }
        return c;
    }

    private int rawRead() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] readBytes(int n) {
        if (n < 0) {
            throw error("negative length");
        }
        byte[] b = new byte[n];
        int i = 0;
        if (n > 0 && peeked != -2) {
            if (peeked < 0) {
                throw error("unexpected end of file");
            }
            b[i++] = (byte) peeked;
            peeked = -2;
        }
        try {
            while (i < n) {
                int r = in.read(b, i, n - i);
                if (r < 0) {
                    throw error("unexpected end of file");
                }
                i += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytesRead += n;
        return b;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("backup file line " + line + ": " + message);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
