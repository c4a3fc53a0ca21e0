package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.PushPlatform;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A customer's app registers its device for push: the token becomes an SNS platform endpoint of the platform's
 * application ({@code KARGO_PUSH_FCM_APP_ARN}, {@code KARGO_PUSH_APNS_APP_ARN}, {@code KARGO_PUSH_APNS_SANDBOX_APP_ARN}),
 * and its ARN the order customer's {@link ContactKind#DEVICE_TOKEN} contact, which the sender's push channel
 * publishes to. SNS's {@code CreatePlatformEndpoint} answers the same ARN for the same token, so an app may register
 * on every start; a new token (or a reinstall) gives a new endpoint that replaces the contact.
 */
final class DeviceRegistration {

    /** FCM tokens are ~160 characters, APNs tokens 64 hex digits; SNS takes no whitespace in either. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{16,4096}");

    /** The outcome, for the resource to answer with. */
    sealed interface Result {
        record Registered(String orderId, PushPlatform platform, String endpointArn) implements Result {
        }

        /** {@code status}: 404 no such order, 422 a platform or token we cannot take, 502/503 SNS refused or is down. */
        record Refused(int status, String title, String detail) implements Result {
        }
    }

    private final SnsClient sns;
    private final OrderRepository orders;
    private final Map<PushPlatform, String> applications;

    DeviceRegistration(SnsClient sns, OrderRepository orders, Map<PushPlatform, String> applications) {
        this.sns = sns;
        this.orders = orders;
        this.applications = Map.copyOf(applications);
    }

    /** The platform application ARNs the settings name (a blank one is no platform). */
    static Map<PushPlatform, String> applications(Function<String, Optional<String>> settings) {
        return Arrays.stream(PushPlatform.values())
                .flatMap(p -> settings.apply(p.applicationArnSetting()).map(String::strip).map(arn -> Map.entry(p, arn)).stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    Result register(String orderId, String platformName, String token) {
        Optional<PushPlatform> platform = PushPlatform.fromWireName(platformName);
        if (platform.isEmpty()) {
            return new Result.Refused(422, "Unknown platform", "platform '" + platformName + "' is not one of "
                    + Arrays.stream(PushPlatform.values()).map(PushPlatform::wireName).collect(Collectors.joining(", ")));
        }
        String application = applications.get(platform.get());
        if (application == null) {
            return new Result.Refused(422, "Platform not configured", "push to " + platform.get().wireName()
                    + " is not set up here (" + platform.get().applicationArnSetting() + " is empty)");
        }
        if (token == null || !TOKEN.matcher(token).matches()) {
            return new Result.Refused(422, "Invalid token", "token must be the device token the platform gave the app: "
                    + "16 to 4096 printable characters, no spaces");
        }
        if (orders.find(orderId).isEmpty()) {
            return new Result.Refused(404, "Order not found", "no order '" + orderId + "'");
        }
        String endpointArn;
        try {
            endpointArn = sns.createPlatformEndpoint(b -> b.platformApplicationArn(application).token(token)).endpointArn();
        } catch (SnsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            // SNS refuses a token it cannot take as InvalidParameter; the message may hold the token: only the code goes out
            return e.statusCode() == 400 && "InvalidParameter".equals(code)
                    ? new Result.Refused(422, "Invalid token", "SNS refused the token for " + platform.get().wireName() + " (" + code + ")")
                    : new Result.Refused(e.statusCode() == 429 || e.statusCode() >= 500 ? 503 : 502, "Push registration failed",
                    "SNS answered " + code + " (HTTP " + e.statusCode() + ")");
        } catch (SdkClientException e) {
            return new Result.Refused(503, "Push registration failed", "SNS unreachable; try again");
        }
        if (!orders.putContact(orderId, ContactKind.DEVICE_TOKEN, endpointArn)) {
            return new Result.Refused(404, "Order not found", "no order '" + orderId + "'");
        }
        return new Result.Registered(orderId, platform.get(), endpointArn);
    }
}
