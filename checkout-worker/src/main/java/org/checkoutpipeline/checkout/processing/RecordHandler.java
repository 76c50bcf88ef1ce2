package org.checkoutpipeline.checkout.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What {@link CheckoutLoop} does with one record, on a pool thread. Must be thread-safe. */
@FunctionalInterface
interface RecordHandler {

    /**
     * @param partitionCount the partition count of the consumed topic, 0 while unknown
     * @return the records to publish in the transaction that commits this record's offset
     * @throws InterruptedException when the loop is stopping; the record stays uncommitted
     */
    OrderOutputs handle(ConsumerRecord<byte[], byte[]> record, int partitionCount) throws InterruptedException;
}
