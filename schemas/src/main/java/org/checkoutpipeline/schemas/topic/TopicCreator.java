package org.checkoutpipeline.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics that do not exist yet; existing topics are left as they are.
 * Safe to run from every service at start-up, concurrently.
 */
public final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicCreator(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** What a run did: the topics it created and the ones that were there already. */
    public record Result(List<String> created, List<String> existing) {
    }

    /**
     * Creates every catalogue topic with its default partition count and a replication factor of
     * three, or the cluster's broker count if smaller.
     */
    public Result createAll() {
        return create(Topics.all(), 0, replicationFactorForCluster());
    }

    /**
     * Creates the given topics.
     *
     * @param partitions        partition count for every topic, or 0 for each topic's default
     * @param replicationFactor replicas of each partition
     */
    public Result create(Collection<TopicSpec> topics, int partitions, short replicationFactor) {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (catalogue default) or more. Got: " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1. Got: " + replicationFactor);
        }
        List<NewTopic> newTopics = topics.stream()
                .map(topic -> new NewTopic(topic.name(), partitions == 0 ? topic.partitions() : partitions, replicationFactor)
                        .configs(topic.configs()))
                .toList();
        CreateTopicsResult result = admin.createTopics(newTopics);
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (String name : result.values().keySet()) {
            try {
                result.values().get(name).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
                existing.add(name);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out after " + timeout + " creating topic " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted creating topic " + name, e);
            }
        }
        if (!created.isEmpty()) {
            awaitWritable(created);
            log.info("Created topics {} (replication factor {})", created, replicationFactor);
        }
        return new Result(List.copyOf(created), List.copyOf(existing));
    }

    /**
     * Waits until every partition of the new topics accepts requests at its leader. A producer
     * writing to a partition the moment it is created can otherwise see its first batch refused
     * with NOT_LEADER_OR_FOLLOWER while a later batch is appended; the idempotent producer then
     * retries the first one forever with OUT_OF_ORDER_SEQUENCE_NUMBER and finally drops it
     * (KAFKA-15591, present in Kafka 4.4). Listing offsets is answered by the partition leader's
     * own replica manager, so once it succeeds for every partition, writes are safe.
     */
    private void awaitWritable(List<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .forEach((name, description) -> description.partitions().forEach(partition ->
                                partitions.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                last = e;
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for topics " + topics + " to accept writes", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for topics " + topics + " to accept writes", e);
            }
        }
        throw new IllegalStateException("Topics " + topics + " do not accept writes after " + timeout, last);
    }

    private short replicationFactorForCluster() {
        try {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return (short) Math.max(1, Math.min(3, brokers));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot reach the Kafka cluster to create topics within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted describing the Kafka cluster", e);
        }
    }
}
