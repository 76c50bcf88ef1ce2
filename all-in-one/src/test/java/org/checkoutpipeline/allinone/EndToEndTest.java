package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.checkoutpipeline.allinone.demo.Demo;
import org.checkoutpipeline.allinone.demo.DemoResult;
import org.checkoutpipeline.allinone.demo.DemoSettings;
import org.checkoutpipeline.allinone.demo.DemoOrderOutcome;
import org.checkoutpipeline.allinone.demo.Story;
import org.checkoutpipeline.embeddedkafka.TopicContents;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.Topics;
import org.junit.jupiter.api.Test;

class EndToEndTest {

    @Test
    void everyDemoCustomerStoryEndsInItsStatusWithExactlyOneCommittedDecisionPerOrder() throws Exception {
        try (Pipeline pipeline = Pipeline.start(TestPipelines.embeddedOnFreePorts())) {
            // Every story equally often, so that each is played at least once.
            String everyStory = java.util.Arrays.stream(Story.values()).map(story -> story.optionName() + "=1")
                    .collect(Collectors.joining(","));
            DemoSettings settings = new DemoSettings(150, DemoSettings.customers(everyStory),
                    SyntheticOrders.modes(SyntheticOrders.DEFAULT_MODES),
                    SyntheticOrders.currencies(SyntheticOrders.DEFAULT_CURRENCIES), 7, Duration.ofSeconds(90));
            StringWriter output = new StringWriter();

            DemoResult result = new Demo(pipeline, settings, new PrintWriter(output), false).run();

            assertThat(result.orders()).hasSize(150);
            assertThat(result.orders()).extracting(DemoOrderOutcome::story).contains(Story.values());
            Map<String, List<ConsumerRecord<byte[], byte[]>>> decisions = TopicContents
                    .readCommitted(pipeline.kafka().bootstrapServers(), Topics.FULFILLMENT_EVENTS.name()).stream()
                    .collect(Collectors.groupingBy(record -> new String(record.key())));
            EventCodec codec = EventCodec.standard();
            for (DemoOrderOutcome order : result.orders()) {
                Story story = order.story();
                assertThat(order.status()).as("status API of %s (%s)", order.orderId(), story)
                        .isEqualTo(story.expectedStatus());
                List<ConsumerRecord<byte[], byte[]>> records = decisions.getOrDefault(order.orderId(), List.of());
                assertThat(records).as("decisions of %s (%s)", order.orderId(), story).hasSize(1);
                Object decision = codec.decode(records.get(0).value());
                if (story.endsFulfilled()) {
                    assertThat(decision).as("decision of %s (%s)", order.orderId(), story)
                            .isInstanceOf(FulfillmentRequested.class);
                } else {
                    assertThat(decision).as("decision of %s (%s)", order.orderId(), story).isInstanceOf(OrderCancelled.class);
                    assertThat(((OrderCancelled) decision).getReason()).isEqualTo(story.expectedCancellation());
                }
            }
            result.print(new PrintWriter(output));
            assertThat(result.allAsExpected()).as(output.toString()).isTrue();
            assertThat(result.fulfilled() + result.cancelled()).isEqualTo(150);
            Map<Story, Long> byStory = result.orders().stream()
                    .collect(Collectors.groupingBy(DemoOrderOutcome::story, Collectors.counting()));
            assertThat(byStory.keySet()).containsExactlyInAnyOrder(Story.values());
            assertThat(output.toString()).contains("All 150 orders ended as their customers' stories imply");
        }
    }
}
