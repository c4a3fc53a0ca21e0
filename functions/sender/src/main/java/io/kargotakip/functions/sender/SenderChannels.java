package io.kargotakip.functions.sender;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.channels.email.SesEmailChannel;
import io.kargotakip.channels.push.SnsPushChannel;
import io.kargotakip.channels.webpush.WebPushChannel;
import io.kargotakip.channels.sms.SmsSettings;
import io.kargotakip.channels.sms.SnsSmsChannel;
import io.kargotakip.channels.whatsapp.WhatsAppChannel;
import io.kargotakip.channels.whatsapp.WhatsAppTemplates;
import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.PushPlatform;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The channels this sender is configured with, built at run time with their provider clients. Only this function
 * depends on channel packages; a channel whose configuration is missing is not built, and the start-up log says so
 * in one line (its messages are then suppressed as "channel ... is not enabled", never half-sent).
 */
final class SenderChannels implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SenderChannels.class);

    /**
     * How one channel is built: its id, the settings it cannot do without, settings of which it needs at least one
     * (empty: none), and the builder given the settings.
     */
    private record Factory(String id, List<String> requiredSettings, List<String> anyOfSettings, Function<Built, Channel<?>> build) {

        Factory(String id, List<String> requiredSettings, Function<Built, Channel<?>> build) {
            this(id, requiredSettings, List.of(), build);
        }
    }

    /** What a factory builds into: the settings, and the clients to close at shutdown. */
    record Built(KargoSettings settings, List<AutoCloseable> clients) {
    }

    static final String WEBPUSH_PUBLIC_KEY = "KARGO_WEBPUSH_VAPID_PUBLIC_KEY";
    static final String WEBPUSH_PRIVATE_KEY = "KARGO_WEBPUSH_VAPID_PRIVATE_KEY";
    static final String WEBPUSH_SUBJECT = "KARGO_WEBPUSH_SUBJECT";
    static final String WEBPUSH_TTL = "KARGO_WEBPUSH_TTL_SECONDS";

    private static final List<Factory> FACTORIES = List.of(
            // SES stays on the plain AWS SDK (the design card); KARGO_ENDPOINT_SES points it at the emulator locally
            new Factory(SesEmailChannel.ID, List.of("KARGO_BRAND_FROM_EMAIL"), b -> {
                SesV2Client ses = b.settings().client(SesV2Client.builder(), "KARGO_ENDPOINT_SES");
                b.clients().add(ses);
                return new SesEmailChannel(ses, b.settings().required("KARGO_BRAND_FROM_EMAIL"),
                        b.settings().get("KARGO_SES_CONFIGURATION_SET").orElse(null));
            }),
            // SMS is on when its sender ID is set (Turkey takes only a registered one); a wrong SMS setting stops the
            // start-up with every problem named. KARGO_ENDPOINT_SNS points it at the local SNS stand-in.
            new Factory(SnsSmsChannel.ID, List.of(SmsSettings.SENDER_ID), b -> {
                SmsSettings sms = SmsSettings.fromEnvironment(key -> b.settings().get(key).orElse(null));
                SnsClient sns = b.settings().client(SnsClient.builder(), "KARGO_ENDPOINT_SNS");
                b.clients().add(sns);
                return new SnsSmsChannel(sns, sms);
            }),
            // WhatsApp Cloud API on the JDK's HTTP client; KARGO_WHATSAPP_BASE_URL points it at the sandbox locally.
            // The templates file is read and checked here: a bad one stops the sender at start-up.
            new Factory(WhatsAppChannel.ID, List.of("KARGO_WHATSAPP_PHONE_NUMBER_ID", "KARGO_WHATSAPP_TOKEN"), b ->
                    new WhatsAppChannel(java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build(),
                            b.settings().get("KARGO_WHATSAPP_BASE_URL").orElse(WhatsAppChannel.DEFAULT_BASE_URL),
                            b.settings().get("KARGO_WHATSAPP_API_VERSION").orElse(WhatsAppChannel.DEFAULT_API_VERSION),
                            b.settings().required("KARGO_WHATSAPP_PHONE_NUMBER_ID"), b.settings().required("KARGO_WHATSAPP_TOKEN"),
                            WhatsAppTemplates.load(b.settings().templatesDir().orElse(null)))),
            // Mobile push is on when a platform application ARN (FCM, APNs, APNs sandbox) is set: the orders API then
            // registers devices as endpoints of it; the sender only publishes to the endpoint ARN a customer has.
            new Factory(SnsPushChannel.ID, List.of(), java.util.Arrays.stream(PushPlatform.values()).map(PushPlatform::applicationArnSetting).toList(),
                    b -> {
                        SnsClient sns = b.settings().client(SnsClient.builder(), "KARGO_ENDPOINT_SNS");
                        b.clients().add(sns);
                        return new SnsPushChannel(sns);
                    }),
            // Web push is on when the VAPID key pair is set; a malformed key, a missing or wrong subject or TTL stop the
            // start naming the setting (never its value). Pushes go on the JDK's HTTP client to the browsers' push services.
            new Factory(WebPushChannel.ID, List.of(WEBPUSH_PUBLIC_KEY, WEBPUSH_PRIVATE_KEY), b -> webPush(b.settings())));

    static WebPushChannel webPush(KargoSettings settings) {
        com.interaso.webpush.VapidKeys keys = WebPushChannel.keys(settings.required(WEBPUSH_PUBLIC_KEY), settings.required(WEBPUSH_PRIVATE_KEY),
                WEBPUSH_PUBLIC_KEY, WEBPUSH_PRIVATE_KEY);
        String subject = settings.get(WEBPUSH_SUBJECT).map(String::strip).orElseThrow(() -> new IllegalArgumentException(
                WEBPUSH_SUBJECT + " is not set: RFC 8292 wants a mailto: or https: contact for the push services"));
        if (!subject.startsWith("mailto:") && !subject.startsWith("https:")) {
            throw new IllegalArgumentException(WEBPUSH_SUBJECT + " must start with mailto: or https:");
        }
        int ttl;
        try {
            ttl = settings.get(WEBPUSH_TTL).map(String::strip).map(Integer::parseInt).orElse(WebPushChannel.DEFAULT_TTL_SECONDS);
        } catch (NumberFormatException e) {
            ttl = -1;
        }
        if (ttl < 0 || ttl > 2_419_200) {
            throw new IllegalArgumentException(WEBPUSH_TTL + " must be 0..2419200 seconds (28 days, what push services keep at most)");
        }
        return new WebPushChannel(java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build(), subject, keys, ttl);
    }

    private final Map<String, Channel<?>> channels;
    private final List<AutoCloseable> clients;

    private SenderChannels(Map<String, Channel<?>> channels, List<AutoCloseable> clients) {
        this.channels = Map.copyOf(channels);
        this.clients = List.copyOf(clients);
    }

    static SenderChannels build(KargoSettings settings) {
        Map<String, Channel<?>> channels = new LinkedHashMap<>();
        List<AutoCloseable> clients = new ArrayList<>();
        for (Factory factory : FACTORIES) {
            List<String> missing = factory.requiredSettings().stream().filter(key -> settings.get(key).isEmpty()).toList();
            if (!missing.isEmpty()) {
                LOG.warnf("channel %s not built: %s not set", factory.id(), String.join(", ", missing));
                continue;
            }
            if (!factory.anyOfSettings().isEmpty() && factory.anyOfSettings().stream().allMatch(key -> settings.get(key).isEmpty())) {
                LOG.warnf("channel %s not built: none of %s set", factory.id(), String.join(", ", factory.anyOfSettings()));
                continue;
            }
            channels.put(factory.id(), factory.build().apply(new Built(settings, clients)));
        }
        LOG.infof("channels built: %s", channels.keySet());
        return new SenderChannels(channels, clients);
    }

    Map<String, Channel<?>> byId() {
        return channels;
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.debugf("closing a channel client: %s", e.getMessage());
            }
        }
    }
}
