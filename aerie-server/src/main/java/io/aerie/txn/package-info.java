/** Single-record, batch and scan transactions: decode a request, apply it to a namespace, encode the reply. */
@NullMarked
package io.aerie.txn;

import org.jspecify.annotations.NullMarked;
