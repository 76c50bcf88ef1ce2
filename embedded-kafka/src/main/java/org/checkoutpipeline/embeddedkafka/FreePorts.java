package org.checkoutpipeline.embeddedkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports on the loopback address, for brokers and servers that must know their ports before they start. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code count} distinct free ports. Every socket stays open until all are chosen: a port
     * closed a moment ago may be handed out again at once, so choosing them one by one once gave a
     * broker's two listeners the same port.
     */
    public static List<Integer> distinct(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback address", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free again either way
                }
            }
        }
    }
}
