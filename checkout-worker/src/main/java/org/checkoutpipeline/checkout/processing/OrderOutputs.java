package org.checkoutpipeline.checkout.processing;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What processing one {@code orders.placed} record produced.
 *
 * @param outputs records to publish in the transaction that commits the input's offset
 * @param fatal   non-null when the worker must stop (Stripe refused the API key); the input is then
 *                left uncommitted, to be processed once the key is fixed
 */
record OrderOutputs(List<ProducerRecord<byte[], byte[]>> outputs, String fatal) {

    static OrderOutputs publish(List<ProducerRecord<byte[], byte[]>> outputs) {
        return new OrderOutputs(List.copyOf(outputs), null);
    }

    static OrderOutputs stop(String reason) {
        return new OrderOutputs(List.of(), reason);
    }
}
