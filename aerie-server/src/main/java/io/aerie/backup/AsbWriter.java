package io.aerie.backup;

import io.aerie.protocol.Bytes;
import io.aerie.protocol.ParticleType;
import io.aerie.storage.Record;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Writes records in Aerospike's text backup format, as {@code asbackup} does: a record is a block
 * of {@code + } header lines (key, namespace, digest, set, generation, void-time, bin count) and
 * one {@code - } line per bin. Names are escaped (backslash before backslash, space and newline);
 * strings go raw with their byte length, blobs, lists and maps as base64 of their bytes. Pure.
 */
public final class AsbWriter {
    /** The first line of every backup file. */
    public static final String VERSION_LINE = "Version 3.1\n";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

    /** The file header: version, namespace, and the first-file mark. */
    public static byte[] header(String namespace) {
        return (VERSION_LINE + "# namespace " + escape(namespace) + "\n# first-file\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code record} (in {@link Record}'s layout, whole) of namespace {@code ns} and set {@code set}. */
    public void write(String ns, @Nullable String set, byte[] record) {
        int keyLen = Record.keyLength(record);
        if (keyLen > 0) {
            key(record, Record.keyOffset(record), keyLen);
        }
        line("+ n " + escape(ns));
        byte[] digest = new byte[20];
        System.arraycopy(record, 0, digest, 0, 20);
        line("+ d " + Base64.getEncoder().encodeToString(digest));
        if (set != null && !set.isEmpty()) {
            line("+ s " + escape(set));
        }
        line("+ g " + Record.generation(record));
        line("+ t " + Integer.toUnsignedString(Record.voidTime(record)));
        int count = Record.binCount(record);
        line("+ b " + count);
        int pos = Record.binsOffset(record);
        for (int i = 0; i < count; i++) {
            int size = Bytes.getInt(record, pos);
            int type = record[pos + 5] & 0xFF;
            int nameLen = record[pos + 7] & 0xFF;
            String name = new String(record, pos + 8, nameLen, StandardCharsets.UTF_8);
            int valueOff = pos + 8 + nameLen;
            int valueLen = 4 + size - 8 - nameLen;
            bin(name, type, record, valueOff, valueLen);
            pos += 4 + size;
        }
    }

    /** The bytes written so far; the writer starts over empty. */
    public byte[] take() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }

    public int size() {
        return out.size();
    }

    private void key(byte[] r, int off, int len) {
        int type = r[off] & 0xFF;
        int v = off + 1;
        int n = len - 1;
        switch (type) {
            case ParticleType.INTEGER -> line("+ k I " + Bytes.getLong(r, v));
            case ParticleType.DOUBLE -> line("+ k D " + formatDouble(Double.longBitsToDouble(Bytes.getLong(r, v))));
            case ParticleType.STRING -> raw("+ k S ", r, v, n);
            default -> line("+ k B " + base64Field(r, v, n));
        }
    }

    private void bin(String name, int type, byte[] r, int off, int len) {
        String n = escape(name);
        switch (type) {
            case ParticleType.NULL -> line("- N " + n);
            case ParticleType.INTEGER -> line("- I " + n + " " + Bytes.getLong(r, off));
            case ParticleType.DOUBLE ->
                line("- D " + n + " " + formatDouble(Double.longBitsToDouble(Bytes.getLong(r, off))));
            case ParticleType.BOOL -> line("- Z " + n + " " + (r[off] != 0 ? "T" : "F"));
            case ParticleType.STRING -> raw("- S " + n + " ", r, off, len);
            case ParticleType.GEOJSON -> {
                // Stored as the client sends it: flags, cell count, cells, then the JSON text.
                int cells = ((r[off + 1] & 0xFF) << 8) | (r[off + 2] & 0xFF);
                int json = 3 + cells * 8;
                raw("- G " + n + " ", r, off + json, len - json);
            }
            default -> line("- " + bytesLetter(type) + " " + n + " " + base64Field(r, off, len));
        }
    }

    /** The type letter of a bytes-family particle. */
    static char bytesLetter(int type) {
        return switch (type) {
            case ParticleType.JBLOB -> 'J';
            case 8 -> 'C';
            case 9 -> 'P';
            case 10 -> 'R';
            case 11 -> 'H';
            case 12 -> 'E';
            case ParticleType.HLL -> 'Y';
            case ParticleType.MAP -> 'M';
            case ParticleType.LIST -> 'L';
            default -> 'B';
        };
    }

    private static String base64Field(byte[] r, int off, int len) {
        byte[] slice = new byte[len];
        System.arraycopy(r, off, slice, 0, len);
        String b64 = Base64.getEncoder().encodeToString(slice);
        return b64.length() + " " + b64;
    }

    private void raw(String prefix, byte[] r, int off, int len) {
        byte[] p = (prefix + len + " ").getBytes(StandardCharsets.UTF_8);
        out.write(p, 0, p.length);
        out.write(r, off, len);
        out.write('\n');
    }

    private void line(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        out.write('\n');
    }

    /** A name as the format writes it: backslash before backslash, space and newline. */
    public static String escape(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c == ' ' || c == '\n') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A double as C's {@code printf("%.17g")} writes it, which reads back exactly. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal v = new BigDecimal(d).round(new MathContext(17));
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            String e = String.format(java.util.Locale.ROOT, "%02d", Math.abs(exponent));
            return m + "e" + (exponent < 0 ? "-" : "+") + e;
        }
        return v.stripTrailingZeros().toPlainString();
    }
}
