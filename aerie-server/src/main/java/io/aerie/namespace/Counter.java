package io.aerie.namespace;

/** Per-namespace statistics counters, named as Aerospike's {@code namespace/<ns>} reports them. */
public enum Counter {
    CLIENT_READ_SUCCESS("client_read_success"),
    CLIENT_READ_NOT_FOUND("client_read_not_found"),
    CLIENT_READ_ERROR("client_read_error"),
    CLIENT_WRITE_SUCCESS("client_write_success"),
    CLIENT_WRITE_ERROR("client_write_error"),
    CLIENT_DELETE_SUCCESS("client_delete_success"),
    CLIENT_DELETE_NOT_FOUND("client_delete_not_found"),
    CLIENT_DELETE_ERROR("client_delete_error"),
    CLIENT_TOUCH_SUCCESS("client_touch_success"),
    CLIENT_TOUCH_ERROR("client_touch_error"),
    CLIENT_LANG_ERROR("client_lang_error"),
    BATCH_SUB_READ_SUCCESS("batch_sub_read_success"),
    BATCH_SUB_READ_NOT_FOUND("batch_sub_read_not_found"),
    BATCH_SUB_READ_ERROR("batch_sub_read_error"),
    BATCH_SUB_WRITE_SUCCESS("batch_sub_write_success"),
    BATCH_SUB_WRITE_ERROR("batch_sub_write_error"),
    BATCH_SUB_DELETE_SUCCESS("batch_sub_delete_success"),
    BATCH_SUB_DELETE_NOT_FOUND("batch_sub_delete_not_found"),
    BATCH_SUB_DELETE_ERROR("batch_sub_delete_error"),
    PI_QUERY_SHORT_BASIC_COMPLETE("pi_query_short_basic_complete"),
    PI_QUERY_LONG_BASIC_COMPLETE("pi_query_long_basic_complete"),
    PI_QUERY_LONG_BASIC_ABORT("pi_query_long_basic_abort"),
    FAIL_KEY_BUSY("fail_key_busy"),
    FAIL_GENERATION("fail_generation"),
    FAIL_RECORD_TOO_BIG("fail_record_too_big"),
    EXPIRED_OBJECTS("expired_objects"),
    EVICTED_OBJECTS("evicted_objects"),
    TRUNCATED_RECORDS("truncated_records");

    private final String statName;

    Counter(String statName) {
        this.statName = statName;
    }

    /** The name in info output. */
    public String statName() {
        return statName;
    }
}
