package org.checkoutpipeline.schemas.topic;

import java.util.Map;
import java.util.Objects;

/**
 * A topic of the pipeline as the catalogue declares it.
 *
 * @param name       the topic name
 * @param partitions the default partition count when the catalogue creates it
 * @param configs    topic-level settings, e.g. {@code cleanup.policy=compact}
 * @param doc        what the topic carries and who writes it
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, String doc) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + " needs at least one partition. Got: " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    public boolean compacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }
}
