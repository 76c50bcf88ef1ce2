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
record OrderResult(List<ProducerRecord<byte[], byte[]>> outputs, String fatal) {

    static OrderResult publish(List<ProducerRecord<byte[], byte[]>> outputs) {
        return new OrderResult(List.copyOf(outputs), null);
    }

    static OrderResult stop(String reason) {
        return new OrderResult(List.of(), reason);
    }
}
