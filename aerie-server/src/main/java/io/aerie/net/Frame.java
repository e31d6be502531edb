package io.aerie.net;

/**
 * One proto frame off the wire: its type and body (header stripped).
 *
 * @param type the proto type (1 info, 2 admin, 3 AS_MSG, 4 compressed AS_MSG)
 * @param body the body bytes, owned by the frame
 */
record Frame(int type, byte[] body) {}
