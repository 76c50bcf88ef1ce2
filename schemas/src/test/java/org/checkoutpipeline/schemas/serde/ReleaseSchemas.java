package org.checkoutpipeline.schemas.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.avro.Schema;

/**
 * Freezes the current schema of every event whose schema changed since its latest released
 * version, as the next {@code v<N>.avsc} under {@code src/main/resources}. Run it when releasing a
 * schema change (see the README's "Evolving a schema"):
 *
 * <pre>mvn -pl schemas -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.checkoutpipeline.schemas.serde.ReleaseSchemas</pre>
 */
public final class ReleaseSchemas {

    private ReleaseSchemas() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "schemas/src/main/resources")
                .resolve(EventRegistry.RELEASED_SCHEMAS.substring(1));
        int released = 0;
        for (EventType<?> type : EventRegistry.standard().types()) {
            List<Schema> versions = type.releasedSchemas();
            boolean unchanged = !versions.isEmpty()
                    && EventType.fingerprint(versions.get(versions.size() - 1)) == EventType.fingerprint(type.schema());
            if (unchanged) {
                continue;
            }
            Path file = root.resolve(type.name()).resolve("v" + (versions.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, type.schema().toString(true) + "\n", StandardCharsets.UTF_8);
            System.out.println("Released " + type.name() + " as " + file);
            released++;
        }
        System.out.println(released == 0 ? "Every event schema is already released." : "Released " + released + " schema(s).");
    }
}
