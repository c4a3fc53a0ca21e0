package io.kargotakip.aws.queue;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three pipeline queues and their dead-letter queues, as {@code template.yaml} declares them;
 * the local runtime and the tests create them from here.
 */
public final class KargoQueues {

    /**
     * raw-events → normalizer, status-changes → rule-evaluator, outbound → sender, poll-work → poller (its workers),
     * amazon-notifications → poller (Amazon's SP-API notifications, which Amazon sends to it), channel-events → sender
     * (providers' feedback: SES's events through SNS).
     */
    public static final String[] NAMES = {"raw-events", "status-changes", "outbound", "poll-work", "amazon-notifications", "channel-events"};
    public static final String AMAZON_NOTIFICATIONS = "amazon-notifications";
    public static final String CHANNEL_EVENTS = "channel-events";

    /** Whether an SQS record's source ARN is that queue's, whatever the stack's prefix (functions that read two queues). */
    public static boolean isQueue(String eventSourceArn, String queue) {
        return eventSourceArn != null && eventSourceArn.endsWith(queue);
    }
    public static final int MAX_RECEIVE_COUNT = 5;
    /** DLQs keep messages 14 days, the most SQS allows. */
    public static final java.time.Duration DLQ_RETENTION = java.time.Duration.ofDays(14);

    /** Queue URLs by name, plus the DLQs as {@code <name>-dlq}. */
    public record Urls(Map<String, String> byName) {
        public String rawEvents() {
            return byName.get("raw-events");
        }

        public String statusChanges() {
            return byName.get("status-changes");
        }

        public String outbound() {
            return byName.get("outbound");
        }

        public String pollWork() {
            return byName.get("poll-work");
        }

        public String amazonNotifications() {
            return byName.get(AMAZON_NOTIFICATIONS);
        }

        public String channelEvents() {
            return byName.get(CHANNEL_EVENTS);
        }

        public String dlq(String name) {
            return byName.get(name + "-dlq");
        }

        /** The environment the functions read their queue URLs from. */
        public Map<String, String> environment() {
            return Map.of("KARGO_QUEUE_RAW_EVENTS_URL", rawEvents(), "KARGO_QUEUE_STATUS_CHANGES_URL", statusChanges(),
                    "KARGO_QUEUE_OUTBOUND_URL", outbound(), "KARGO_QUEUE_POLL_WORK_URL", pollWork(),
                    io.kargotakip.aws.KargoSettings.CHANNEL_EVENTS_QUEUE, channelEvents());
        }
    }

    private KargoQueues() {
    }

    /**
     * @param prefix            prepended to every queue name (tests use a unique one)
     * @param visibilitySeconds at least 6 × the consuming function's timeout on AWS; short locally
     */
    public static Urls createAll(SqsClient sqs, String prefix, int visibilitySeconds) {
        return createAll(sqs, prefix, name -> visibilitySeconds);
    }

    /** @param visibilitySeconds each queue's visibility timeout, by name (without the prefix) */
    public static Urls createAll(SqsClient sqs, String prefix, java.util.function.ToIntFunction<String> visibilitySeconds) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String name : NAMES) {
            String dlqUrl = sqs.createQueue(b -> b.queueName(prefix + name + "-dlq")
                    .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(DLQ_RETENTION.toSeconds())))).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}";
            String url = sqs.createQueue(b -> b.queueName(prefix + name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds.applyAsInt(name)),
                    QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
            urls.put(name, url);
            urls.put(name + "-dlq", dlqUrl);
        }
        return new Urls(urls);
    }
}
