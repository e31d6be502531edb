package io.aerie.protocol;

import java.util.List;

/**
 * The decoded rows of a batch-index request.
 *
 * @param flags the parent flags byte (0x04 = keep going after row errors)
 * @param rows one message per row, in request order
 */
public record BatchRequest(int flags, List<AsMessage> rows) {
    /** Parent flag: report every row's result instead of stopping at the first error. */
    public static final int RESPOND_ALL_KEYS = 0x04;

    /** Whether the batch continues after a row fails. */
    public boolean respondAllKeys() {
        return (flags & RESPOND_ALL_KEYS) != 0;
    }
}
