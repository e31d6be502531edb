/** Client listener: Netty server, proto framing, connection limits, idle reaping, ordered replies. */
@NullMarked
package io.aerie.net;

import org.jspecify.annotations.NullMarked;
