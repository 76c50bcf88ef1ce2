package org.checkoutpipeline.embeddedkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void givesDistinctPortsThatCanAllBeBound() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<Integer> ports = FreePorts.distinct(4);

            assertThat(ports).hasSize(4).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isPositive());
            for (int port : ports) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    assertThat(socket.getLocalPort()).isEqualTo(port);
                }
            }
        }
    }
}
