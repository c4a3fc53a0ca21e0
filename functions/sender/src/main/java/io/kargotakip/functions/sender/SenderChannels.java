package io.kargotakip.functions.sender;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.KargoSettings;
import io.kargotakip.channels.email.SesEmailChannel;
import io.kargotakip.channels.push.SnsPushChannel;
import io.kargotakip.channels.sms.SmsSettings;
import io.kargotakip.channels.sms.SnsSmsChannel;
import io.kargotakip.channels.whatsapp.WhatsAppChannel;
import io.kargotakip.channels.whatsapp.WhatsAppTemplates;
import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.PushPlatform;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
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

    private static final List<Factory> FACTORIES = List.of(
            // SES stays on the plain AWS SDK (the design card); KARGO_ENDPOINT_SES points it at the emulator locally
            new Factory(SesEmailChannel.ID, List.of("KARGO_BRAND_FROM_EMAIL"), b -> {
                SesV2Client ses = b.settings().get("KARGO_ENDPOINT_SES").map(URI::create)
                        .map(uri -> AwsClients.client(SesV2Client.builder(), uri))
                        .orElseGet(() -> AwsClients.client(SesV2Client.builder()));
                b.clients().add(ses);
                return new SesEmailChannel(ses, b.settings().required("KARGO_BRAND_FROM_EMAIL"),
                        b.settings().get("KARGO_SES_CONFIGURATION_SET").orElse(null));
            }),
            // SMS is on when its sender ID is set (Turkey takes only a registered one); a wrong SMS setting stops the
            // start-up with every problem named. KARGO_ENDPOINT_SNS points it at the local SNS stand-in.
            new Factory(SnsSmsChannel.ID, List.of(SmsSettings.SENDER_ID), b -> {
                SmsSettings sms = SmsSettings.fromEnvironment(key -> b.settings().get(key).orElse(null));
                SnsClient sns = b.settings().get("KARGO_ENDPOINT_SNS").map(URI::create)
                        .map(uri -> AwsClients.client(SnsClient.builder(), uri))
                        .orElseGet(() -> AwsClients.client(SnsClient.builder()));
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
                        SnsClient sns = b.settings().get("KARGO_ENDPOINT_SNS").map(URI::create)
                                .map(uri -> AwsClients.client(SnsClient.builder(), uri))
                                .orElseGet(() -> AwsClients.client(SnsClient.builder()));
                        b.clients().add(sns);
                        return new SnsPushChannel(sns);
                    }));

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
