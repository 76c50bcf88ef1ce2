package org.checkoutpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules that let old and new writers and readers share a topic: every released version is
 * frozen, and each schema can read, and be read by, every earlier version.
 */
class ReleasedSchemasTest {

    static Iterable<EventType<?>> eventTypes() {
        return EventRegistry.standard().types();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void currentSchemaIsFrozenAsTheLatestReleasedVersion(EventType<?> type) {
        List<Schema> released = type.releasedSchemas();
        assertThat(released)
                .as("%s has no released schema under src/main/resources%s%s/", type.name(),
                        EventRegistry.RELEASED_SCHEMAS, type.name())
                .isNotEmpty();
        assertThat(EventType.fingerprint(released.get(released.size() - 1)))
                .as("%s changed since its latest release: freeze it with ReleaseSchemas (see README, Evolving a schema)",
                        type.name())
                .isEqualTo(EventType.fingerprint(type.schema()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyVersionIsBackwardAndForwardCompatibleWithEveryEarlierOne(EventType<?> type) {
        List<Schema> versions = new java.util.ArrayList<>(type.releasedSchemas());
        versions.add(type.schema());
        for (int newer = 1; newer < versions.size(); newer++) {
            for (int older = 0; older < newer; older++) {
                assertCompatible(type, "backward: v" + (newer + 1) + " reads v" + (older + 1),
                        versions.get(newer), versions.get(older));
                assertCompatible(type, "forward: v" + (older + 1) + " reads v" + (newer + 1),
                        versions.get(older), versions.get(newer));
            }
        }
    }

    private static void assertCompatible(EventType<?> type, String direction, Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType())
                .as("%s %s: %s", type.name(), direction, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
}
