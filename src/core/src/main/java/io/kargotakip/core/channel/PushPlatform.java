package io.kargotakip.core.channel;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mobile push platforms SNS delivers to, each through a platform application the merchant created in SNS
 * (FCM credentials or an APNs key). The app registers its device token on the orders API with the platform's wire
 * name; the sender reads the platform back from the endpoint ARN SNS made of it
 * ({@code arn:aws:sns:<region>:<account>:endpoint/<GCM|APNS|APNS_SANDBOX>/<application>/<id>}).
 */
public enum PushPlatform {
    /** Firebase Cloud Messaging (Android, also iOS through Firebase); SNS still calls it GCM. */
    FCM("fcm", "GCM", "KARGO_PUSH_FCM_APP_ARN"),
    APNS("apns", "APNS", "KARGO_PUSH_APNS_APP_ARN"),
    /** APNs' development environment (apps built for testing). */
    APNS_SANDBOX("apns_sandbox", "APNS_SANDBOX", "KARGO_PUSH_APNS_SANDBOX_APP_ARN");

    private static final Pattern ENDPOINT_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:endpoint/(GCM|APNS|APNS_SANDBOX)/[^/]+/[^/]+");

    private final String wireName;
    private final String snsName;
    private final String applicationArnSetting;

    PushPlatform(String wireName, String snsName, String applicationArnSetting) {
        this.wireName = wireName;
        this.snsName = snsName;
        this.applicationArnSetting = applicationArnSetting;
    }

    /** What the app sends: {@code fcm}, {@code apns}, {@code apns_sandbox}. */
    public String wireName() {
        return wireName;
    }

    /** SNS's name: the key of this platform's payload in a {@code MessageStructure=json} message, and part of its ARNs. */
    public String snsName() {
        return snsName;
    }

    /** The setting holding the SNS platform application ARN of this platform (empty: no push to it). */
    public String applicationArnSetting() {
        return applicationArnSetting;
    }

    public static Optional<PushPlatform> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (PushPlatform p : values()) {
            if (p.wireName.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The platform of an SNS platform endpoint ARN; empty when it is not one. */
    public static Optional<PushPlatform> ofEndpointArn(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ENDPOINT_ARN.matcher(arn.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        for (PushPlatform p : values()) {
            if (p.snsName.equals(m.group(1))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
