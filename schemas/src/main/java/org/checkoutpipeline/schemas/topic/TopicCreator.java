package org.checkoutpipeline.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
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
            awaitLeaders(created);
            log.info("Created topics {} (replication factor {})", created, replicationFactor);
        }
        return new Result(List.copyOf(created), List.copyOf(existing));
    }

    /**
     * Waits until every partition of the new topics has a leader. A producer that writes to a topic
     * the moment it was created can otherwise meet NOT_LEADER_OR_FOLLOWER while the metadata
     * spreads, and an idempotent producer's retries may then fail with an out-of-order sequence.
     */
    private void awaitLeaders(List<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .values().stream()
                        .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null
                                && !partition.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                log.debug("Topics {} not described yet: {}", topics, e.getCause().toString());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out after " + timeout + " waiting for leaders of " + topics, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for leaders of " + topics, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + topics + " have partitions without a leader after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for leaders of " + topics, e);
            }
        }
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
