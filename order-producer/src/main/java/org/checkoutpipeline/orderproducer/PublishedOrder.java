package org.checkoutpipeline.orderproducer;

import java.time.Instant;

/**
 * Where an {@code OrderPlaced} was written, once Kafka has acknowledged it to all in-sync replicas.
 *
 * @param orderId   the order
 * @param topic     {@code orders.placed} unless configured otherwise
 * @param partition the partition the orderId hashes to
 * @param offset    the record's offset in that partition
 * @param timestamp the record's timestamp
 */
public record PublishedOrder(String orderId, String topic, int partition, long offset, Instant timestamp) {
}
